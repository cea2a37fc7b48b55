import type { SqlRunner } from "../sql-runner"
import { messageCountsByDay } from "./rollup"
import type { ReportSettingsRow } from "./settings"
import { ratio } from "./stats"
import type { Money, ReportPeriod, RelevanceMetrics } from "./types"

/**
 * Message counts, grouped by `keys`, over flow messages queued in the period
 * (closed days from their rollups, see rollup.ts). `where` may use kind,
 * flow_id, step_id and variant of `m`.
 */
export async function messageCounts(em: SqlRunner, period: ReportPeriod, keys: ("flow_id" | "step_id" | "variant")[], where: string, params: unknown[]) {
  return (await messageCountsByDay(em, period, keys, `m.flow_id IS NOT NULL AND ${where}`, params)) as MessageRow[]
}

export type MessageRow = Record<string, any> & {
  recipients: number; handed: number; delivered: number; opens: number; clicks: number
  machine_opens: number; machine_clicks: number; hard_bounces: number; soft_bounces: number
  complaints: number; unsubscribes: number
}

export type AttributionRow = Record<string, any> & {
  kind: "order" | "appointment"; currency_code: string | null; n: number; first_orders: number; amount: number; discount: number
}

/** Attributed orders and appointments (withdrawn ones left out) in the period, per `keys`, kind and currency. */
export async function attributionSums(em: SqlRunner, period: ReportPeriod, keys: string[], where: string, params: unknown[]) {
  const cols = keys.map((k) => `a.${k}`).join(", ")
  const rows = await em.execute(
    `SELECT ${cols}, a.kind, lower(a.currency_code) AS currency_code,
            count(*)::int AS n, count(*) FILTER (WHERE a.first_order)::int AS first_orders,
            coalesce(sum(a.amount), 0)::float8 AS amount, coalesce(sum(a.discount_amount), 0)::float8 AS discount
       FROM marketing_attribution a
      WHERE a.deleted_at IS NULL AND a.withdrawn_at IS NULL AND a.ordered_at >= ? AND a.ordered_at < ? AND ${where}
      GROUP BY ${cols}, a.kind, lower(a.currency_code)`,
    [period.from, period.to, ...params]
  )
  return rows.map((r: any) => ({ ...r, amount: Number(r.amount), discount: Number(r.discount) })) as AttributionRow[]
}

const EMPTY: MessageRow = {
  recipients: 0, handed: 0, delivered: 0, opens: 0, clicks: 0, machine_opens: 0, machine_clicks: 0,
  hard_bounces: 0, soft_bounces: 0, complaints: 0, unsubscribes: 0,
}

/** Rounds money to 1e-6 so float sums print as the cents they are. */
const money = (n: number) => Math.round(n * 1e6) / 1e6

const addTo = (into: Map<string, number>, currency: string, amount: number) =>
  into.set(currency, (into.get(currency) ?? 0) + amount)

const toMoney = (m: Map<string, number>): Money[] =>
  [...m.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency_code, amount]) => ({ currency_code, amount: money(amount) }))

/**
 * One flow's, step's or variant's measures from its message counts and its
 * attributions. `conversions` overrides the attributed orders as the goal count
 * (flows count converted enrollments over `conversionBase` enrollments);
 * `fixedCost` is added in the settings' currency (a flow's pro-rated monthly cost).
 */
export function buildMetrics(
  msg: MessageRow | undefined,
  attributions: AttributionRow[],
  settings: Pick<ReportSettingsRow, "cost_per_email" | "currency_code">,
  opts: { conversions?: number; conversionBase?: number; fixedCost?: number } = {}
): RelevanceMetrics & { new_customers: number } {
  const m = msg ?? EMPTY
  const revenue = new Map<string, number>()
  const cost = new Map<string, number>()
  let orders = 0, appointments = 0, newCustomers = 0
  for (const a of attributions) {
    if (a.kind === "appointment") { appointments += a.n; continue }
    orders += a.n
    newCustomers += a.first_orders
    if (!a.currency_code) continue
    addTo(revenue, a.currency_code, a.amount)
    if (a.discount) addTo(cost, a.currency_code, a.discount)
  }
  const currency = settings.currency_code.toLowerCase()
  const emailCost = settings.cost_per_email * m.handed
  if (emailCost) addTo(cost, currency, emailCost)
  if (opts.fixedCost) addTo(cost, currency, opts.fixedCost)
  const conversions = opts.conversions ?? orders
  const costs = toMoney(cost)
  return {
    recipients: m.recipients,
    delivered: m.delivered,
    opens: m.opens,
    clicks: m.clicks,
    machine_opens: m.machine_opens,
    machine_clicks: m.machine_clicks,
    open_rate: ratio(m.opens, m.delivered),
    click_rate: ratio(m.clicks, m.delivered),
    click_to_open_rate: ratio(m.clicks, m.opens),
    hard_bounces: m.hard_bounces,
    soft_bounces: m.soft_bounces,
    bounce_rate: ratio(m.hard_bounces + m.soft_bounces, m.handed),
    complaints: m.complaints,
    unsubscribes: m.unsubscribes,
    conversions,
    conversion_rate: ratio(conversions, opts.conversionBase ?? m.recipients),
    appointments,
    revenue: toMoney(revenue),
    cost: costs,
    cost_per_conversion: costs.map((c) => ({ currency_code: c.currency_code, amount: conversions ? money(c.amount / conversions) : null })),
    new_customers: newCustomers,
  }
}

/** Days in the period (fractional), for pro-rating monthly costs over 30-day months. */
export const periodDays = (p: ReportPeriod) => (Date.parse(p.to) - Date.parse(p.from)) / 86_400_000

/** A flow's fixed monthly cost pro-rated: monthly_cost × days / 30. */
export const proRated = (monthlyCost: number | null | undefined, p: ReportPeriod) =>
  monthlyCost ? money((Number(monthlyCost) * periodDays(p)) / 30) : 0
