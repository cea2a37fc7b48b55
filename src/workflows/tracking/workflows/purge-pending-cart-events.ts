import { WorkflowResponse, createWorkflow } from "@medusajs/framework/workflows-sdk"
import { PurgePendingCartEventsStepInput, purgePendingCartEventsStep } from "../steps/purge-pending-cart-events"

export const purgePendingCartEventsWorkflowId = "purge-pending-cart-events"

/**
 * Deletes pending cart events (events about a cart no known visitor owns)
 * older than the plugin option `tracking.pendingCartEventDays` (30 by default).
 * Run nightly by the `marketing-purge-pending-cart-events` job.
 *
 * @example
 * const { result } = await purgePendingCartEventsWorkflow(container).run({ input: {} })
 * // result.deleted === 12
 */
export const purgePendingCartEventsWorkflow = createWorkflow(
  purgePendingCartEventsWorkflowId,
  (input: PurgePendingCartEventsStepInput) => {
    const result = purgePendingCartEventsStep(input)
    return new WorkflowResponse(result)
  }
)
