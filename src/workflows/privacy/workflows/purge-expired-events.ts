import { WorkflowResponse, createWorkflow, transform } from "@medusajs/framework/workflows-sdk"
import { claimRetentionRunStep } from "../steps/claim-retention-run"
import { purgeExpiredEventsStep } from "../steps/purge-expired-events"

export type PurgeExpiredEventsWorkflowInput = {
  /** The run's clock (ISO); the cut-off is `tracking.retentionDays` before the start of its UTC day. */
  now?: string
  batch_size?: number
  pause_ms?: number
}

export const purgeExpiredEventsWorkflowId = "purge-expired-events"

/**
 * The storage limitation: deletes behavioural events older than the plugin
 * option `tracking.retentionDays` (730 by default; orders' events stay) in
 * short batches, once per day across instances, and records the run
 * (`marketing_retention_run`: cut-off, events deleted, status). Returns the
 * finished run, or null when retention is off or the day's run was another
 * instance's. Run nightly by the `marketing-purge-expired-events` job.
 *
 * @example
 * const { result } = await purgeExpiredEventsWorkflow(container).run({ input: {} })
 * // result?.events_deleted === 120000, result?.cutoff === "2024-12-07T00:00:00.000Z"
 */
export const purgeExpiredEventsWorkflow = createWorkflow(
  purgeExpiredEventsWorkflowId,
  (input: PurgeExpiredEventsWorkflowInput) => {
    const run = claimRetentionRunStep(transform({ input }, ({ input }) => ({ now: input.now })))
    const result = purgeExpiredEventsStep(
      transform({ input, run }, ({ input, run }) => ({ run, batch_size: input.batch_size, pause_ms: input.pause_ms }))
    )
    return new WorkflowResponse(result)
  }
)
