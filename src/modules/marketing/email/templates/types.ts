/**
 * Shapes of the template-rendering core. Plain data, no Medusa imports.
 */

/** Which frame wraps the body: the marketing layout (branding, unsubscribe and preferences footer), the
 * internal one (branding, no unsubscribe: for emails to the store's own team) or none. */
export type TemplateLayout = "marketing" | "internal" | "none"

/**
 * An email template. Exactly one of `html` and `mjml` holds the body. Bodies are Handlebars; an MJML
 * body is compiled to responsive HTML once (cached), and Handlebars runs on the compiled HTML.
 *
 * A body that is a whole document (`<html…` / `<mjml…`) is not wrapped in a layout; a fragment is.
 * With the `mjml` flavour a fragment is a list of `<mj-section>` / `<mj-wrapper>` / `<mj-hero>`
 * elements; Handlebars blocks and partials must sit inside elements whose content MJML keeps as is
 * (`mj-text`, `mj-raw`, `mj-button`, `mj-table`) or in attribute values: validation rejects
 * an expression MJML would silently drop.
 */
export interface EmailTemplate {
  name?: string
  subject: string
  html?: string | null
  mjml?: string | null
  /** The plain-text body. When empty, it is derived from the rendered HTML. */
  text?: string | null
  /** Default "marketing". */
  layout?: TemplateLayout
}

export type TemplateField = "subject" | "html" | "mjml" | "text"

export interface TemplateError {
  /** The template key holding the faulty source ("mjml" for MJML bodies). */
  field: TemplateField
  /** 1-based; null when the error has no position. */
  line: number | null
  /** 1-based; null when unknown (MJML reports lines only). */
  column: number | null
  message: string
}

export type TemplateValidation = { ok: true } | { ok: false; errors: TemplateError[] }

export interface RenderedEmail {
  subject: string
  html: string
  text: string
}

export interface RenderContact {
  id?: string
  email?: string | null
  first_name?: string | null
  last_name?: string | null
  phone?: string | null
  /** BCP 47, e.g. "fr-FR": used by `money` and `date` unless the call gives one. */
  locale?: string | null
  /** IANA zone, e.g. "Europe/Paris": used by `date`; UTC when missing or unknown. */
  timezone?: string | null
  country_code?: string | null
  city?: string | null
  company?: string | null
  /** The company's sector, as the contact or the import gave it. */
  industry?: string | null
  job_title?: string | null
  lifecycle_stage?: string | null
  acquisition_score?: number | null
  loyalty_score?: number | null
  /**
   * Predictions, in the contact's main currency (`prediction_currency_code`,
   * see predictions/contact-fields.ts); null before a fit or for a contact who never ordered.
   */
  churn_risk?: number | null
  churn_risk_band?: string | null
  probability_active?: number | null
  predicted_orders_365?: number | null
  predicted_value_365?: number | null
  predicted_lifetime_value?: number | null
  predicted_lifetime_value_percentile?: number | null
  /** ISO 8601. */
  expected_next_order_at?: string | null
  /** The same date under the name issue #23 gives it in templates. */
  predicted_next_order_at?: string | null
  average_days_between_orders?: number | null
  historic_value?: number | null
  prediction_currency_code?: string | null
  /** A lead's purchase propensity (first order within 30 days) and its percentile; null for a customer. */
  purchase_propensity?: number | null
  purchase_propensity_percentile?: number | null
  [key: string]: unknown
}

export interface RenderCustomer {
  id?: string
  email?: string | null
  first_name?: string | null
  last_name?: string | null
  [key: string]: unknown
}

export interface RenderStore {
  name: string
  /** The storefront's base URL, without a trailing slash. */
  url: string
  currency_code: string
  logo_url?: string | null
  /** A CSS colour (#rgb, #rrggbb or a colour name); anything else falls back to the default. */
  primary_color?: string | null
  /** Postal address shown in the footer (required in marketing email in many countries). */
  address?: string | null
  locale?: string | null
}

export interface RenderLineItem {
  title: string
  variant?: string | null
  quantity: number
  /** Major units (Medusa 2 stores amounts as decimals: 19.99 is 19.99). */
  unit_price: number
  total: number
  thumbnail?: string | null
  url?: string | null
}

export interface RenderCart {
  id?: string
  items: RenderLineItem[]
  total: number
  currency_code: string
  /** A link that restores this cart on the storefront. */
  recovery_url: string
}

export interface RenderOrder {
  id?: string
  display_id: number | string
  items: RenderLineItem[]
  total: number
  currency_code: string
  /** ISO 8601. */
  created_at: string
}

export interface RenderProduct {
  id: string
  title: string
  handle?: string | null
  url: string
  thumbnail?: string | null
  price?: number | null
  currency_code?: string | null
}

/** A discount code a flow's `create_discount` step made for this contact. */
export interface RenderDiscount {
  code: string
  /** ISO 8601; `{{date discount.expires_at "long"}}` shows it in the contact's zone. */
  expires_at?: string | null
}

/** What a template can read. Everything except `store` and the two links is optional. */
export interface RenderContext {
  contact: RenderContact
  customer?: RenderCustomer | null
  store: RenderStore
  cart?: RenderCart | null
  order?: RenderOrder | null
  /** Products the step chose (viewed, recommended, cross-sell). */
  products?: RenderProduct[]
  /** The enrolment's discount code, when a flow made one (`{{discount.code}}`). */
  discount?: RenderDiscount | null
  unsubscribe_url: string
  preferences_url: string
  /** Anything the step passes in (coupon_code, admin_url, ...). */
  data?: Record<string, unknown>
}

export interface TemplateVariable {
  path: string
  description: string
  example: unknown
}
