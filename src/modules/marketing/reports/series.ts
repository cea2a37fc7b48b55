import type { SqlRunner } from "../sql-runner"
import { messageCountsByDay } from "./rollup"
import type { MessagesSeriesResponse, ReportPeriod, RevenueSeriesResponse } from "./types"

const DAY = 86_400_000
const money = (n: number) => Math.round(n * 1e6) / 1e6

/** The UTC days (YYYY-MM-DD) the period touches, oldest first. */
export function daysOf(period: ReportPeriod): string[] {
  const out: string[] = []
  const last = Date.parse(period.to) - 1
  for (let t = Date.parse(period.from.slice(0, 10) + "T00:00:00.000Z"); t <= last; t += DAY) out.push(new Date(t).toISOString().slice(0, 10))
  return out
}

/**
 * Marketing messages queued in the period, per UTC day of queueing: how many
 * of them were handed to the provider, opened and clicked by a human, bounced
 * (hard or soft) and led to an unsubscribe. Each day is the cohort of that
 * day's sends, so a later open counts on the day its message was sent.
 */
export async function messagesSeries(em: SqlRunner, period: ReportPeriod): Promise<MessagesSeriesResponse> {
  const counts = await messageCountsByDay(em, period, ["day"], "m.kind = 'marketing'", [])
  const rows = counts.map((c) => ({
    day: c.day, sent: c.handed, opened: c.opens, clicked: c.clicks, bounced: c.hard_bounces + c.soft_bounces, unsubscribed: c.unsubscribes,
  }))
  const byDay = new Map<string, any>(rows.map((r: any) => [r.day, r]))
  return {
    period,
    days: daysOf(period).map((day) => {
      const r = byDay.get(day)
      return { day, sent: r?.sent ?? 0, opened: r?.opened ?? 0, clicked: r?.clicked ?? 0, bounced: r?.bounced ?? 0, unsubscribed: r?.unsubscribed ?? 0 }
    }),
  }
}

/**
 * Attributed order revenue (withdrawn attributions left out) per flow per UTC
 * day of the order, in one currency: `currency_code`, else the first currency
 * with revenue in the period (alphabetically), else `fallbackCurrency`.
 * `total` also counts orders credited to messages outside any flow.
 */
export async function revenueSeries(
  em: SqlRunner, period: ReportPeriod, currencyCode: string | undefined, fallbackCurrency: string
): Promise<RevenueSeriesResponse> {
  const currencies: string[] = (
    await em.execute(
      `SELECT DISTINCT lower(a.currency_code) AS c FROM marketing_attribution a
        WHERE a.deleted_at IS NULL AND a.withdrawn_at IS NULL AND a.kind = 'order' AND a.currency_code IS NOT NULL
          AND a.ordered_at >= ? AND a.ordered_at < ? ORDER BY 1`,
      [period.from, period.to]
    )
  ).map((r: any) => r.c)
  const currency = (currencyCode ?? currencies[0] ?? fallbackCurrency).toLowerCase()
  const rows = await em.execute(
    `SELECT d.day::text AS day, d.flow_id, d.amount FROM (
     SELECT (a.ordered_at AT TIME ZONE 'UTC')::date AS day, a.flow_id, coalesce(sum(a.amount), 0)::float8 AS amount
       FROM marketing_attribution a
      WHERE a.deleted_at IS NULL AND a.withdrawn_at IS NULL AND a.kind = 'order' AND lower(a.currency_code) = ?
        AND a.ordered_at >= ? AND a.ordered_at < ?
      GROUP BY 1, 2) d`,
    [currency, period.from, period.to]
  )
  const flowIds = [...new Set(rows.map((r: any) => r.flow_id).filter(Boolean))] as string[]
  const names = flowIds.length
    ? await em.execute(`SELECT id, name FROM marketing_flow WHERE id IN (${flowIds.map(() => "?").join(", ")}) ORDER BY name, id`, flowIds)
    : []
  const flows = names.map((f: any) => ({ flow_id: f.id as string, name: f.name as string }))
  const byDay = new Map<string, any[]>()
  for (const r of rows) byDay.set(r.day, [...(byDay.get(r.day) ?? []), r])
  return {
    period,
    currency_code: currency,
    currency_codes: currencies,
    flows,
    days: daysOf(period).map((day) => {
      const rs = byDay.get(day) ?? []
      const perFlow: Record<string, number> = Object.fromEntries(flows.map((f) => [f.flow_id, 0]))
      let total = 0
      for (const r of rs) {
        total += Number(r.amount)
        if (r.flow_id && r.flow_id in perFlow) perFlow[r.flow_id] = money(perFlow[r.flow_id] + Number(r.amount))
      }
      return { day, total: money(total), flows: perFlow }
    }),
  }
}
