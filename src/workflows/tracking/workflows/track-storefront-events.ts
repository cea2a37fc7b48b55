import { WorkflowResponse, createWorkflow, transform } from "@medusajs/framework/workflows-sdk"
import type { IngestEventsResult } from "../../../modules/marketing/tracking/types"
import { StorefrontEventsRequest, prepareStorefrontEventsStep } from "../steps/prepare-storefront-events"
import { recordAndAnnounceEvents } from "./record-and-announce"

/** One request's events, or several requests' stored together in one transaction (see storefront-ingest.ts). */
export type TrackStorefrontEventsWorkflowInput = StorefrontEventsRequest | { requests: StorefrontEventsRequest[] }

/** What a request's events came to. */
export type StorefrontRequestOutcome = { recorded: number; duplicates: number; dropped: number }

export type TrackStorefrontEventsWorkflowOutput = IngestEventsResult & {
  /** One per request, in input order (one alone for a single request). */
  requests: StorefrontRequestOutcome[]
}

export const trackStorefrontEventsWorkflowId = "track-storefront-events"

const requestsOf = (input: TrackStorefrontEventsWorkflowInput) => ("requests" in input ? input.requests : [input])

/** Each request's counts, from the per-event outcomes of the call that stored them all. */
export function outcomesByRequest(sizes: number[], result: IngestEventsResult): StorefrontRequestOutcome[] {
  let offset = 0
  return sizes.map((size) => {
    const counts = { recorded: 0, duplicates: 0, dropped: 0 }
    for (const outcome of result.outcomes.slice(offset, offset + size)) {
      if (outcome === "recorded") counts.recorded++
      else if (outcome === "duplicate") counts.duplicates++
      else counts.dropped++
    }
    offset += size
    return counts
  })
}

/**
 * Records events sent by the storefront tracker: clamps their timestamps,
 * reads the user agent, resolves each visitor's contact (stitching it to the
 * logged-in customer), applies the consent policy and stores the events
 * idempotently. Emits `marketing.events_recorded` for scoring and segments.
 * Takes one request's events, or several requests' (`{ requests }`), which
 * are stored in one transaction and answered one count per request.
 *
 * @example
 * const { result } = await trackStorefrontEventsWorkflow(req.scope).run({
 *   input: {
 *     events: [{ type: "product_viewed", anonymous_id: "a1b2c3d4e5", properties: { product_id: "prod_1" } }],
 *     customer_id: req.auth_context?.actor_id,
 *     received_at: new Date().toISOString(),
 *   },
 * })
 * // result.requests[0]: { recorded: 1, duplicates: 0, dropped: 0 }
 */
export const trackStorefrontEventsWorkflow = createWorkflow(
  trackStorefrontEventsWorkflowId,
  (input: TrackStorefrontEventsWorkflowInput) => {
    const requests = transform({ input }, ({ input }) => requestsOf(input))
    const events = prepareStorefrontEventsStep({ requests })
    const result = recordAndAnnounceEvents(events)
    const output = transform({ requests, result }, ({ requests, result }): TrackStorefrontEventsWorkflowOutput => ({
      ...result,
      requests: outcomesByRequest(requests.map((r) => r.events.length), result),
    }))
    return new WorkflowResponse(output)
  }
)
