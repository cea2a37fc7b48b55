/**
 * Shapes of the plugin's admin API (`/admin/marketing/*`) as the admin UI
 * consumes them. Dates arrive as ISO strings.
 */

export type ConsentStatus = "unknown" | "granted" | "denied"

export type DeviceType = "desktop" | "mobile" | "tablet" | "other"

export type EventSource = "storefront" | "medusa" | "email"

export type ContactOrder =
  | "last_seen_at"
  | "-last_seen_at"
  | "first_seen_at"
  | "-first_seen_at"
  | "email"
  | "-email"
  | "created_at"
  | "-created_at"

export interface Contact {
  id: string
  customer_id: string | null
  email: string | null
  first_name: string | null
  last_name: string | null
  phone: string | null
  first_seen_at: string
  last_seen_at: string
  cart_id: string | null

  // Identity
  birth_date: string | null
  age_band: string | null
  gender: string | null
  occupation: string | null
  country_code: string | null
  city: string | null
  locale: string | null
  timezone: string | null

  // Technographics
  device_type: DeviceType | null
  os: string | null
  browser: string | null

  // Acquisition
  first_utm_source: string | null
  first_utm_medium: string | null
  first_utm_campaign: string | null
  last_utm_source: string | null
  last_utm_medium: string | null
  last_utm_campaign: string | null
  referrer: string | null
  landing_page: string | null

  // Consent
  analytics_consent: ConsentStatus
  analytics_consent_source: string | null
  analytics_consent_at: string | null
  email_marketing_consent: ConsentStatus
  email_marketing_consent_source: string | null
  email_marketing_consent_at: string | null

  metadata: Record<string, unknown> | null
  created_at: string
  updated_at: string
}

export interface Visitor {
  id: string
  anonymous_id: string
  created_at: string
}

export interface ContactWithVisitors extends Contact {
  visitors: Visitor[]
}

/**
 * Known event types. Storefront and Medusa events have fixed names; stores
 * can send their own as `custom:<name>`, and later features add more, so any
 * string is accepted.
 */
export type KnownEventType =
  | "product_viewed"
  | "category_viewed"
  | "page_viewed"
  | "search_performed"
  | "product_added_to_cart"
  | "checkout_started"
  | "identify"
  | "customer_created"
  | "customer_updated"
  | "cart_created"
  | "cart_updated"
  | "order_placed"
  | "order_canceled"

export type EventType = KnownEventType | `custom:${string}` | (string & {})

export interface MarketingEvent {
  id: string
  type: EventType
  properties: Record<string, unknown>
  occurred_at: string
  received_at: string
  session_id: string | null
  source: EventSource
}

// Requests

export interface ContactListParams {
  limit?: number
  offset?: number
  order?: ContactOrder
  /** Email contains, case-insensitive. */
  q?: string
  customer_id?: string
  /** Two letters, lowercase. */
  country_code?: string
  device_type?: DeviceType
  /** Matches the first or the last utm source. */
  source?: string
  known?: "true" | "false"
  /** ISO date-time. */
  last_seen_after?: string
  /** ISO date-time. */
  last_seen_before?: string
}

export interface ContactEventListParams {
  limit?: number
  offset?: number
  type?: string
}

// Responses

export interface ContactListResponse {
  contacts: Contact[]
  count: number
  offset: number
  limit: number
}

export interface ContactResponse {
  contact: ContactWithVisitors
  /** The first 20 events, newest first. */
  events: MarketingEvent[]
  events_count: number
}

export interface ContactEventListResponse {
  events: MarketingEvent[]
  count: number
  offset: number
  limit: number
}
