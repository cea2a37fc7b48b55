import type { RenderContext, TemplateVariable } from "./types"

/** A complete context with believable values: previews, starter-template tests and the variable picker. */
export const SAMPLE_CONTEXT: RenderContext = {
  contact: {
    id: "mcon_01SAMPLE",
    email: "ada@example.com",
    first_name: "Ada",
    last_name: "Lovelace",
    phone: "+44 20 7946 0000",
    locale: "en-GB",
    timezone: "Europe/London",
    country_code: "gb",
    city: "London",
    company: "Analytical Engines Ltd",
    industry: "Software",
    job_title: "Head of Research",
    lifecycle_stage: "sales_ready",
    acquisition_score: 87,
    loyalty_score: 42,
    churn_risk: 0.72,
    churn_risk_band: "high",
    probability_active: 0.28,
    predicted_orders_365: 1.4,
    predicted_value_365: 182.5,
    predicted_lifetime_value: 410.2,
    predicted_lifetime_value_percentile: 86.5,
    expected_next_order_at: "2025-04-02T00:00:00.000Z",
    predicted_next_order_at: "2025-04-02T00:00:00.000Z",
    average_days_between_orders: 38.5,
    historic_value: 624,
    prediction_currency_code: "eur",
    purchase_propensity: null,
    purchase_propensity_percentile: null,
  },
  customer: {
    id: "cus_01SAMPLE",
    email: "ada@example.com",
    first_name: "Ada",
    last_name: "Lovelace",
  },
  store: {
    name: "Acme Outfitters",
    url: "https://shop.example.com",
    currency_code: "eur",
    logo_url: "https://shop.example.com/logo.png",
    primary_color: "#4f46e5",
    address: "1 Market Street, 75001 Paris, France",
    locale: "en-GB",
  },
  cart: {
    id: "cart_01SAMPLE",
    items: [
      {
        title: "Trail Running Shoe",
        variant: "EU 38 / Blue",
        quantity: 1,
        unit_price: 129.9,
        total: 129.9,
        thumbnail: "https://shop.example.com/images/shoe.jpg",
        url: "https://shop.example.com/products/trail-running-shoe",
      },
      {
        title: "Merino Socks",
        variant: "M",
        quantity: 2,
        unit_price: 14.5,
        total: 29,
        thumbnail: "https://shop.example.com/images/socks.jpg",
        url: "https://shop.example.com/products/merino-socks",
      },
    ],
    total: 158.9,
    currency_code: "eur",
    recovery_url: "https://shop.example.com/cart/recover/cart_01SAMPLE?token=sample",
  },
  order: {
    id: "order_01SAMPLE",
    display_id: 1042,
    items: [
      {
        title: "Rain Jacket",
        variant: "S / Olive",
        quantity: 1,
        unit_price: 189,
        total: 189,
        thumbnail: "https://shop.example.com/images/jacket.jpg",
        url: "https://shop.example.com/products/rain-jacket",
      },
    ],
    total: 189,
    currency_code: "eur",
    created_at: "2025-03-14T23:30:00.000Z",
  },
  products: [
    {
      id: "prod_01A",
      title: "Packable Daypack",
      handle: "packable-daypack",
      url: "https://shop.example.com/products/packable-daypack",
      thumbnail: "https://shop.example.com/images/daypack.jpg",
      price: 59,
      currency_code: "eur",
    },
    {
      id: "prod_01B",
      title: "Insulated Bottle",
      handle: "insulated-bottle",
      url: "https://shop.example.com/products/insulated-bottle",
      thumbnail: "https://shop.example.com/images/bottle.jpg",
      price: 24.5,
      currency_code: "eur",
    },
    {
      id: "prod_01C",
      title: "Trail Cap",
      handle: "trail-cap",
      url: "https://shop.example.com/products/trail-cap",
      thumbnail: "https://shop.example.com/images/cap.jpg",
      price: 19,
      currency_code: "eur",
    },
  ],
  discount: { code: "COMEBACK15", expires_at: "2025-03-28T23:00:00.000Z" },
  unsubscribe_url: "https://shop.example.com/marketing/unsubscribe?t=sample",
  preferences_url: "https://shop.example.com/marketing/preferences?t=sample",
  data: {
    coupon_code: "COMEBACK15",
    discount_percent: 15,
    admin_url: "https://admin.example.com/app/marketing/contacts/mcon_01SAMPLE",
  },
}

const VARIABLE_DESCRIPTIONS: [path: string, description: string][] = [
  ["contact.first_name", "Contact's first name (may be empty: use {{default contact.first_name \"there\"}})"],
  ["contact.last_name", "Contact's last name"],
  ["contact.email", "Contact's email address"],
  ["contact.phone", "Contact's phone number"],
  ["contact.city", "Contact's city"],
  ["contact.company", "Company the contact works for"],
  ["contact.industry", "Company's industry (sector)"],
  ["contact.job_title", "Contact's job title"],
  ["contact.country_code", "Contact's country (ISO 3166-1 alpha-2, lower case)"],
  ["contact.locale", "Contact's locale; money and dates are formatted with it"],
  ["contact.timezone", "Contact's IANA time zone; dates are shown in it (UTC when unknown)"],
  ["contact.lifecycle_stage", "Lifecycle stage (subscriber, lead, sales_ready, customer, ...)"],
  ["contact.acquisition_score", "Acquisition (engagement and fit) score"],
  ["contact.loyalty_score", "Loyalty (RFM) score"],
  ["contact.churn_risk", "Predicted risk (0 to 1) that the customer has stopped buying"],
  ["contact.churn_risk_band", "Churn risk band: low, medium or high"],
  ["contact.probability_active", "Predicted probability (0 to 1) that the customer still buys"],
  ["contact.predicted_orders_365", "Orders expected in the next 365 days"],
  ["contact.predicted_value_365", "Value expected in the next 365 days ({{money contact.predicted_value_365 contact.prediction_currency_code}})"],
  ["contact.predicted_lifetime_value", "Predicted value of future orders over the lifetime horizon (3 years by default)"],
  ["contact.predicted_lifetime_value_percentile", "Where that value ranks among the currency's customers, 0 to 100 (80 and up: the top 20 %)"],
  ["contact.expected_next_order_at", "Expected date of the next order ({{date contact.expected_next_order_at \"long\"}})"],
  ["contact.predicted_next_order_at", "Same date as contact.expected_next_order_at"],
  ["contact.average_days_between_orders", "The customer's usual days between orders"],
  ["contact.historic_value", "What the customer has spent so far, in the prediction currency"],
  ["contact.prediction_currency_code", "Currency of the predicted and historic values (where the customer spent the most)"],
  ["contact.purchase_propensity", "A lead's probability (0 to 1) of a first order within 30 days; null for a customer"],
  ["contact.purchase_propensity_percentile", "Where that probability ranks among the store's leads, 0 to 100 (90 and up: the top 10 %)"],
  ["customer.first_name", "Medusa customer's first name, when the contact is a customer"],
  ["customer.email", "Medusa customer's email"],
  ["store.name", "Store name"],
  ["store.url", "Storefront URL"],
  ["store.currency_code", "Store's default currency"],
  ["store.logo_url", "Logo shown in the header"],
  ["store.primary_color", "Brand colour for buttons and headings"],
  ["store.address", "Postal address shown in the footer"],
  ["cart.items", "Cart line items: title, variant, quantity, unit_price, total, thumbnail, url ({{> cart_items cart.items}})"],
  ["cart.total", "Cart total in major units ({{money cart.total cart.currency_code}})"],
  ["cart.currency_code", "Cart currency"],
  ["cart.recovery_url", "Link that restores the cart"],
  ["order.display_id", "Order number shown to the customer"],
  ["order.items", "Order line items (same fields as cart items)"],
  ["order.total", "Order total in major units"],
  ["order.currency_code", "Order currency"],
  ["order.created_at", "Order date ({{date order.created_at \"long\"}})"],
  ["products", "Products chosen by the step: id, title, url, thumbnail, price, currency_code ({{> product_grid products}})"],
  ["discount.code", "Discount code made for this contact by the flow's discount step"],
  ["discount.expires_at", "When that code expires ({{date discount.expires_at \"long\"}})"],
  ["unsubscribe_url", "One-click unsubscribe link (the layout footer includes it)"],
  ["preferences_url", "Email preferences link (the layout footer includes it)"],
  ["data.coupon_code", "Coupon code passed by the flow step"],
  ["data.admin_url", "Admin link to the contact (sales-team notifications)"],
]

function pick(root: unknown, path: string): unknown {
  let value: unknown = root
  for (const part of path.split(".")) {
    if (value === null || typeof value !== "object" || !Object.prototype.hasOwnProperty.call(value, part)) {
      return undefined
    }
    value = (value as Record<string, unknown>)[part]
  }
  return value
}

/** The variables a template can use, for the admin's picker: path, description and the sample value. */
export const TEMPLATE_VARIABLES: TemplateVariable[] = VARIABLE_DESCRIPTIONS.map(([path, description]) => ({
  path,
  description,
  example: pick(SAMPLE_CONTEXT, path),
}))

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype", "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__"])
const MAX_DEPTH = 12
const DEFAULT_COLOR = "#111827"
const COLOR = /^(#[0-9a-f]{3,8}|[a-z]{3,20}|rgb\(\s*\d{1,3}\s*,\s*\d{1,3}\s*,\s*\d{1,3}\s*\))$/i

/**
 * Copies a context into plain JSON-like data before Handlebars sees it: functions and symbols are dropped
 * (Handlebars would call a function found in the context), dates become ISO strings, getters are read once,
 * cycles and depth beyond 12 are cut, and keys like `__proto__` or `constructor` are not copied. Together
 * with the runtime's prototype-access options, a template can only read data.
 */
export function toPlainContext(value: unknown, depth = 0, seen: WeakSet<object> = new WeakSet()): unknown {
  if (value === null || value === undefined) return value
  const type = typeof value
  if (type === "string" || type === "boolean") return value
  if (type === "number") return Number.isFinite(value) ? value : null
  if (type === "bigint") return (value as bigint).toString()
  if (type !== "object") return undefined
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString()
  if (depth >= MAX_DEPTH || seen.has(value as object)) return undefined
  seen.add(value as object)
  try {
    if (Array.isArray(value)) {
      return value.map((item) => toPlainContext(item, depth + 1, seen)).filter((item) => item !== undefined)
    }
    // BigNumber-like values (Medusa's { numeric, raw } shapes) become numbers
    const maybe = value as { toJSON?: unknown }
    if (typeof maybe.toJSON === "function" && !(Object.getPrototypeOf(value) === Object.prototype)) {
      try {
        return toPlainContext((maybe.toJSON as () => unknown)(), depth, seen)
      } catch {
        return undefined
      }
    }
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(value as object)) {
      if (FORBIDDEN_KEYS.has(key)) continue
      const copied = toPlainContext((value as Record<string, unknown>)[key], depth + 1, seen)
      if (copied !== undefined) out[key] = copied
    }
    return out
  } finally {
    seen.delete(value as object)
  }
}

/** The context a template actually sees: plain data, a store with safe defaults, a safe brand colour. */
export function prepareContext(context: Partial<RenderContext> | null | undefined): RenderContext {
  const plain = (toPlainContext(context ?? {}) ?? {}) as Record<string, any>
  const store = (plain.store && typeof plain.store === "object" ? plain.store : {}) as Record<string, any>
  const color = typeof store.primary_color === "string" && COLOR.test(store.primary_color.trim()) ? store.primary_color.trim() : DEFAULT_COLOR
  return {
    ...plain,
    contact: plain.contact && typeof plain.contact === "object" ? plain.contact : {},
    store: {
      ...store,
      name: typeof store.name === "string" ? store.name : "",
      url: typeof store.url === "string" ? store.url.replace(/\/+$/, "") : "",
      currency_code: typeof store.currency_code === "string" ? store.currency_code : "usd",
      primary_color: color,
    },
    products: Array.isArray(plain.products) ? plain.products : [],
    unsubscribe_url: typeof plain.unsubscribe_url === "string" ? plain.unsubscribe_url : "",
    preferences_url: typeof plain.preferences_url === "string" ? plain.preferences_url : "",
    data: plain.data && typeof plain.data === "object" ? plain.data : {},
  } as RenderContext
}
