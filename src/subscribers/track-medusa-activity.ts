import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { CartWorkflowEvents, CustomerWorkflowEvents, OrderWorkflowEvents } from "@medusajs/framework/utils"
import { trackMedusaEventWorkflow } from "../workflows/tracking"
import type { MedusaEventName } from "../modules/marketing/tracking/medusa-events"

/**
 * Customers, carts and orders become events on the shopper's contact. A cart
 * that gains a customer (an email given at checkout, or a login) stitches the
 * visitor who owned it into that customer's contact.
 */
export default async function trackMedusaActivity({ event, container }: SubscriberArgs<{ id: string }>) {
  await trackMedusaEventWorkflow(container).run({
    input: { name: event.name as MedusaEventName, id: event.data.id, received_at: new Date().toISOString() },
  })
}

export const config: SubscriberConfig = {
  event: [
    CustomerWorkflowEvents.CREATED,
    CustomerWorkflowEvents.UPDATED,
    CartWorkflowEvents.CREATED,
    CartWorkflowEvents.UPDATED,
    CartWorkflowEvents.CUSTOMER_UPDATED,
    CartWorkflowEvents.CUSTOMER_TRANSFERRED,
    OrderWorkflowEvents.PLACED,
    OrderWorkflowEvents.CANCELED,
  ],
  context: { subscriberId: "marketing-track-medusa-activity" },
}
