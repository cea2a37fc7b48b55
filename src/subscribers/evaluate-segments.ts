import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { evaluateSegmentsForContactsWorkflow, evaluateSegmentsInGroup } from "../workflows/segments"
import { MarketingEvents } from "../workflows/tracking/events"

type Data = { contact_id?: string; types?: string[]; source_id?: string; target_id?: string }

/**
 * Real-time membership: recorded events re-evaluate their contact against
 * the segments they can affect; a merge re-evaluates both contacts (the
 * merged one leaves everything).
 */
export default async function evaluateSegments({ event, container }: SubscriberArgs<Data>) {
  if (event.name === MarketingEvents.CONTACT_MERGED) {
    const { source_id, target_id } = event.data
    if (!source_id || !target_id) return
    await evaluateSegmentsForContactsWorkflow(container).run({ input: { contact_ids: [source_id, target_id], all: true } })
    return
  }
  if (!event.data.contact_id) return
  // Contacts whose events arrive together are evaluated in one run (see evaluate-in-group.ts).
  await evaluateSegmentsInGroup(container, { contact_id: event.data.contact_id, types: event.data.types ?? [] })
}

export const config: SubscriberConfig = {
  event: [MarketingEvents.EVENTS_RECORDED, MarketingEvents.CONTACT_MERGED],
  context: { subscriberId: "marketing-evaluate-segments" },
}
