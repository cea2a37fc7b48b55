import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { marketingOf } from "../../utils/marketing"

export const fitPredictionsStepId = "fit-prediction-models"

/**
 * Fits the prediction models and rewrites every customer's predictions.
 * No compensation: the fit commits whole or not at all, and running it again
 * replaces it.
 */
export const fitPredictionsStep = createStep(fitPredictionsStepId, async (input: { now?: string; force?: boolean }, { container }) => {
  const fits = await marketingOf(container).fitPredictions({ now: input.now ? new Date(input.now) : undefined, force: input.force })
  return new StepResponse({ skipped: fits === null, fits: fits ?? [] })
})
