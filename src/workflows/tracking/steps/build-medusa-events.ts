import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  MedusaEventName,
  buildCartEvent,
  buildCustomerEvent,
  buildOrderEvent,
} from "../../../modules/marketing/tracking/medusa-events"
import type { PreparedEvent } from "../../../modules/marketing/tracking/types"

export type BuildMedusaEventsStepInput = {
  name: MedusaEventName
  id: string
  received_at: string
}

export const buildMedusaEventsStepId = "build-marketing-events-from-medusa"

const ITEM_FIELDS = ["id", "product_id", "variant_id", "title", "product_title", "quantity", "unit_price"].map(
  (field) => `items.${field}`
)
const CUSTOMER_FIELDS = ["id", "email", "first_name", "last_name", "phone", "has_account", "created_at", "updated_at"]
const CART_FIELDS = [
  "id",
  "email",
  "customer_id",
  "customer.has_account",
  "currency_code",
  "total",
  "updated_at",
  ...ITEM_FIELDS,
]
const ORDER_FIELDS = [
  "id",
  "display_id",
  "email",
  "customer_id",
  "customer.has_account",
  "cart.id",
  "currency_code",
  "total",
  "status",
  "created_at",
  "canceled_at",
  "shipping_address.country_code",
  "shipping_address.city",
  ...ITEM_FIELDS,
]

/**
 * Reads the Medusa record behind an event with `query.graph` and turns it
 * into a marketing event with the facts scoring and segments need.
 */
export const buildMedusaEventsStep = createStep(
  buildMedusaEventsStepId,
  async (input: BuildMedusaEventsStepInput, { container }) => {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const events: PreparedEvent[] = []
    if (input.name.startsWith("customer.")) {
      const { data } = await query.graph({ entity: "customer", fields: CUSTOMER_FIELDS, filters: { id: input.id } })
      if (data[0]) events.push(buildCustomerEvent(input.name, data[0] as any, input.received_at))
    } else if (input.name.startsWith("cart.")) {
      const { data } = await query.graph({ entity: "cart", fields: CART_FIELDS, filters: { id: input.id } })
      if (data[0]) events.push(buildCartEvent(input.name, data[0] as any, input.received_at))
    } else if (input.name.startsWith("order.")) {
      const { data } = await query.graph({ entity: "order", fields: ORDER_FIELDS, filters: { id: input.id } })
      const order = data[0] as any
      if (order) {
        const productIds = [...new Set<string>((order.items ?? []).map((i: any) => i.product_id).filter(Boolean))]
        const { data: products } = productIds.length
          ? await query.graph({
              entity: "product",
              fields: ["id", "categories.id", "categories.name"],
              filters: { id: productIds },
            })
          : { data: [] as any[] }
        events.push(buildOrderEvent(input.name, order, products as any[], input.received_at))
      }
    }
    return new StepResponse(events)
  }
)
