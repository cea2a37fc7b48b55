import { WorkflowData, transform } from "@medusajs/framework/workflows-sdk"
import type { PreparedEvent } from "../../../modules/marketing/tracking/types"
import { recordedEventMessages } from "../events"
import { emitMarketingEventsStep } from "../steps/emit-marketing-events"
import { recordEventsStep } from "../steps/record-events"

/**
 * The shared tail of the tracking workflows: store and score the events,
 * then tell subscribers which contacts received events, merged, changed
 * lifecycle stage or crossed a score threshold, in one emit step.
 * Called inside a workflow's composition function.
 */
export function recordAndAnnounceEvents(events: WorkflowData<PreparedEvent[]>) {
  const result = recordEventsStep({ events })
  const messages = transform({ result, events }, recordedEventMessages)
  emitMarketingEventsStep(messages).config({ name: "emit-recorded-events" })
  return result
}
