import { model } from "@medusajs/framework/utils"
import { EMAIL_CONSENT_STATUSES } from "./consent-record"
import { Event } from "./event"
import { LIFECYCLE_STAGES } from "./lifecycle-stage-change"
import { Session } from "./session"
import { Visitor } from "./visitor"

export const CONSENT_STATUSES = ["unknown", "granted", "denied"] as const
export const DEVICE_TYPES = ["desktop", "mobile", "tablet", "other"] as const

/**
 * One contact per person: anonymous until the person is known, then linked
 * to the Medusa customer. Every field a segment or score can read is a column.
 */
export const Contact = model
  .define({ name: "Contact", tableName: "marketing_contact" }, {
    id: model.id({ prefix: "mcon" }).primaryKey(),
    customer_id: model.text().nullable(),
    /**
     * Whether the Medusa customer has an account (registered) or is a guest
     * Medusa created at checkout; null while unknown. A guest's contact merges
     * with a visitor who gives the same email; an account takes over a guest's.
     */
    has_account: model.boolean().nullable(),
    email: model.text().searchable().nullable(),
    first_name: model.text().nullable(),
    last_name: model.text().nullable(),
    phone: model.text().nullable(),
    first_seen_at: model.dateTime(),
    last_seen_at: model.dateTime(),
    /** The shopper's current cart, so Medusa's cart events find the visitor. */
    cart_id: model.text().nullable(),
    /** Set when this contact was stitched into another one. */
    merged_into_id: model.text().nullable(),

    // Identity
    birth_date: model.dateTime().nullable(),
    age_band: model.text().nullable(),
    gender: model.text().nullable(),
    occupation: model.text().nullable(),
    // Company: where the person works, its sector and the person's role there
    company: model.text().nullable(),
    industry: model.text().nullable(),
    job_title: model.text().nullable(),
    country_code: model.text().nullable(),
    city: model.text().nullable(),
    locale: model.text().nullable(),
    timezone: model.text().nullable(),

    // Technographics, from the last user agent seen
    device_type: model.enum([...DEVICE_TYPES]).nullable(),
    os: model.text().nullable(),
    browser: model.text().nullable(),

    // Acquisition: first touch is never overwritten, last touch always is
    first_utm_source: model.text().nullable(),
    first_utm_medium: model.text().nullable(),
    first_utm_campaign: model.text().nullable(),
    last_utm_source: model.text().nullable(),
    last_utm_medium: model.text().nullable(),
    last_utm_campaign: model.text().nullable(),
    referrer: model.text().nullable(),
    /** Acquisition channel of the first touch and of the latest session (reports/channels.ts). */
    first_channel: model.text().nullable(),
    last_channel: model.text().nullable(),
    landing_page: model.text().nullable(),

    // Consent, each with where and when it was given or withdrawn
    analytics_consent: model.enum([...CONSENT_STATUSES]).default("unknown"),
    analytics_consent_source: model.text().nullable(),
    analytics_consent_at: model.dateTime().nullable(),
    email_marketing_consent: model.enum([...EMAIL_CONSENT_STATUSES]).default("unknown"),
    email_marketing_consent_source: model.text().nullable(),
    email_marketing_consent_at: model.dateTime().nullable(),
    /** Preference topics the contact opted out of (ids from the plugin's `email.topics`). */
    email_topics_opted_out: model.json().nullable(),
    /** No marketing email until then (the preferences page's "pause"). */
    email_paused_until: model.dateTime().nullable(),
    /**
     * Consent to use the person's data for advertising (ad audiences, customer-list
     * matching on ad platforms): the storefront's `consent.advertising`.
     * Advertising exports and audiences hold only contacts where it is granted.
     */
    advertising_consent: model.enum([...CONSENT_STATUSES]).default("unknown"),
    advertising_consent_source: model.text().nullable(),
    advertising_consent_at: model.dateTime().nullable(),

    // Scores. Engagement decays from `scored_at`; the stored values are what
    // every screen shows, kept current by each change and the nightly job.
    engagement_score: model.float().default(0),
    fit_score: model.number().default(0),
    acquisition_score: model.number().default(0),
    loyalty_points: model.number().default(0),
    loyalty_score: model.number().default(0),
    scored_at: model.dateTime().nullable(),
    fit_rule_ids: model.json().nullable(),
    order_count: model.number().default(0),
    total_spent: model.float().default(0),
    last_order_at: model.dateTime().nullable(),
    /** Storefront sessions (models/session.ts), kept current by ingest and merges. */
    sessions_count: model.number().default(0),
    /** Engaged time over all sessions, in milliseconds. */
    engaged_ms: model.number().default(0),
    last_session_at: model.dateTime().nullable(),
    rfm_recency: model.number().nullable(),
    rfm_frequency: model.number().nullable(),
    rfm_monetary: model.number().nullable(),
    rfm_group: model.text().nullable(),
    lifecycle_stage: model.enum([...LIFECYCLE_STAGES]).default("subscriber"),
    lifecycle_stage_at: model.dateTime().nullable(),

    /** Labels a flow's `update_contact` step (or the admin) adds and removes. */
    tags: model.array().nullable(),
    /** The admin user a flow's `assign_owner` step handed this contact to. */
    owner_user_id: model.text().nullable(),

    metadata: model.json().nullable(),

    visitors: model.hasMany(() => Visitor, { mappedBy: "contact" }),
    events: model.hasMany(() => Event, { mappedBy: "contact" }),
    sessions: model.hasMany(() => Session, { mappedBy: "contact" }),
  })
  .indexes([
    {
      on: ["customer_id"],
      unique: true,
      where: "customer_id IS NOT NULL AND deleted_at IS NULL",
    },
    { on: ["email"], where: "email IS NOT NULL AND deleted_at IS NULL" },
    { on: ["last_seen_at"] },
    { on: ["country_code"] },
    { on: ["acquisition_score"] },
    { on: ["loyalty_score"] },
    { on: ["lifecycle_stage"] },
    { on: ["rfm_group"] },
    { on: ["first_channel"] },
    { on: ["last_order_at"], where: "last_order_at IS NOT NULL" },
    { on: ["cart_id"], where: "cart_id IS NOT NULL AND deleted_at IS NULL" },
    // The contacts merged into one (a merged contact is always soft-deleted): export and erasure walk them.
    { on: ["merged_into_id"], where: "merged_into_id IS NOT NULL AND deleted_at IS NOT NULL" },
  ])
