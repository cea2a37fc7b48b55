/**
 * What an attribution keeps of a Medusa order (pure, no Medusa import):
 * its total, the discounts its promotions gave (the items' and shipping
 * methods' adjustments) and whether it is the customer's first order.
 */

type Money = number | string | { numeric?: number; value?: string } | null | undefined

/** Medusa returns amounts as numbers, strings or BigNumber objects. */
export function amountOf(value: Money): number {
  if (value === null || value === undefined) return 0
  if (typeof value === "number") return value
  if (typeof value === "string") return Number(value) || 0
  if (typeof value.numeric === "number") return value.numeric
  return Number(value.value) || 0
}

export type OrderForAttribution = {
  id: string
  total?: Money
  currency_code?: string | null
  created_at: string | Date
  canceled_at?: string | Date | null
  items?: { adjustments?: { amount?: Money }[] | null }[] | null
  shipping_methods?: { adjustments?: { amount?: Money }[] | null }[] | null
}

/** Another order of the same customer or email. */
export type EarlierOrder = { id: string; created_at: string | Date; status?: string | null; canceled_at?: string | Date | null }

/** Rounds away binary noise (0.1 + 0.2) without touching real cents or mills. */
const round = (n: number) => Math.round(n * 1e6) / 1e6

/** The order's promotion adjustments: every item's and every shipping method's. */
export function discountOf(order: OrderForAttribution): number {
  const sum = (lines: { adjustments?: { amount?: Money }[] | null }[] | null | undefined) =>
    (lines ?? []).reduce((total, line) => total + (line.adjustments ?? []).reduce((s, a) => s + amountOf(a.amount), 0), 0)
  return round(sum(order.items) + sum(order.shipping_methods))
}

/**
 * Whether no other order came before this one (canceled orders left out:
 * a customer whose first order was canceled is still new with the next).
 * Orders placed at the same instant are ordered by id.
 */
export function isFirstOrder(order: { id: string; created_at: string | Date }, others: EarlierOrder[]): boolean {
  const at = new Date(order.created_at).getTime()
  return !others.some((o) => {
    if (o.id === order.id || o.status === "canceled" || o.canceled_at) return false
    const t = new Date(o.created_at).getTime()
    return t < at || (t === at && o.id < order.id)
  })
}

export function orderFigures(order: OrderForAttribution, others: EarlierOrder[]) {
  return {
    order_id: order.id,
    amount: round(amountOf(order.total)),
    currency_code: (order.currency_code ?? "").toLowerCase(),
    discount_amount: discountOf(order),
    first_order: isFirstOrder(order, others),
    ordered_at: new Date(order.created_at).toISOString(),
    canceled_at: order.canceled_at ? new Date(order.canceled_at).toISOString() : null,
  }
}
