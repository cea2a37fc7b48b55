import { WorkflowResponse, createWorkflow, transform } from "@medusajs/framework/workflows-sdk"
import {
  buildSegmentsStep,
  emitSegmentEventsStep,
  evaluateSegmentsStep,
  runSegmentTimeWindowsStep,
  syncCustomerGroupsStep,
  type EvaluateSegmentsStepInput,
} from "../steps"

export type EvaluateSegmentsForContactsWorkflowInput = EvaluateSegmentsStepInput

export const evaluateSegmentsForContactsWorkflowId = "evaluate-segments-for-contacts"

/**
 * The incremental path: re-evaluates a few contacts against only the
 * segments the change can affect (by the event types recorded, or any
 * segment reading contact fields), announces entries and exits, and updates
 * mirrored customer groups for those contacts.
 *
 * @example
 * await evaluateSegmentsForContactsWorkflow(container).run({
 *   input: { contact_ids: ["mcon_123"], event_types: ["product_viewed"], fields_changed: true },
 * })
 */
export const evaluateSegmentsForContactsWorkflow = createWorkflow(
  evaluateSegmentsForContactsWorkflowId,
  (input: EvaluateSegmentsForContactsWorkflowInput) => {
    const { changes } = evaluateSegmentsStep(input)
    emitSegmentEventsStep(changes)
    syncCustomerGroupsStep({ changes })
    return new WorkflowResponse({ changes })
  }
)

export type RunSegmentTimeWindowsWorkflowInput = { now?: Date | string }

export const runSegmentTimeWindowsWorkflowId = "run-segment-time-windows"

/**
 * Re-evaluates the contacts whose membership changes only because time
 * passed ("no order in 90 days", "viewed shoes in the last 7 days"): for each
 * time-dependent segment, exactly the contacts with a window edge between
 * its last pass and `now`. `now` is injectable for tests and replays.
 *
 * @example
 * await runSegmentTimeWindowsWorkflow(container).run({ input: {} })
 */
export const runSegmentTimeWindowsWorkflow = createWorkflow(
  runSegmentTimeWindowsWorkflowId,
  (input: RunSegmentTimeWindowsWorkflowInput) => {
    const pass = runSegmentTimeWindowsStep(input)
    const changes = transform({ pass }, ({ pass }) => pass.changes)
    emitSegmentEventsStep(changes)
    syncCustomerGroupsStep({ changes })
    return new WorkflowResponse(pass)
  }
)

export type BuildSegmentsWorkflowInput = {
  segment_ids?: string[] | null
  /** Also rebuild the segments that reference these. */
  with_dependants?: boolean
  now?: Date | string
}

export const buildSegmentsWorkflowId = "build-segments"

/**
 * Full builds of the given segments (all by default): the nightly safety net
 * for changes no event announces (another contact's orders moving the top
 * spenders, customer groups edited in Medusa, a score recompute). Announces
 * entries and exits and reconciles mirrored customer groups whole.
 *
 * @example
 * await buildSegmentsWorkflow(container).run({ input: {} })
 */
export const buildSegmentsWorkflow = createWorkflow(buildSegmentsWorkflowId, (input: BuildSegmentsWorkflowInput) => {
  const ids = transform({ input }, ({ input }) => input.segment_ids ?? null)
  const build = buildSegmentsStep({ segment_ids: ids, announce: true, with_dependants: input.with_dependants, now: input.now })
  emitSegmentEventsStep(transform({ build }, ({ build }) => build.changes))
  syncCustomerGroupsStep({ segment_ids: transform({ build }, ({ build }) => build.built.map((b) => b.id)) })
  return new WorkflowResponse(build)
})
