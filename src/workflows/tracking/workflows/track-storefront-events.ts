import { WorkflowResponse, createWorkflow } from "@medusajs/framework/workflows-sdk"
import {
  PrepareStorefrontEventsStepInput,
  prepareStorefrontEventsStep,
} from "../steps/prepare-storefront-events"
import { recordAndAnnounceEvents } from "./record-and-announce"

export type TrackStorefrontEventsWorkflowInput = PrepareStorefrontEventsStepInput

export const trackStorefrontEventsWorkflowId = "track-storefront-events"

/**
 * Records events sent by the storefront tracker: clamps their timestamps,
 * reads the user agent, resolves each visitor's contact (stitching it to the
 * logged-in customer), applies the consent policy and stores the events
 * idempotently. Emits `marketing.events_recorded` for scoring and segments.
 *
 * @example
 * const { result } = await trackStorefrontEventsWorkflow(req.scope).run({
 *   input: {
 *     events: [{ type: "product_viewed", anonymous_id: "a1b2c3d4e5", properties: { product_id: "prod_1" } }],
 *     customer_id: req.auth_context?.actor_id,
 *     received_at: new Date().toISOString(),
 *   },
 * })
 */
export const trackStorefrontEventsWorkflow = createWorkflow(
  trackStorefrontEventsWorkflowId,
  (input: TrackStorefrontEventsWorkflowInput) => {
    const events = prepareStorefrontEventsStep(input)
    const result = recordAndAnnounceEvents(events)
    return new WorkflowResponse(result)
  }
)
