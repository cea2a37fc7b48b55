import { WorkflowResponse, createWorkflow } from "@medusajs/framework/workflows-sdk"
import { fitPredictionsWorkflow } from "../../predictions/workflows/fit-predictions"
import { buildSegmentsWorkflow } from "../../segments/workflows/membership"

export const refreshAfterContactImportWorkflowId = "refresh-after-contact-import"

/**
 * After a contact import completes: every segment is rebuilt (an import
 * writes contacts in sets, without per-contact events, so real-time
 * membership would not see them), then the predictions are fitted again
 * (forced: the leads the import brought, and their send times, count at once
 * rather than at night).
 *
 * @example
 * await refreshAfterContactImportWorkflow(container).run({ input: {} })
 */
export const refreshAfterContactImportWorkflow = createWorkflow(refreshAfterContactImportWorkflowId, (input: { now?: string }) => {
  buildSegmentsWorkflow.runAsStep({ input: { now: input.now } })
  const fitted = fitPredictionsWorkflow.runAsStep({ input: { now: input.now, force: true } })
  return new WorkflowResponse(fitted)
})
