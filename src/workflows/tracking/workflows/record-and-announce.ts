import { WorkflowData, transform } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import type { PreparedEvent } from "../../../modules/marketing/tracking/types"
import { MarketingEvents, recordedEventsPayload } from "../events"
import { recordEventsStep } from "../steps/record-events"

/**
 * The shared tail of both tracking workflows: store and score the events,
 * then tell subscribers which contacts received events, merged, changed
 * lifecycle stage or crossed a score threshold.
 * Called inside a workflow's composition function.
 */
export function recordAndAnnounceEvents(events: WorkflowData<PreparedEvent[]>) {
  const result = recordEventsStep({ events })
  const payload = transform({ result, events }, recordedEventsPayload)
  emitEventStep({ eventName: MarketingEvents.EVENTS_RECORDED, data: payload.recorded }).config({
    name: "emit-events-recorded",
  })
  emitEventStep({ eventName: MarketingEvents.CONTACT_MERGED, data: payload.merges }).config({
    name: "emit-contacts-merged",
  })
  emitEventStep({ eventName: MarketingEvents.LIFECYCLE_STAGE_CHANGED, data: payload.stage_changes }).config({
    name: "emit-lifecycle-stage-changed",
  })
  emitEventStep({ eventName: MarketingEvents.SCORE_THRESHOLD_CROSSED, data: payload.crossings }).config({
    name: "emit-score-threshold-crossed",
  })
  emitEventStep({ eventName: MarketingEvents.EMAIL_CONSENT_CHANGED, data: payload.consent_changes }).config({
    name: "emit-email-consent-changed",
  })
  return result
}
