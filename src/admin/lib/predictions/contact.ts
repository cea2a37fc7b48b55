import type { ContactPrediction } from "./index"

const DAY = 86_400_000

/**
 * The "why" of a contact's figures in one sentence, from the summary the
 * models used: "3 orders from Jan 5, 2026 to May 2, 2026, about every 59
 * days; the last one 40 days before the fit."
 */
export function predictionWhy(p: ContactPrediction, formatDate: (iso: string) => string): string {
  const orders = `${p.orders} ${p.orders === 1 ? "order" : "orders"}`
  const since = Math.max(0, Math.round((new Date(p.predicted_at).getTime() - new Date(p.last_order_at).getTime()) / DAY))
  const last = `${since} ${since === 1 ? "day" : "days"} before the fit`
  if (p.orders <= 1 || p.average_days_between_orders === null) {
    return `${orders}, on ${formatDate(p.first_order_at)}, ${last}.`
  }
  const every = Math.round(p.average_days_between_orders)
  return `${orders} from ${formatDate(p.first_order_at)} to ${formatDate(p.last_order_at)}, about every ${every} ${every === 1 ? "day" : "days"}; the last one ${last}.`
}
