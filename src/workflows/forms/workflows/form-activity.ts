import { WorkflowResponse, createWorkflow } from "@medusajs/framework/workflows-sdk"
import type { FormCount } from "../../../modules/marketing/forms/sql"
import { countFormActivityStep } from "../steps"

export const countFormActivityWorkflowId = "count-form-activity"

/**
 * Counts a form's view or close (from the tracker) on its variant's day, for
 * the 30-day figures and the A/B test.
 *
 * @example
 * await countFormActivityWorkflow(container).run({
 *   input: { form_id: "mform_123", variant: "a", action: "viewed", at: new Date().toISOString() },
 * })
 */
export const countFormActivityWorkflow = createWorkflow(countFormActivityWorkflowId, (input: FormCount) => {
  countFormActivityStep(input)
  return new WorkflowResponse(true)
})
