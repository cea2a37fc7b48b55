import { z } from "@medusajs/framework/zod"
import { AB_METRICS, FLOW_STATUSES } from "../../../../modules/marketing/flows/types"
import { CHANNELS } from "../../../../modules/marketing/reports/channels"
import { LIFECYCLE_STAGES } from "../../../../modules/marketing/scoring/stages"
import { component, deleted, page, timestamp } from "../../../utils/openapi"
import { ChannelMappingField } from "./settings/validators"

const count = () => z.number().int()
const rate = (of: string) => z.number().nullable().meta({ description: `${of}, 0 to 1; null when the denominator is 0.` })
const currencyCode = () => z.string().meta({ description: "ISO 4217, lower case." })

/** The period a report covers. */
export const ReportPeriod = component(
  "ReportPeriod",
  z
  .object({
    from: timestamp().meta({ description: "Inclusive." }),
    to: timestamp().meta({ description: "Exclusive." }),
  })
  .meta({ description: "The period a report covers, as resolved from `from` and `to` (defaults filled in)." })
)

/** An amount in one currency. Money is never added across currencies. */
export const ReportMoney = component(
  "ReportMoney",
  z
  .object({
    currency_code: currencyCode(),
    amount: z.number().meta({ description: "In the currency's main unit (12.5 = 12.50)." }),
  })
  .meta({ description: "An amount in one currency, in its main unit. Amounts are never added across currencies." })
)

/** A cost divided by a count, per currency: null when the count is 0. */
const ReportMoneyPer = component(
  "ReportMoneyPer",
  z
  .object({
    currency_code: currencyCode(),
    amount: z.number().nullable().meta({ description: "Null when there is nothing to divide by." }),
  })
  .meta({ description: "A cost divided by a count, in one currency; `amount` is null when the count is 0." })
)

/** The relevance measures of a flow, step or variant. */
const relevanceMetrics = {
  recipients: count().meta({ description: "Emails queued to contacts (one per message)." }),
  delivered: count().meta({ description: "Handed to the provider and not bounced." }),
  opens: count().meta({ description: "Messages opened by a human (each message once)." }),
  clicks: count().meta({ description: "Messages clicked by a human (each message once)." }),
  machine_opens: count().meta({ description: "Messages opened by machines only (mail proxies, scanners)." }),
  machine_clicks: count().meta({ description: "Messages clicked by machines only (link scanners)." }),
  open_rate: rate("opens / delivered"),
  click_rate: rate("clicks / delivered"),
  click_to_open_rate: rate("clicks / opens"),
  hard_bounces: count(),
  soft_bounces: count(),
  bounce_rate: rate("(hard + soft bounces) / messages handed to the provider"),
  complaints: count(),
  unsubscribes: count(),
  conversions: count().meta({ description: "Goals reached: converted enrollments for a flow, attributed orders for a step or variant." }),
  conversion_rate: rate("conversions / recipients (a flow: / enrollments)"),
  appointments: count().meta({ description: "`appointment_booked` events credited to the messages." }),
  revenue: z.array(ReportMoney).meta({ description: "Attributed orders' totals, one entry per currency." }),
  cost: z.array(ReportMoney).meta({
    description: "Email cost (cost per email × messages handed), discounts used on attributed orders and, for a flow, its monthly cost pro-rated; per currency.",
  }),
  cost_per_conversion: z.array(ReportMoneyPer).meta({ description: "cost / conversions per currency." }),
}

/** One flow's measures over the period. */
export const FlowRelevanceReport = component(
  "FlowRelevanceReport",
  z
  .object({
    flow_id: z.string(),
    name: z.string(),
    status: z.enum(FLOW_STATUSES),
    ...relevanceMetrics,
    enrollments: count().meta({ description: "Enrollments that entered the flow in the period." }),
    new_customers: count().meta({ description: "Attributed orders that were the customer's first order." }),
    cost_per_new_customer: z.array(ReportMoneyPer).meta({ description: "cost / new customers per currency." }),
  })
  .meta({ description: "One flow's measures over the period." })
)

export const FlowVariantReport = component(
  "FlowVariantReport",
  z
  .object({ variant: z.string().meta({ description: "The A/B variant's key." }), ...relevanceMetrics })
  .meta({ description: "One A/B variant of a send step over the period." })
)

export const FlowStepReport = component(
  "FlowStepReport",
  z
  .object({
    step_id: z.string(),
    step_type: z.string().meta({
      description: "The step's type in the flow's definition (`send_email`, `wait`…), `unknown` when it has none; a step of an older version that ran in the period is listed too.",
    }),
    ...relevanceMetrics,
    variants: z.array(FlowVariantReport).meta({ description: "Per A/B variant, by key; empty when the step has none." }),
  })
  .meta({ description: "One step of a flow over the period, in the order a contact meets the steps." })
)

const holdoutGroup = z.object({
  contacts: count(),
  conversions: count().meta({ description: "Of them, those converted after the step ran." }),
  conversion_rate: rate("conversions / contacts"),
  revenue_per_contact: z.array(ReportMoney).meta({ description: "Conversion revenue per contact, per currency." }),
})

export const FlowHoldoutReport = component(
  "FlowHoldoutReport",
  z
  .object({
    step_id: z.string(),
    holdout: holdoutGroup.meta({ description: "Enrollments held out of the email at this step." }),
    treated: holdoutGroup.meta({ description: "Enrollments that got the email at this step." }),
    lift: z
      .object({
        absolute: z.number().nullable().meta({ description: "Treated conversion rate − holdout rate; null when a group is empty." }),
        relative: z.number().nullable().meta({ description: "The absolute lift over the holdout rate; null when that rate is 0 or a group is empty." }),
        ci_low: z.number().nullable(),
        ci_high: z.number().nullable(),
        confidence: z.number().meta({ description: "The interval's confidence level (0.95)." }),
      })
      .meta({ description: "The lift with its confidence interval (normal approximation)." }),
  })
  .meta({ description: "A send step's holdout against those who got the email." })
)

export const FlowAbDecisionReport = component(
  "FlowAbDecisionReport",
  z
  .object({
    step_id: z.string(),
    metric: z.enum(AB_METRICS),
    winner: z.string().meta({ description: "The winning variant's key: contacts reaching the step get it from then on." }),
    test: z.string().meta({ description: "The statistical test: `z_test`, `chi_square` or `welch_z`." }),
    p_value: z.number(),
    confidence: z.number(),
    samples: z.record(z.string(), z.unknown()).meta({ description: "Per variant: recipients, successes or revenue, and the rate or mean." }),
    decided_at: timestamp(),
  })
  .meta({ description: "An automatic A/B winner of a send step, with its evidence." })
)

/** GET /admin/marketing/reports/flows */
export const FlowsReportResponse = z.object({ period: ReportPeriod, flows: z.array(FlowRelevanceReport) })

/** GET /admin/marketing/reports/flows/:id */
export const FlowDetailReportResponse = z.object({
  period: ReportPeriod,
  flow: FlowRelevanceReport,
  steps: z.array(FlowStepReport),
  holdouts: z.array(FlowHoldoutReport).meta({ description: "Each send step with a holdout in the period, by step id." }),
  decisions: z.array(FlowAbDecisionReport).meta({ description: "Every A/B decision of the flow (any version), oldest first." }),
})

/** GET /admin/marketing/reports/messages */
export const MessagesSeriesResponse = z.object({
  period: ReportPeriod,
  days: z
    .array(
      z.object({
        day: z.iso.date().meta({ description: "A UTC day (YYYY-MM-DD): the messages queued that day, whenever they were opened." }),
        sent: count().meta({ description: "Handed to the provider." }),
        opened: count().meta({ description: "Opened by a human." }),
        clicked: count().meta({ description: "Clicked by a human." }),
        bounced: count().meta({ description: "Hard or soft bounces." }),
        unsubscribed: count(),
      })
    )
    .meta({ description: "Every UTC day the period touches, oldest first (zeros on a day with nothing)." }),
})

/** GET /admin/marketing/reports/revenue */
export const RevenueSeriesResponse = z.object({
  period: ReportPeriod,
  currency_code: currencyCode().meta({ description: "The currency of the amounts." }),
  currency_codes: z.array(z.string()).meta({ description: "Every currency with attributed revenue in the period, alphabetically (for a currency picker)." }),
  flows: z
    .array(z.object({ flow_id: z.string(), name: z.string() }))
    .meta({ description: "The flows with revenue in the period in this currency, by name." }),
  days: z
    .array(
      z.object({
        day: z.iso.date(),
        total: z.number().meta({ description: "Every attributed order of the day, including orders credited to messages outside any flow." }),
        flows: z.record(z.string(), z.number()).meta({ description: "Amount by flow id, every flow of `flows` present (0 on a day without)." }),
      })
    )
    .meta({ description: "Every UTC day the period touches, oldest first." }),
})

/** GET /admin/marketing/reports/funnel */
export const FunnelResponse = z.object({
  period: ReportPeriod,
  stages: z
    .array(
      z.object({
        stage: z.enum(LIFECYCLE_STAGES),
        contacts: count().meta({ description: "Contacts in the stage now (merged contacts left out)." }),
        entered: count().meta({ description: "Entries into the stage in the period." }),
      })
    )
    .meta({ description: "Every lifecycle stage, in the stages' order." }),
})

/** GET /admin/marketing/reports/channels */
export const ChannelsReportResponse = z.object({
  period: ReportPeriod,
  months: z
    .array(
      component(
        "ChannelMonthReport",
        z
        .object({
          month: z.string().meta({ description: "A UTC month, YYYY-MM." }),
          channel: z.enum(CHANNELS).meta({ description: "The contacts' acquisition channel (first touch; `direct` when none was recorded)." }),
          new_customers: count().meta({ description: "Contacts whose first order fell in this month and whose first touch is this channel." }),
          spend: z.array(ReportMoney).meta({ description: "The month's spend on the channel, per currency (rows naming a UTM source or campaign included)." }),
          cac: z.array(ReportMoneyPer).meta({ description: "spend / new customers per currency (null amount when no new customer)." }),
        })
        .meta({ description: "New customers, spend and cost of acquisition of one channel in one month." })
      )
    )
    .meta({ description: "The month and channel pairs with a new customer or spend, by month then channel." }),
})

/** The store's attribution and cost settings. */
export const ReportSettings = component(
  "ReportSettings",
  z
  .object({
    id: z.string(),
    click_window_days: z.number().meta({ description: "An order is credited to the last message clicked within this many days…" }),
    open_window_days: z.number().meta({ description: "…else to the last one opened within this many days." }),
    cost_per_email: z.number().meta({ description: "What one sent email costs, in `currency_code`." }),
    currency_code: currencyCode().meta({ description: "The currency of email and fixed flow costs." }),
    channel_mappings: z
      .array(z.object({ field: ChannelMappingField, value: z.string(), channel: z.enum(CHANNELS) }))
      .meta({ description: "The owner's channel rules, in order, checked before the built-in ones: a touch whose `field` equals `value` (case-insensitive; a referrer domain also matches its subdomains) is `channel`." }),
  })
  .meta({ description: "The store's attribution and cost settings." })
)

const channels = z.array(z.enum(CHANNELS)).meta({ description: "Every acquisition channel, the values a mapping or a spend row may name." })

/** GET /admin/marketing/reports/settings */
export const ReportSettingsResponse = z.object({ report_settings: ReportSettings, channels })

/** POST /admin/marketing/reports/settings */
export const UpdateReportSettingsResponse = z.object({
  report_settings: ReportSettings,
  channels,
  reclassified: count().meta({ description: "Contacts whose first or last channel changed with the new mappings (0 when the mappings did not change)." }),
})

/** A month's spend on a channel. */
export const ChannelSpend = component(
  "ChannelSpend",
  z
  .object({
    id: z.string(),
    month: z.string().meta({ description: "YYYY-MM." }),
    channel: z.enum(CHANNELS),
    utm_source: z.string().nullable().meta({ description: "The UTM source the spend was for, when only one." }),
    utm_campaign: z.string().nullable().meta({ description: "The UTM campaign the spend was for, when only one." }),
    amount: z.number().meta({ description: "In the currency's main unit." }),
    currency_code: currencyCode(),
    note: z.string().nullable(),
    created_at: timestamp(),
    updated_at: timestamp(),
  })
  .meta({ description: "What the store spent on one acquisition channel (optionally one UTM source or campaign of it) in one month." })
)

export const ChannelSpendResponse = z.object({ spend: ChannelSpend })
export const ChannelSpendListResponse = z.object({ spend: z.array(ChannelSpend), ...page })
export const ChannelSpendDeleted = deleted("channel_spend")
