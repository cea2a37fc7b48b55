import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { evaluateSegmentsForContactsWorkflow } from "../workflows/segments"
import { MarketingEvents } from "../workflows/tracking/events"

type Data = { contact_id?: string; types?: string[]; source_id?: string; target_id?: string }

/**
 * Real-time membership: recorded events re-evaluate their contact against
 * the segments they can affect; a merge re-evaluates both contacts (the
 * merged one leaves everything).
 */
export default async function evaluateSegments({ event, container }: SubscriberArgs<Data>) {
  const input =
    event.name === MarketingEvents.CONTACT_MERGED
      ? { contact_ids: [event.data.source_id!, event.data.target_id!], all: true }
      : { contact_ids: [event.data.contact_id!], event_types: event.data.types ?? [], fields_changed: true }
  if (input.contact_ids.some((id) => !id)) return
  await evaluateSegmentsForContactsWorkflow(container).run({ input })
}

export const config: SubscriberConfig = {
  event: [MarketingEvents.EVENTS_RECORDED, MarketingEvents.CONTACT_MERGED],
  context: { subscriberId: "marketing-evaluate-segments" },
}
