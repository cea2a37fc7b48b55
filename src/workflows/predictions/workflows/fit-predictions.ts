import { WorkflowResponse, createWorkflow } from "@medusajs/framework/workflows-sdk"
import { fitPredictionsStep, updateContactPredictionsStep } from "../steps"

/**
 * Fits lifetime value, churn risk and next order date per currency
 * (MBG/NBD and Gamma-Gamma on the store's orders), with a backtest of the
 * last weeks, and writes every customer's predictions. Skipped when another
 * instance is already fitting, or (unless `force`) a fit is under 20 hours old.
 *
 * @example
 * const { result } = await fitPredictionsWorkflow(container).run({ input: {} })
 * // result.fits: [{ currency_code: "eur", status: "fitted", customers: 1200, ... }]
 */
export const fitPredictionsWorkflow = createWorkflow("fit-predictions", (input: { now?: string; force?: boolean }) => {
  return new WorkflowResponse(fitPredictionsStep(input))
})

/**
 * Makes one contact's predictions again with the latest fitted models, when
 * an order of theirs is placed or canceled, or another contact merges into
 * theirs: their figures move at once, the models' parameters at the next fit.
 *
 * @example
 * await updateContactPredictionsWorkflow(container).run({ input: { contact_id: "mcon_123" } })
 */
export const updateContactPredictionsWorkflow = createWorkflow(
  "update-contact-predictions-workflow",
  (input: { contact_id: string; now?: string }) => {
    return new WorkflowResponse(updateContactPredictionsStep(input))
  }
)
