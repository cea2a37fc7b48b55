import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { marketingOf } from "../../utils/marketing"

export const fitPurchasePropensityStepId = "fit-purchase-propensity"

/**
 * Fits purchase propensity for leads and rewrites every lead's probability.
 * No compensation: the fit commits whole or not at all (its own
 * transaction), and running it again replaces it.
 */
export const fitPurchasePropensityStep = createStep(
  fitPurchasePropensityStepId,
  async (input: { now?: string; force?: boolean }, { container }) => {
    const fit = await marketingOf(container).fitPurchasePropensity({ now: input.now ? new Date(input.now) : undefined, force: input.force })
    return new StepResponse(fit)
  }
)

export const computeSendTimesStepId = "compute-send-times"

/**
 * Recomputes the store's send-time pattern and every contact's best hour of
 * the week. No compensation, as above.
 */
export const computeSendTimesStep = createStep(computeSendTimesStepId, async (input: { now?: string; force?: boolean }, { container }) => {
  const summary = await marketingOf(container).computeSendTimes({ now: input.now ? new Date(input.now) : undefined, force: input.force })
  return new StepResponse(summary)
})
