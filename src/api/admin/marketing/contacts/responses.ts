import { z } from "@medusajs/framework/zod"
import { EMAIL_CONSENT_STATUSES, CONSENT_SOURCES } from "../../../../modules/marketing/models/consent-record"
import { CONSENT_STATUSES, DEVICE_TYPES } from "../../../../modules/marketing/models/contact"
import { EVENT_SOURCES } from "../../../../modules/marketing/models/event"
import { LIFECYCLE_STAGES } from "../../../../modules/marketing/models/lifecycle-stage-change"
import { SCORE_COMPONENTS, SCORE_KINDS } from "../../../../modules/marketing/models/score-entry"
import { ENROLLMENT_STATUSES, FLOW_STATUSES, STEP_TYPES } from "../../../../modules/marketing/flows/types"
import { ERASURE_ORDER } from "../../../../modules/marketing/privacy/plan"
import { RFM_GROUPS } from "../../../../modules/marketing/scoring/rfm"
import { component, deleted, nullableTimestamp, page, timestamp } from "../../../utils/openapi"
import { AdminChangeEmailConsent } from "./validators"

const text = () => z.string().nullable()
const int = () => z.number().int()

/** A contact row as stored: every column of `marketing_contact`. */
export const MarketingContact = component(
  "MarketingContact",
  z
  .object({
    id: z.string(),
    customer_id: text().meta({ description: "The Medusa customer, once the person is known as one." }),
    has_account: z.boolean().nullable().meta({ description: "Whether the customer registered (true) or is a guest of checkout (false); null while unknown." }),
    email: text(),
    first_name: text(),
    last_name: text(),
    phone: text(),
    first_seen_at: timestamp(),
    last_seen_at: timestamp(),
    cart_id: text().meta({ description: "The shopper's current cart." }),
    merged_into_id: text().meta({ description: "The contact this one was merged into (a merged contact is deleted)." }),
    birth_date: nullableTimestamp(),
    age_band: text(),
    gender: text(),
    occupation: text(),
    company: text().meta({ description: "The company the person works for." }),
    industry: text().meta({ description: "The company's industry (sector), as given." }),
    job_title: text(),
    country_code: text().meta({ description: "ISO 3166-1 alpha-2, lowercase." }),
    city: text(),
    locale: text(),
    timezone: text(),
    device_type: z.enum(DEVICE_TYPES).nullable().meta({ description: "From the last user agent seen." }),
    os: text(),
    browser: text(),
    first_utm_source: text(),
    first_utm_medium: text(),
    first_utm_campaign: text(),
    last_utm_source: text(),
    last_utm_medium: text(),
    last_utm_campaign: text(),
    referrer: text(),
    first_channel: text().meta({ description: "Acquisition channel of the first touch." }),
    last_channel: text().meta({ description: "Acquisition channel of the latest session." }),
    landing_page: text(),
    analytics_consent: z.enum(CONSENT_STATUSES),
    analytics_consent_source: text(),
    analytics_consent_at: nullableTimestamp(),
    email_marketing_consent: z.enum(EMAIL_CONSENT_STATUSES),
    email_marketing_consent_source: text(),
    email_marketing_consent_at: nullableTimestamp(),
    advertising_consent: z.enum(CONSENT_STATUSES).meta({ description: "Consent to use the person's data for advertising (ad audiences): advertising exports hold only `granted`." }),
    advertising_consent_source: text(),
    advertising_consent_at: nullableTimestamp(),
    email_topics_opted_out: z.array(z.string()).nullable().meta({ description: "Email topics (ids of the plugin's `email.topics`) the contact opted out of." }),
    email_paused_until: nullableTimestamp().meta({ description: "No marketing email until then." }),
    engagement_score: z.number().meta({ description: "Engagement points, decayed as of `scored_at`." }),
    fit_score: int(),
    acquisition_score: int().meta({ description: "Engagement plus fit: what lead stages climb by." }),
    loyalty_points: int(),
    loyalty_score: int(),
    scored_at: nullableTimestamp(),
    fit_rule_ids: z.array(z.string()).nullable().meta({ description: "The fit rules the contact matches now." }),
    order_count: int(),
    total_spent: z.number(),
    last_order_at: nullableTimestamp(),
    sessions_count: int().meta({ description: "Storefront sessions, all time." }),
    engaged_ms: z.number().meta({ description: "Engaged time over all sessions, in milliseconds." }),
    last_session_at: nullableTimestamp().meta({ description: "When the latest session started." }),
    rfm_recency: int().nullable().meta({ description: "RFM band 1 to 5; null until the store has enough customers for RFM." }),
    rfm_frequency: int().nullable(),
    rfm_monetary: int().nullable(),
    rfm_group: z.enum(RFM_GROUPS).nullable(),
    lifecycle_stage: z.enum(LIFECYCLE_STAGES),
    lifecycle_stage_at: nullableTimestamp(),
    tags: z.array(z.string()).nullable(),
    owner_user_id: text().meta({ description: "The admin user the contact was assigned to." }),
    metadata: z.record(z.string(), z.unknown()).nullable().meta({ description: "Free-form." }),
    created_at: timestamp(),
    updated_at: timestamp(),
    deleted_at: nullableTimestamp(),
  })
  .meta({ description: "One contact per person: anonymous until known, then linked to the Medusa customer." })
)

/** An event on a contact's timeline. */
export const TimelineEvent = component(
  "TimelineEvent",
  z
  .object({
    id: z.string(),
    type: z.string().meta({ description: "`page_viewed`, `order_placed`, `custom:<name>`..." }),
    properties: z.record(z.string(), z.unknown()).meta({ description: "What the event carried, free-form." }),
    cart_id: text(),
    occurred_at: timestamp(),
    received_at: timestamp(),
    session_id: text(),
    source: z.enum(EVENT_SOURCES),
  })
  .meta({ description: "One thing a contact did." })
)

export const ContactList = z.object({ contacts: z.array(MarketingContact), ...page })

/** A contact with its visitors. */
export const MarketingContactDetail = component(
  "MarketingContactDetail",
  MarketingContact.extend({
    visitors: z
      .array(z.object({ id: z.string(), anonymous_id: z.string().meta({ description: "The tracker's first-party cookie." }), created_at: timestamp() }))
      .meta({ description: "The anonymous visitor ids that belong to the contact." }),
  }).meta({ description: "A contact with its visitors." })
)

export const ContactDetail = z.object({
  contact: MarketingContactDetail,
  events: z.array(TimelineEvent).meta({ description: "The newest events, at most 20." }),
  events_count: int().meta({ description: "How many events the contact has." }),
})

export const ContactEventList = z.object({ events: z.array(TimelineEvent), ...page })

export const ConsentRecord = component(
  "ConsentRecord",
  z
  .object({
    id: z.string(),
    status: z.enum(["pending", "granted", "denied"]),
    source: z.string().meta({ description: `Where it was given or withdrawn: ${CONSENT_SOURCES.map((s) => `\`${s}\``).join(", ")}, or another the plugin or storefront named.` }),
    ip_address: text(),
    user_agent: text(),
    message_id: text().meta({ description: "The email whose link or header made the change." }),
    detail: text().meta({ description: "The source in its own words: for `import`, the file's stated source and the file's name." }),
    occurred_at: timestamp(),
  })
  .meta({ description: "The proof of one email marketing consent change." })
)

export const ConsentRecordList = z.object({ consent_records: z.array(ConsentRecord).meta({ description: "Newest first, at most 200." }) })

export const ConsentChangeResult = z.object({
  changes: z
    .array(
      z.object({
        contact_id: z.string(),
        status: AdminChangeEmailConsent.shape.status,
        previous: z.enum(EMAIL_CONSENT_STATUSES),
        source: z.string(),
      })
    )
    .meta({ description: "The change made: empty when the contact already had this status." }),
})

/** A contact's enrollment in a flow, with the flow and the step it is at. */
export const ContactFlowEnrollment = component(
  "ContactFlowEnrollment",
  z
  .object({
    id: z.string(),
    flow_id: z.string(),
    flow_version_id: z.string(),
    contact_id: z.string(),
    status: z.enum(ENROLLMENT_STATUSES),
    enrollment_key: z.string(),
    current_step_id: text().meta({ description: "The step to run next; null once the enrollment ended." }),
    next_run_at: nullableTimestamp(),
    locked_until: nullableTimestamp(),
    attempts: int(),
    step_count: int(),
    wait_until: nullableTimestamp(),
    awaited_event_id: text(),
    context: z.record(z.string(), z.unknown()).nullable().meta({ description: "What the trigger carried (cart_id, order_id, event_id...)." }),
    entered_at: timestamp(),
    ended_at: nullableTimestamp(),
    end_reason: text(),
    converted_at: nullableTimestamp(),
    conversion_order_id: text(),
    conversion_amount: z.number().nullable(),
    raw_conversion_amount: z.object({ value: z.string(), precision: z.number().int() }).nullable().meta({ description: "The amount, exact." }),
    conversion_currency_code: text(),
    created_at: timestamp(),
    updated_at: timestamp(),
    deleted_at: nullableTimestamp(),
    flow: z.object({ id: z.string(), name: z.string(), status: z.enum(FLOW_STATUSES) }).nullable(),
    flow_version: int().nullable().meta({ description: "The number of the flow version the contact is in." }),
    current_step: z
      .object({ id: z.string(), type: z.enum(STEP_TYPES).nullable(), name: text() })
      .nullable(),
    conversion_order_display_id: int().nullable().meta({ description: "The converting order's number as the store shows it; null when none or gone." }),
  })
  .meta({ description: "A contact's way through one flow version." })
)

export const ContactEnrollmentList = z.object({ enrollments: z.array(ContactFlowEnrollment), ...page })

export const ContactErasure = deleted("contact").extend({
  contact_ids: z.array(z.string()).meta({ description: "Every contact erased: this one and those merged into it." }),
  counts: z.object(Object.fromEntries(ERASURE_ORDER.map((table) => [table, int()]))).meta({ description: "Rows deleted per table." }),
  suppressions_added: int().meta({ description: "Addresses added to the suppression list, so no email reaches them again." }),
})

/** One entry of the score ledger, with what it is worth today. */
export const ScoreEntry = component(
  "ScoreEntry",
  z
    .object({
      id: z.string(),
      score: z.enum(SCORE_KINDS),
      component: z.enum(SCORE_COMPONENTS),
      delta: z.number().meta({ description: "Points when given." }),
      rule_id: text(),
      event_id: text(),
      reason: z.string(),
      occurred_at: timestamp(),
      rule_name: text().meta({ description: "The rule's name (a deleted rule's too); null for an entry without a rule." }),
      event_type: text().meta({ description: "The type of the event behind the entry; null without one." }),
      current_value: z.number().meta({ description: "What the entry is worth today: engagement points decay." }),
    })
    .meta({ description: "One change to a contact's scores." })
)

export const ScoreHistory = z.object({
  entries: z.array(ScoreEntry),
  ...page,
  summary: z.object({
    acquisition_score: int(),
    engagement_score: z.number(),
    fit_score: int(),
    loyalty_score: int(),
    loyalty_points: int(),
    lifecycle_stage: z.enum(LIFECYCLE_STAGES),
    scored_at: nullableTimestamp(),
    rfm: z
      .object({ recency: int(), frequency: int(), monetary: int(), group: z.enum(RFM_GROUPS) })
      .nullable()
      .meta({ description: "RFM bands (1 to 5) and group; null until the contact is banded." }),
  }),
})

export const ContactSegmentList = z.object({
  segments: z.array(z.object({ id: z.string(), name: z.string(), entered_at: timestamp() })).meta({ description: "By name." }),
})

export const LifecycleStageChange = component(
  "LifecycleStageChange",
  z
    .object({
      id: z.string(),
      from_stage: z.enum(LIFECYCLE_STAGES).nullable(),
      to_stage: z.enum(LIFECYCLE_STAGES),
      reason: z.string(),
      changed_at: timestamp(),
    })
    .meta({ description: "One move of a contact from one lifecycle stage to another." })
)

export const StageHistory = z.object({
  changes: z.array(LifecycleStageChange).meta({ description: "Newest first, at most 100." }),
})

export const ContactSession = component(
  "MarketingSession",
  z
    .object({
      id: z.string(),
      started_at: timestamp(),
      ended_at: timestamp().meta({ description: "The session's latest event." }),
      duration_ms: int().meta({ description: "From the first event to the latest." }),
      pages: int().meta({ description: "Pages viewed (page, product and category views)." }),
      engaged_ms: z.number().meta({ description: "Engaged time (tab visible, shopper active) the tracker reported." }),
      landing_page: text(),
      utm_source: text(),
      utm_campaign: text().meta({ description: "The campaign the session started with; another one starts a new session." }),
      channel: text().meta({ description: "Acquisition channel of the session's first event (direct without a touch)." }),
    })
    .meta({ description: "One visit: storefront events with no 30-minute gap, one UTM campaign, one day in the store's time zone." })
)

export const ContactSessionList = z.object({
  sessions: z.array(ContactSession).meta({ description: "Newest first, at most 50." }),
  sessions_count: int(),
  engaged_ms: z.number(),
  average_engaged_ms: z.number().nullable().meta({ description: "Engaged time per session; null without sessions." }),
  last_session_at: nullableTimestamp(),
  top_pages: z
    .array(z.object({ path: z.string(), engaged_ms: z.number() }))
    .meta({ description: "The 10 pages with the most engaged time, all time." }),
  top_categories: z
    .array(z.object({ category: z.string(), engaged_ms: z.number() }))
    .meta({ description: "Engaged time per category (of product and category pages), the 10 highest, all time." }),
})

export { ContactPredictionList } from "../predictions/responses"
