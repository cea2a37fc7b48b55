/**
 * Contacts, their events and consent, as `/admin/marketing/contacts` returns
 * them. Dates arrive as ISO strings.
 */
import type { PageInfo } from "../common/types"
import type { LifecycleStage, RfmGroup } from "../scoring/types"

export type ConsentStatus = "unknown" | "pending" | "granted" | "denied"

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
  | "acquisition_score"
  | "-acquisition_score"
  | "loyalty_score"
  | "-loyalty_score"

export interface Contact {
  id: string
  customer_id: string | null
  /** The admin user who owns the contact (a flow's assign-owner step sets it). */
  owner_user_id?: string | null
  /** Whether the customer registered (false: a guest made at checkout; null: not known). */
  has_account?: boolean | null
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
  company: string | null
  industry: string | null
  job_title: string | null
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
  /** Acquisition channel of the first touch and of the latest one. */
  first_channel?: string | null
  last_channel?: string | null
  referrer: string | null
  landing_page: string | null

  // Consent
  analytics_consent: ConsentStatus
  analytics_consent_source: string | null
  analytics_consent_at: string | null
  advertising_consent: ConsentStatus
  advertising_consent_source: string | null
  advertising_consent_at: string | null
  email_marketing_consent: ConsentStatus
  email_marketing_consent_source: string | null
  email_marketing_consent_at: string | null

  // Scores
  /** Engagement (decayed) plus fit. */
  acquisition_score: number
  engagement_score: number
  fit_score: number
  /** RFM-based, plus the points of loyalty rules. */
  loyalty_score: number
  loyalty_points: number
  lifecycle_stage: LifecycleStage
  lifecycle_stage_at: string | null
  /** 1..5, or null before the contact's first order. */
  rfm_recency: number | null
  rfm_frequency: number | null
  rfm_monetary: number | null
  rfm_group: RfmGroup | null
  order_count: number
  /** In the store's main currency unit. */
  total_spent: number
  last_order_at: string | null
  sessions_count: number
  /** Engaged time over all sessions, in milliseconds. */
  engaged_ms: number
  last_session_at: string | null

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
  | "appointment_booked"
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
  /** The Medusa cart the event is about, if any. */
  cart_id?: string | null
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
  lifecycle_stage?: LifecycleStage
  rfm_group?: RfmGroup
  min_acquisition_score?: number
  max_acquisition_score?: number
  min_loyalty_score?: number
  /** The admin user who owns the contact. */
  owner_user_id?: string
}

export interface ContactEventListParams {
  limit?: number
  offset?: number
  type?: string
}

// Responses

export interface ContactListResponse extends PageInfo {
  contacts: Contact[]
}

export interface ContactResponse {
  contact: ContactWithVisitors
  /** The first 20 events, newest first. */
  events: MarketingEvent[]
  events_count: number
}

export interface ContactEventListResponse extends PageInfo {
  events: MarketingEvent[]
}

// Consent history and personal data

export interface ConsentRecord {
  id: string
  status: "pending" | "granted" | "denied"
  source: string
  ip_address: string | null
  user_agent: string | null
  occurred_at: string
}

export interface ConsentRecordListResponse {
  consent_records: ConsentRecord[]
}

export interface ContactEraseResponse {
  id: string
  object: "contact"
  deleted: true
  /** The person's contact ids: theirs and the ones merged into it. */
  contact_ids?: string[]
  /** Rows deleted, by table. */
  counts?: Record<string, number>
  suppressions_added?: number
}

/** One storefront visit (GET /admin/marketing/contacts/:id/sessions). */
export interface ContactSession {
  id: string
  started_at: string
  ended_at: string
  duration_ms: number
  pages: number
  engaged_ms: number
  landing_page: string | null
  utm_source: string | null
  utm_campaign: string | null
  channel: string | null
}

export interface ContactSessionsResponse {
  sessions: ContactSession[]
  sessions_count: number
  engaged_ms: number
  average_engaged_ms: number | null
  last_session_at: string | null
  top_pages: { path: string; engaged_ms: number }[]
  top_categories: { category: string; engaged_ms: number }[]
}
