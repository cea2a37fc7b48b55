/**
 * Template helpers. Each is a plain function (unit-tested directly) plus its Handlebars wrapper, which
 * reads defaults (locale, time zone, store URL) from the root context.
 */

type HelperOptions = { hash?: Record<string, unknown>; data?: { root?: any } }

const DEFAULT_LOCALE = "en-US"

const locales = new Map<string, string | null>()

function validLocale(locale: unknown): string | null {
  if (typeof locale !== "string" || !locale.trim()) return null
  const name = locale.trim()
  let valid = locales.get(name)
  if (valid === undefined) {
    try {
      valid = Intl.NumberFormat.supportedLocalesOf([name]).length ? name : null
    } catch {
      valid = null
    }
    if (locales.size >= 1000) locales.clear()
    locales.set(name, valid)
  }
  return valid
}

// Building an Intl formatter costs far more than using one, and a send renders thousands of
// emails with the same few locales, currencies and zones. An invalid combination is cached as null.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | null>()
const MAX_FORMATTERS = 1000

function cachedFormatter<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T | null {
  if (formatters.has(key)) return formatters.get(key) as T | null
  let formatter: T | null
  try {
    formatter = make()
  } catch {
    formatter = null
  }
  if (formatters.size >= MAX_FORMATTERS) formatters.clear()
  formatters.set(key, formatter)
  return formatter
}

function validTimeZone(zone: unknown): string | null {
  if (typeof zone !== "string" || !zone.trim()) return null
  const name = zone.trim()
  return cachedFormatter(`zone|${name}`, () => new Intl.DateTimeFormat("en-US", { timeZone: name })) ? name : null
}

function toNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value)
  if (value && typeof value === "object" && Object.prototype.hasOwnProperty.call(value, "numeric")) {
    return toNumber((value as { numeric: unknown }).numeric)
  }
  return null
}

/**
 * Formats an amount in major units (Medusa 2 stores 19.99 as 19.99) in a currency and locale.
 * Unknown currency codes fall back to "19.99 XYZ"; a missing amount renders as an empty string.
 */
export function formatMoney(amount: unknown, currencyCode: unknown, locale?: unknown): string {
  const value = toNumber(amount)
  if (value === null) return ""
  const loc = validLocale(locale) ?? DEFAULT_LOCALE
  const currency = typeof currencyCode === "string" && /^[a-z]{3}$/i.test(currencyCode.trim()) ? currencyCode.trim().toUpperCase() : null
  if (currency) {
    const money = cachedFormatter(`money|${loc}|${currency}`, () => new Intl.NumberFormat(loc, { style: "currency", currency }))
    if (money) return money.format(value)
  }
  const plain = cachedFormatter(
    `number|${loc}`,
    () => new Intl.NumberFormat(loc, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
  )!.format(value)
  return currency ? `${plain} ${currency}` : plain
}

const DATE_FORMATS: Record<string, Intl.DateTimeFormatOptions> = {
  short: { dateStyle: "short" },
  medium: { dateStyle: "medium" },
  long: { dateStyle: "long" },
  full: { dateStyle: "full" },
  time: { timeStyle: "short" },
  datetime: { dateStyle: "medium", timeStyle: "short" },
  long_datetime: { dateStyle: "long", timeStyle: "short" },
}
export const DATE_FORMAT_NAMES = [...Object.keys(DATE_FORMATS), "iso"]

/**
 * Formats a date (ISO string, epoch milliseconds or Date) in a time zone (UTC when missing or unknown)
 * and locale. Formats: short, medium (default), long, full, time, datetime, long_datetime, iso (the date
 * as YYYY-MM-DD in that zone). An unparsable date renders as an empty string.
 */
export function formatDate(value: unknown, format?: unknown, timeZone?: unknown, locale?: unknown): string {
  if (value === null || value === undefined || value === "") return ""
  const date = value instanceof Date ? value : new Date(value as string | number)
  if (Number.isNaN(date.getTime())) return ""
  const zone = validTimeZone(timeZone) ?? "UTC"
  const name = typeof format === "string" ? format : "medium"
  if (name === "iso") {
    return cachedFormatter(
      `iso|${zone}`,
      () => new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" })
    )!.format(date)
  }
  const key = DATE_FORMATS[name] ? name : "medium"
  const loc = validLocale(locale) ?? DEFAULT_LOCALE
  return cachedFormatter(
    `date|${key}|${loc}|${zone}`,
    () => new Intl.DateTimeFormat(loc, { ...DATE_FORMATS[key], timeZone: zone })
  )!.format(date)
}

/**
 * A product's storefront URL: `store.url + "/products/" + handle`; the product's own `url` when it has no
 * handle; the store URL when it has neither.
 */
export function productUrl(product: unknown, storeUrl: unknown): string {
  const base = typeof storeUrl === "string" ? storeUrl.replace(/\/+$/, "") : ""
  if (product && typeof product === "object") {
    const p = product as Record<string, unknown>
    const handle = Object.prototype.hasOwnProperty.call(p, "handle") ? p.handle : undefined
    if (typeof handle === "string" && handle.trim()) return `${base}/products/${encodeURIComponent(handle.trim())}`
    const url = Object.prototype.hasOwnProperty.call(p, "url") ? p.url : undefined
    if (typeof url === "string" && url) return url
  }
  if (typeof product === "string" && product.trim()) return `${base}/products/${encodeURIComponent(product.trim())}`
  return base
}

/** The value unless it is missing (undefined, null, empty or blank string), else the fallback. */
export function defaultValue(value: unknown, fallback: unknown): unknown {
  if (value === undefined || value === null) return fallback
  if (typeof value === "string" && value.trim() === "") return fallback
  return value
}

/** Lets through http(s), mailto and tel URLs and relative paths; anything else (javascript:, data:) becomes "#". */
export function safeUrl(value: unknown): string {
  if (typeof value !== "string") return "#"
  const url = value.trim()
  if (!url) return "#"
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url.replace(/[\u0000-\u001f\s]/g, ""))
  if (!scheme) return url
  return ["http", "https", "mailto", "tel"].includes(scheme[1].toLowerCase()) ? url : "#"
}

function rootOf(options: HelperOptions | undefined): any {
  return options?.data?.root ?? {}
}

function localeFor(options: HelperOptions | undefined): unknown {
  const root = rootOf(options)
  return options?.hash?.locale ?? root?.contact?.locale ?? root?.store?.locale
}

/** Splits Handlebars' trailing options object from the arguments. */
function args(list: unknown[]): { params: unknown[]; options: HelperOptions } {
  const options = list[list.length - 1] as HelperOptions
  return { params: list.slice(0, -1), options }
}

export const HELPERS: Record<string, (...list: unknown[]) => unknown> = {
  /** {{money amount currency_code}}; currency defaults to the store's, locale to the contact's. */
  money(...list) {
    const { params, options } = args(list)
    const currency = params[1] ?? options.hash?.currency ?? rootOf(options)?.store?.currency_code
    return formatMoney(params[0], currency, localeFor(options))
  },
  /** {{date value "long"}} in the contact's time zone ({{date value "long" tz="Europe/Paris"}} overrides). */
  date(...list) {
    const { params, options } = args(list)
    const zone = options.hash?.tz ?? rootOf(options)?.contact?.timezone
    return formatDate(params[0], params[1], zone, localeFor(options))
  },
  /** {{product_url product}} */
  product_url(...list) {
    const { params, options } = args(list)
    return productUrl(params[0], rootOf(options)?.store?.url)
  },
  /** {{default contact.first_name "there"}} */
  default(...list) {
    const { params } = args(list)
    return defaultValue(params[0], params[1] ?? "")
  },
  /** {{safe_url some.link}}: a link that cannot be javascript: or data:. */
  safe_url(...list) {
    const { params } = args(list)
    return safeUrl(params[0])
  },
  eq: (...list) => args(list).params[0] === args(list).params[1],
  ne: (...list) => args(list).params[0] !== args(list).params[1],
  gt: (...list) => Number(args(list).params[0]) > Number(args(list).params[1]),
  lt: (...list) => Number(args(list).params[0]) < Number(args(list).params[1]),
  and: (...list) => args(list).params.every(Boolean),
  or: (...list) => args(list).params.some(Boolean),
  not: (...list) => !args(list).params[0],
  upper: (...list) => String(args(list).params[0] ?? "").toUpperCase(),
}

/** Helpers Handlebars itself provides and that templates may call (`log` is removed). */
export const BUILTIN_HELPERS = ["if", "unless", "each", "with", "lookup"]

export const KNOWN_HELPERS = new Set([...BUILTIN_HELPERS, ...Object.keys(HELPERS)])
