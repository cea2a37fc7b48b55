import { WorkflowResponse, createWorkflow, transform } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createPredictionRuleRecomputesStep } from "../../scoring/steps/create-prediction-rule-recomputes"
import { listPredictionDependentSegmentsStep } from "../../segments/steps/list-prediction-dependent-segments"
import { buildSegmentsWorkflow } from "../../segments/workflows/membership"
import { MarketingEvents } from "../../tracking/events"
import { fitPredictionsStep } from "../steps"

/**
 * Fits lifetime value, churn risk and next order date per currency
 * (BG/NBD and Gamma-Gamma on the store's orders), with a backtest of the
 * last weeks, and writes every customer's predictions. Skipped when another
 * instance is already fitting, or (unless `force`) a fit is under 20 hours old.
 * After a fit, the segments that read prediction fields are rebuilt (with
 * the segments referencing them) and fit rules testing them are applied again
 * in the background.
 *
 * @example
 * const { result } = await fitPredictionsWorkflow(container).run({ input: {} })
 * // result.fits: [{ currency_code: "eur", status: "fitted", customers: 1200, ... }]
 */
export const fitPredictionsWorkflow = createWorkflow("fit-predictions", (input: { now?: string; force?: boolean }) => {
  const fit = fitPredictionsStep(input)
  const skipped = transform({ fit }, ({ fit }) => ({ skipped: fit.skipped }))
  const segmentIds = listPredictionDependentSegmentsStep(skipped)
  buildSegmentsWorkflow.runAsStep({ input: { segment_ids: segmentIds, with_dependants: true, now: input.now } })
  const recomputes = createPredictionRuleRecomputesStep(skipped)
  emitEventStep({ eventName: MarketingEvents.SCORING_RECOMPUTE_REQUESTED, data: recomputes })
  return new WorkflowResponse(fit)
})
