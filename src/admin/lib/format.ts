import type { Contact, DeviceType, EventSource } from "./types"

const MINUTE = 60 * 1000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const WEEK = 7 * DAY
const MONTH = 30 * DAY
const YEAR = 365 * DAY

const toDate = (value: string | Date | null | undefined): Date | null => {
  if (!value) {
    return null
  }
  const date = value instanceof Date ? value : new Date(value)
  return Number.isNaN(date.getTime()) ? null : date
}

const relativeFormatter = new Intl.RelativeTimeFormat(undefined, {
  numeric: "auto",
})

/** "just now", "5 minutes ago", "yesterday", "in 2 hours". */
export const formatRelativeTime = (
  value: string | Date | null | undefined,
  now: number = Date.now()
): string => {
  const date = toDate(value)
  if (!date) {
    return "-"
  }

  const diff = date.getTime() - now
  const abs = Math.abs(diff)

  if (abs < MINUTE) {
    return "just now"
  }
  if (abs < HOUR) {
    return relativeFormatter.format(Math.round(diff / MINUTE), "minute")
  }
  if (abs < DAY) {
    return relativeFormatter.format(Math.round(diff / HOUR), "hour")
  }
  if (abs < WEEK) {
    return relativeFormatter.format(Math.round(diff / DAY), "day")
  }
  if (abs < MONTH) {
    return relativeFormatter.format(Math.round(diff / WEEK), "week")
  }
  if (abs < YEAR) {
    return relativeFormatter.format(Math.round(diff / MONTH), "month")
  }
  return relativeFormatter.format(Math.round(diff / YEAR), "year")
}

const dateTimeFormatter = new Intl.DateTimeFormat(undefined, {
  dateStyle: "medium",
  timeStyle: "short",
})

const dateFormatter = new Intl.DateTimeFormat(undefined, {
  dateStyle: "medium",
})

/** "Nov 22, 2026, 4:47 PM" in the admin user's locale. */
export const formatDateTime = (value: string | Date | null | undefined) => {
  const date = toDate(value)
  return date ? dateTimeFormatter.format(date) : "-"
}

/** "Nov 22, 2026". Birth dates are calendar dates: shown in UTC. */
export const formatDate = (
  value: string | Date | null | undefined,
  options: { utc?: boolean } = {}
) => {
  const date = toDate(value)
  if (!date) {
    return "-"
  }
  return options.utc
    ? new Intl.DateTimeFormat(undefined, {
        dateStyle: "medium",
        timeZone: "UTC",
      }).format(date)
    : dateFormatter.format(date)
}

let regionNames: Intl.DisplayNames | null = null
try {
  regionNames = new Intl.DisplayNames(undefined, { type: "region" })
} catch {
  regionNames = null
}

/** "France" for "fr"; the upper-cased code when the name is unknown. */
export const getCountryName = (code: string | null | undefined) => {
  if (!code) {
    return null
  }
  const upper = code.toUpperCase()
  try {
    return regionNames?.of(upper) ?? upper
  } catch {
    return upper
  }
}

/** "France (FR)". */
export const formatCountry = (code: string | null | undefined) => {
  if (!code) {
    return null
  }
  const name = getCountryName(code)
  const upper = code.toUpperCase()
  return name && name !== upper ? `${name} (${upper})` : upper
}

export const DEVICE_LABELS: Record<DeviceType, string> = {
  desktop: "Desktop",
  mobile: "Mobile",
  tablet: "Tablet",
  other: "Other",
}

/** A known value's label; an unknown one capitalized; null for none. */
const labelOf =
  (labels: Record<string, string>) => (value: string | null | undefined) =>
    value ? labels[value] ?? capitalize(value) : null

export const formatDevice = labelOf(DEVICE_LABELS)

export const EVENT_SOURCE_LABELS: Record<EventSource, string> = {
  storefront: "Storefront",
  medusa: "Medusa",
  email: "Email",
}

export const formatEventSource = labelOf(EVENT_SOURCE_LABELS)

/** Amounts in Medusa 2 are in the currency's main unit (10.5 = 10.50). */
export const formatAmount = (
  amount: unknown,
  currencyCode: unknown
): string | null => {
  const value = typeof amount === "string" ? Number(amount) : amount
  if (typeof value !== "number" || !Number.isFinite(value)) {
    return null
  }
  if (typeof currencyCode === "string" && currencyCode.length === 3) {
    try {
      return new Intl.NumberFormat(undefined, {
        style: "currency",
        currency: currencyCode.toUpperCase(),
      }).format(value)
    } catch {
      // Unknown currency code: fall through to a plain number.
    }
  }
  return new Intl.NumberFormat(undefined, {
    maximumFractionDigits: 2,
  }).format(value)
}

export const capitalize = (value: string) =>
  value ? value.charAt(0).toUpperCase() + value.slice(1) : value

/** "product_added_to_cart" -> "Product added to cart". */
export const humanize = (value: string) =>
  capitalize(value.replace(/[_-]+/g, " ").trim())

/** The last characters of an id, enough to tell two visitors apart. */
export const shortId = (id: string, length = 8) =>
  id.length > length ? id.slice(-length) : id

export const getContactName = (
  contact: Pick<Contact, "first_name" | "last_name">
): string | null => {
  const name = [contact.first_name, contact.last_name]
    .filter((part): part is string => !!part && !!part.trim())
    .join(" ")
  return name || null
}

export const ANONYMOUS_CONTACT_LABEL = "Anonymous visitor"

/** The contact's email, or "Anonymous visitor". */
export const getContactTitle = (contact: Pick<Contact, "email">) =>
  contact.email || ANONYMOUS_CONTACT_LABEL

export const isKnownContact = (
  contact: Pick<Contact, "email" | "customer_id">
) => !!(contact.email || contact.customer_id)

const countFormatter = new Intl.NumberFormat()

/** "1,234" in the admin user's locale. */
export const formatCount = (value: number) => countFormatter.format(value)

/** "1 contact", "1,234 contacts". */
export const contactsLabel = (count: number) =>
  `${formatCount(count)} ${count === 1 ? "contact" : "contacts"}`

/** Engaged time in milliseconds as minutes and seconds ("3 min 05 s", "42 s"). */
export const formatEngaged = (ms: number) => {
  const seconds = Math.round(ms / 1000)
  if (seconds < 60) return `${seconds} s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, "0")} s`
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`
}
