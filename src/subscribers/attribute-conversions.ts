import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { OrderWorkflowEvents } from "@medusajs/framework/utils"
import { attributeAppointmentsWorkflow, attributeOrderWorkflow, withdrawOrderAttributionWorkflow } from "../workflows/reports"
import { MarketingEvents } from "../workflows/tracking/events"

type Data = { id?: string; contact_id?: string; types?: string[] }

/**
 * Attribution: a placed order is credited to the message that led to it, a
 * canceled one withdrawn; a contact's new `appointment_booked` events are
 * credited like orders. Hands off to one workflow per case.
 */
export default async function attributeConversions({ event, container }: SubscriberArgs<Data>) {
  const data = event.data ?? {}
  if (event.name === OrderWorkflowEvents.PLACED && data.id) {
    await attributeOrderWorkflow(container).run({ input: { order_id: data.id } })
  } else if (event.name === OrderWorkflowEvents.CANCELED && data.id) {
    await withdrawOrderAttributionWorkflow(container).run({ input: { order_id: data.id, at: new Date().toISOString() } })
  } else if (event.name === MarketingEvents.EVENTS_RECORDED && data.contact_id && data.types?.includes("appointment_booked")) {
    await attributeAppointmentsWorkflow(container).run({ input: { contact_id: data.contact_id } })
  }
}

export const config: SubscriberConfig = {
  event: [OrderWorkflowEvents.PLACED, OrderWorkflowEvents.CANCELED, MarketingEvents.EVENTS_RECORDED],
  context: { subscriberId: "marketing-attribute-conversions" },
}
