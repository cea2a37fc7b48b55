import { WorkflowResponse, createWorkflow, transform } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createPredictionRuleRecomputesStep } from "../../scoring/steps/create-prediction-rule-recomputes"
import { listPredictionDependentSegmentsStep } from "../../segments/steps/list-prediction-dependent-segments"
import { buildSegmentsWorkflow } from "../../segments/workflows/membership"
import { MarketingEvents } from "../../tracking/events"
import { computeSendTimesStep, fitPredictionsStep, fitPurchasePropensityStep, updateContactPredictionsStep } from "../steps"

/**
 * Fits lifetime value, churn risk and next order date per currency
 * (MBG/NBD and Gamma-Gamma on the store's orders), with a backtest of the
 * last weeks, and writes every customer's predictions; then purchase
 * propensity for leads and every contact's best send time. Each part is
 * skipped when another instance is already doing it, or (unless `force`)
 * it ran under 20 hours ago. After the customers' or the leads' fit, the
 * segments that read prediction fields (purchase propensity included) are
 * rebuilt (with the segments referencing them) and fit rules testing them are
 * applied again in the background.
 *
 * @example
 * const { result } = await fitPredictionsWorkflow(container).run({ input: {} })
 * // result.fits: [{ currency_code: "eur", status: "fitted", customers: 1200, ... }]
 * // result.propensity: { status: "fitted", auc: 0.81, scored_leads: 5400, ... } (null: skipped)
 * // result.send_times: { contacts: 3100, engagements: 18000, best_hour: 34 } (null: skipped)
 */
export const fitPredictionsWorkflow = createWorkflow("fit-predictions", (input: { now?: string; force?: boolean }) => {
  const customers = fitPredictionsStep(input)
  const propensity = fitPurchasePropensityStep(input)
  // Nothing to follow when neither the customers' nor the leads' figures were rewritten.
  const skipped = transform({ customers, propensity }, ({ customers, propensity }) => ({ skipped: customers.skipped && !propensity }))
  const segmentIds = listPredictionDependentSegmentsStep(skipped)
  buildSegmentsWorkflow.runAsStep({ input: { segment_ids: segmentIds, with_dependants: true, now: input.now } })
  const recomputes = createPredictionRuleRecomputesStep(skipped)
  emitEventStep({ eventName: MarketingEvents.SCORING_RECOMPUTE_REQUESTED, data: recomputes })
  const sendTimes = computeSendTimesStep(input)
  return new WorkflowResponse(
    transform({ customers, propensity, sendTimes }, ({ customers, propensity, sendTimes }) => ({
      ...customers,
      propensity,
      send_times: sendTimes,
    }))
  )
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
