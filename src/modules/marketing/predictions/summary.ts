/**
 * How a customer's orders become the models' summaries. The nightly job
 * computes the same in SQL; this is the definition it must match.
 */
import { DAYS_PER_WEEK, type PurchaseSummary } from "./bg-nbd"
import type { SpendSummary } from "./gamma-gamma"

/** One order: the day it was placed (a whole day number in the store's time zone) and its value. */
export type OrderDay = { day: number; value: number }

/**
 * Orders placed on the same day count as one order worth their sum: a split
 * cart or a forgotten item is one decision to buy, and the models count
 * decisions (the paper's data and the lifetimes package count days too).
 * The first order's day starts the customer's history; `endDay` ends the
 * period, and orders after it are left out. Null for a customer with no
 * order by then.
 */
export function summarizeOrders(orders: OrderDay[], endDay: number): (PurchaseSummary & SpendSummary) | null {
  const byDay = new Map<number, number>()
  for (const o of orders) if (o.day <= endDay) byDay.set(o.day, (byDay.get(o.day) ?? 0) + o.value)
  if (!byDay.size) return null
  const days = [...byDay.keys()].sort((a, b) => a - b)
  const first = days[0]
  const repeat = days.slice(1)
  const last = repeat.length ? repeat[repeat.length - 1] : first
  return {
    repeat_orders: repeat.length,
    weeks_first_to_last: (last - first) / DAYS_PER_WEEK,
    weeks_since_first: (endDay - first) / DAYS_PER_WEEK,
    // The first order is left out of spend, as the Gamma-Gamma model is fitted on repeat orders
    average_order_value: repeat.length ? repeat.reduce((sum, d) => sum + (byDay.get(d) ?? 0), 0) / repeat.length : 0,
  }
}
