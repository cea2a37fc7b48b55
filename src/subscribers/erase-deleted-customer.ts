import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { CustomerWorkflowEvents } from "@medusajs/framework/utils"
import { eraseContactWorkflow } from "../workflows/privacy"

/**
 * A customer deleted in Medusa is erased from the plugin too: their contact,
 * history and scores go, a suppression hash of their address stays.
 */
export default async function eraseDeletedCustomer({ event, container }: SubscriberArgs<{ id: string }>) {
  if (!event.data?.id) return
  await eraseContactWorkflow(container).run({ input: { customer_id: event.data.id, source: "customer_deleted" } })
}

export const config: SubscriberConfig = {
  event: CustomerWorkflowEvents.DELETED,
  context: { subscriberId: "marketing-erase-deleted-customer" },
}
