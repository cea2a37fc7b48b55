import { WorkflowResponse, createWorkflow } from "@medusajs/framework/workflows-sdk"
import { fitPredictionsStep } from "../steps"

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
