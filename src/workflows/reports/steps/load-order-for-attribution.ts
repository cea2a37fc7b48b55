import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import type { OrderConversion } from "../../../modules/marketing/reports/attribution"
import { orderFigures, type EarlierOrder, type OrderForAttribution } from "../../../modules/marketing/reports/order-figures"

export const loadOrderForAttributionStepId = "load-order-for-attribution"

const ORDER_FIELDS = [
  "id", "email", "customer_id", "cart.id", "currency_code", "total", "created_at", "canceled_at", "status",
  "items.adjustments.amount", "shipping_methods.adjustments.amount",
]

/**
 * Reads the order with `query.graph`: its total, currency, promotion
 * adjustments, who placed it, and whether the same customer (or email)
 * ordered before. Null for an unknown order. Reads only.
 */
export const loadOrderForAttributionStep = createStep(
  loadOrderForAttributionStepId,
  async (input: { order_id: string }, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({ entity: "order", fields: ORDER_FIELDS, filters: { id: input.order_id } })
    const order = data[0] as (OrderForAttribution & { email?: string | null; customer_id?: string | null; cart?: { id: string } | null }) | undefined
    if (!order) return new StepResponse<OrderConversion | null>(null)
    const others: EarlierOrder[] = []
    for (const filters of [order.customer_id ? { customer_id: order.customer_id } : null, order.email ? { email: order.email } : null]) {
      if (!filters) continue
      const { data: rows } = await query.graph({
        entity: "order",
        fields: ["id", "created_at", "status", "canceled_at"],
        filters: { ...filters, created_at: { $lte: order.created_at } } as any,
      })
      others.push(...(rows as EarlierOrder[]))
    }
    return new StepResponse<OrderConversion | null>({
      ...orderFigures(order, others),
      customer_id: order.customer_id ?? null,
      email: order.email ?? null,
      cart_id: order.cart?.id ?? null,
      event_key: `order.placed:${order.id}`,
    })
  }
)
