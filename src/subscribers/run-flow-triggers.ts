import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import type { Occurrence } from "../modules/marketing/flows/reactions"
import { reactToFlowOccurrencesInGroup } from "../workflows/flows"
import { MarketingEvents } from "../workflows/tracking/events"

type Data = Record<string, any>

/** The occurrence a marketing event announces, with its contact; null for a payload without one. */
function occurrenceOf(name: string, d: Data): { contact_id: string; occurrence: Occurrence } | null {
  if (!d?.contact_id) return null
  switch (name) {
    case MarketingEvents.SEGMENT_ENTERED:
      return { contact_id: d.contact_id, occurrence: { kind: "segment_entered", segment_id: d.segment_id, at: String(d.entered_at) } }
    case MarketingEvents.SEGMENT_EXITED:
      return { contact_id: d.contact_id, occurrence: { kind: "segment_exited", segment_id: d.segment_id, at: String(d.exited_at) } }
    case MarketingEvents.SCORE_THRESHOLD_CROSSED:
      return {
        contact_id: d.contact_id,
        // `threshold` names the stage threshold ("lead"); `value` is its points, which a flow's trigger names.
        occurrence: { kind: "score_threshold", score: d.score, threshold: Number(d.value), direction: d.direction, at: new Date().toISOString() }, // the payload has no time
      }
    case MarketingEvents.LIFECYCLE_STAGE_CHANGED:
      return { contact_id: d.contact_id, occurrence: { kind: "stage_changed", from: d.from_stage ?? null, to: d.to_stage, at: String(d.changed_at) } }
    default:
      return null
  }
}

/**
 * Flows react to what happens to contacts: recorded events (triggers,
 * goals, exits, wait_for_event), segment entries and exits, score
 * crossings and stage changes. Hands off to one workflow, which also runs
 * new enrollments' first steps at once, shared by the contacts of the moment.
 */
export default async function runFlowTriggers({ event, container }: SubscriberArgs<Data>) {
  const input =
    event.name === MarketingEvents.EVENTS_RECORDED
      ? event.data?.contact_id && event.data.types?.length
        ? {
            contact_id: event.data.contact_id as string,
            event_types: event.data.types as string[],
            event_ids: Array.isArray(event.data.event_ids) ? (event.data.event_ids as string[]) : undefined,
          }
        : null
      : (() => {
          const o = occurrenceOf(event.name, event.data)
          return o ? { contact_id: o.contact_id, occurrences: [o.occurrence] } : null
        })()
  if (!input) return
  // Contacts whose occurrences arrive together react in one run (see react-in-group.ts).
  await reactToFlowOccurrencesInGroup(container, input)
}

export const config: SubscriberConfig = {
  event: [
    MarketingEvents.EVENTS_RECORDED,
    MarketingEvents.SEGMENT_ENTERED,
    MarketingEvents.SEGMENT_EXITED,
    MarketingEvents.SCORE_THRESHOLD_CROSSED,
    MarketingEvents.LIFECYCLE_STAGE_CHANGED,
  ],
  context: { subscriberId: "marketing-run-flow-triggers" },
}
