import type { Touch } from "../reports/channels"
import type { ScoreCrossing, StageChange } from "../scoring/engine"

export type EventSource = "storefront" | "medusa" | "email"
export type ConsentStatus = "unknown" | "granted" | "denied"

/** Profile fields an event may set on its contact. */
export type ContactProfilePatch = {
  email?: string
  first_name?: string
  last_name?: string
  phone?: string
  birth_date?: string
  age_band?: string
  gender?: string
  occupation?: string
  company?: string
  industry?: string
  job_title?: string
  country_code?: string
  city?: string
  locale?: string
  timezone?: string
  device_type?: "desktop" | "mobile" | "tablet" | "other"
  os?: string
  browser?: string
  utm_source?: string
  utm_medium?: string
  utm_campaign?: string
  referrer?: string
  landing_page?: string
  /** Acquisition channel of the first visit (its touch's, or direct): kept only if the contact has none. */
  first_channel?: string
  /** Channel of the latest touch (UTM, outside referrer or click id). */
  last_channel?: string
  cart_id?: string
  analytics_consent?: { status: ConsentStatus; source: string; at: string }
  /** Consent to use the person's data for advertising (ad audiences). */
  advertising_consent?: { status: ConsentStatus; source: string; at: string }
  email_marketing_consent?: {
    status: ConsentStatus
    source: string
    at: string
    /** Proof for the consent record. */
    ip?: string | null
    user_agent?: string | null
    /** The source in its own words (a form's name and consent text), set by the plugin's own routes only. */
    detail?: string | null
  }
}

/** One event ready to be stored, after validation, clamping and parsing. */
export type PreparedEvent = {
  type: string
  /** A contact the server already knows (email opens and clicks). */
  contact_id?: string | null
  anonymous_id?: string | null
  customer_id?: string | null
  /** Whether that customer has an account (false: a guest Medusa created at checkout). */
  customer_has_account?: boolean
  /**
   * The cart a Medusa cart or order event is about: identifies the contact
   * through its cart. Storefront events name theirs in `properties.cart_id`.
   */
  cart_id?: string | null
  properties: Record<string, unknown>
  /** ISO 8601, UTC. Steps pass JSON between them, so dates travel as strings. */
  occurred_at: string
  received_at: string
  session_id?: string | null
  source: EventSource
  idempotency_key?: string | null
  /** Explicit analytics consent carried by the event, if any. */
  analytics_consent?: boolean
  profile: ContactProfilePatch
  /**
   * Where a storefront visit came from (UTM, outside referrer, click id on the landing page):
   * set on events that carry one. Ingest classifies it into `marketing_event.channel`.
   */
  touch?: Touch
  /** A storefront page event (it has a page URL): a contact's first one without a touch is a direct visit. */
  visit?: boolean
}

export type IngestEventsInput = {
  events: PreparedEvent[]
  /** The scoring clock (ISO); tests pass their own. Defaults to the real time. */
  now?: string
}

export type IngestEventsResult = {
  /** Ids of the event rows written by this call. */
  event_ids: string[]
  /** Ids of contacts this call created. */
  created_contact_ids: string[]
  /** Contacts the events landed on, in input order (null when dropped). */
  contact_ids: (string | null)[]
  /** What became of each event, in input order (a request's counts when several share one call). */
  outcomes: EventOutcome[]
  recorded: number
  duplicates: number
  /** Events not stored: consent missing, or no contact to attach them to. */
  dropped: number
  /** Of the recorded events, those kept without a contact until their cart's owner is known. */
  pending: number
  /** The events this call stored on contacts (new ones, and pending cart events it attached), for subscribers. */
  stored: { id: string; contact_id: string; type: string }[]
  /** Pending cart events this call attached to their owner, per contact. */
  attached: { contact_id: string; types: string[]; count: number }[]
  merges: { source_id: string; target_id: string }[]
  stage_changes: StageChange[]
  crossings: ScoreCrossing[]
  /** Email consent changes the events made (recorded with their proof). */
  email_consent_changes: EmailConsentChange[]
}

/** An event's fate: written, already there (its idempotency key), or not stored. */
export type EventOutcome = "recorded" | "duplicate" | "dropped"

export type EmailConsentChange = { contact_id: string; status: "pending" | "granted" | "denied"; previous: string; source: string }
