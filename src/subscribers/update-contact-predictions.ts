import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { updateContactPredictionsWorkflow } from "../workflows/predictions"
import { MarketingEvents } from "../workflows/tracking/events"

type Data = { contact_id?: string; types?: string[]; target_id?: string }

/** A contact's predictions follow their orders: a placed or canceled order, or a contact merged into theirs. */
export default async function updateContactPredictions({ event, container }: SubscriberArgs<Data>) {
  const data = event.data ?? {}
  const orders = data.types?.some((t) => t === "order_placed" || t === "order_canceled")
  const contactId = event.name === MarketingEvents.CONTACT_MERGED ? data.target_id : orders ? data.contact_id : undefined
  if (contactId) await updateContactPredictionsWorkflow(container).run({ input: { contact_id: contactId } })
}

export const config: SubscriberConfig = {
  event: [MarketingEvents.EVENTS_RECORDED, MarketingEvents.CONTACT_MERGED],
  context: { subscriberId: "marketing-update-contact-predictions" },
}
