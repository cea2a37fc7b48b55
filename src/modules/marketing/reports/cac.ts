import type { SqlRunner } from "../sql-runner"
import { CHANNELS } from "./channels"
import type { ChannelsReportResponse } from "./types"

/** The YYYY-MM (UTC) of an instant. */
export const monthOf = (at: Date) => at.toISOString().slice(0, 7)

/**
 * New customers and cost of acquisition per month (UTC) and channel.
 *
 * A new customer is a contact whose first order (the earliest `order_placed`
 * event the contact has, whenever that was) falls in the period, counted in
 * that order's month under the contact's `first_channel` (its acquisition
 * touch; contacts with no recorded touch count as direct). Spend is the
 * `marketing_channel_spend` rows of the months the period touches, summed per
 * currency (rows naming a UTM source or campaign count toward their channel).
 * CAC = spend / new customers, per currency; null when there is no new customer.
 */
export async function channelsReport(em: SqlRunner, period: { from: Date; to: Date }): Promise<ChannelsReportResponse> {
  const from = period.from.toISOString()
  const to = period.to.toISOString()
  // The period's orders whose contact ordered nothing before: read through the period's orders and the
  // contact's own order index, so the cost follows the period, not every order the store ever had.
  const customers: { month: string; channel: string; n: number }[] = await em.execute(
    `SELECT to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month, COALESCE(c.first_channel, 'direct') AS channel,
            count(DISTINCT e.contact_id)::int AS n
       FROM marketing_event e
       JOIN marketing_contact c ON c.id = e.contact_id AND c.deleted_at IS NULL
      WHERE e.type = 'order_placed' AND e.deleted_at IS NULL
        AND e.occurred_at >= ?::timestamptz AND e.occurred_at < ?::timestamptz
        AND NOT EXISTS (
          SELECT 1 FROM marketing_event p
           WHERE p.contact_id = e.contact_id AND p.type = 'order_placed' AND p.deleted_at IS NULL
             AND p.occurred_at < e.occurred_at
        )
      GROUP BY 1, 2`,
    [from, to]
  )
  const lastMonth = monthOf(new Date(period.to.getTime() - 1))
  const spend: { month: string; channel: string; currency_code: string; amount: string }[] = await em.execute(
    `SELECT month, channel, lower(currency_code) AS currency_code, sum(amount)::text AS amount
       FROM marketing_channel_spend
      WHERE deleted_at IS NULL AND month >= ? AND month <= ?
      GROUP BY 1, 2, 3
      ORDER BY 3`,
    [monthOf(period.from), lastMonth]
  )

  const rows = new Map<string, ChannelsReportResponse["months"][number]>()
  const rowOf = (month: string, channel: string) => {
    const key = `${month}|${channel}`
    let row = rows.get(key)
    if (!row) {
      row = { month, channel, new_customers: 0, spend: [], cac: [] }
      rows.set(key, row)
    }
    return row
  }
  for (const c of customers) rowOf(c.month, c.channel).new_customers = Number(c.n)
  for (const s of spend) rowOf(s.month, s.channel).spend.push({ currency_code: s.currency_code, amount: Number(s.amount) })
  for (const row of rows.values()) {
    row.cac = row.spend.map((s) => ({
      currency_code: s.currency_code,
      amount: row.new_customers ? Math.round((s.amount / row.new_customers) * 100) / 100 : null,
    }))
  }
  const order = (channel: string) => {
    const i = (CHANNELS as readonly string[]).indexOf(channel)
    return i < 0 ? CHANNELS.length : i
  }
  return {
    period: { from, to },
    months: [...rows.values()].sort((a, b) =>
      a.month === b.month ? order(a.channel) - order(b.channel) || a.channel.localeCompare(b.channel) : a.month < b.month ? -1 : 1
    ),
  }
}
