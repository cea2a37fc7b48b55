/**
 * The shapes `/admin/marketing/reports/*` answers with. The admin dashboard,
 * the flow page and the API reference read these; every number is computed in
 * SQL over the message, step-run, enrollment, event and attribution rows.
 * Money is per currency (`currency_code` lower case) and never added across
 * currencies; amounts are numbers in the currency's main unit (12.5 = 12.50).
 */

/** The report period: `from` inclusive, `to` exclusive, ISO timestamps. */
export type ReportPeriod = { from: string; to: string }

export type Money = { currency_code: string; amount: number }

/**
 * The relevance measures of one flow, step or variant over a period.
 * Rates are 0..1, null when their denominator is 0.
 */
export type RelevanceMetrics = {
  /** Emails queued to contacts (one per message). */
  recipients: number
  /** Handed to the provider and not bounced. */
  delivered: number
  /** Messages with a human open / click (each message once). */
  opens: number
  clicks: number
  /** Messages opened or clicked by machines only (proxies, scanners): reported apart. */
  machine_opens: number
  machine_clicks: number
  /** opens / delivered, clicks / delivered, clicks / opens. */
  open_rate: number | null
  click_rate: number | null
  click_to_open_rate: number | null
  hard_bounces: number
  soft_bounces: number
  /** (hard + soft bounces) / recipients sent to the provider. */
  bounce_rate: number | null
  complaints: number
  unsubscribes: number
  /** Goals reached: enrollments converted (flow) or attributed orders (step, variant). */
  conversions: number
  /** conversions / recipients (flow: / enrollments). */
  conversion_rate: number | null
  /** `appointment_booked` events credited like any goal. */
  appointments: number
  /** Attributed orders' totals, one entry per currency. */
  revenue: Money[]
  /** Email cost + discounts used on attributed orders + fixed monthly cost (flows), per currency. */
  cost: Money[]
  /** cost / conversions per currency (null amount when no conversion). */
  cost_per_conversion: { currency_code: string; amount: number | null }[]
}

export type VariantReport = RelevanceMetrics & { variant: string }

export type StepReport = RelevanceMetrics & {
  step_id: string
  step_type: string
  variants: VariantReport[]
}

/** A send step's holdout against those who got the email: conversion and revenue per contact, with the lift. */
export type HoldoutReport = {
  step_id: string
  holdout: { contacts: number; conversions: number; conversion_rate: number | null; revenue_per_contact: Money[] }
  treated: { contacts: number; conversions: number; conversion_rate: number | null; revenue_per_contact: Money[] }
  /** treated rate − holdout rate, with its confidence interval (normal approximation at `confidence`). */
  lift: { absolute: number | null; relative: number | null; ci_low: number | null; ci_high: number | null; confidence: number }
}

export type AbDecisionReport = {
  step_id: string
  metric: string
  winner: string
  test: string
  p_value: number
  confidence: number
  samples: Record<string, unknown>
  decided_at: string
}

export type FlowReport = RelevanceMetrics & {
  flow_id: string
  name: string
  status: string
  enrollments: number
  /** Conversions that were the contact's first order. */
  new_customers: number
  cost_per_new_customer: { currency_code: string; amount: number | null }[]
}

/** GET /admin/marketing/reports/flows */
export type FlowsReportResponse = { period: ReportPeriod; flows: FlowReport[] }

/** GET /admin/marketing/reports/flows/:id */
export type FlowDetailReportResponse = {
  period: ReportPeriod
  flow: FlowReport
  steps: StepReport[]
  holdouts: HoldoutReport[]
  decisions: AbDecisionReport[]
}

/** GET /admin/marketing/reports/messages: messages over time (UTC days). */
export type MessagesSeriesResponse = {
  period: ReportPeriod
  days: { day: string; sent: number; opened: number; clicked: number; bounced: number; unsubscribed: number }[]
}

/** GET /admin/marketing/reports/revenue?currency_code=: attributed revenue per flow per UTC day, one currency. */
export type RevenueSeriesResponse = {
  period: ReportPeriod
  currency_code: string
  /** Every currency with attributed revenue in the period (for the currency picker). */
  currency_codes: string[]
  flows: { flow_id: string; name: string }[]
  /** amounts by flow id; a day with nothing has 0 for each flow. */
  days: { day: string; total: number; flows: Record<string, number> }[]
}

/** GET /admin/marketing/reports/funnel: contacts per lifecycle stage now, and entries into each stage in the period. */
export type FunnelResponse = {
  period: ReportPeriod
  stages: { stage: string; contacts: number; entered: number }[]
}

/** GET /admin/marketing/reports/channels: new customers and CAC per channel per month (YYYY-MM). */
export type ChannelsReportResponse = {
  period: ReportPeriod
  months: {
    month: string
    channel: string
    /** Contacts whose first order fell in this month and whose first touch is this channel. */
    new_customers: number
    spend: Money[]
    /** spend / new_customers per currency (null when no new customer). */
    cac: { currency_code: string; amount: number | null }[]
  }[]
}
