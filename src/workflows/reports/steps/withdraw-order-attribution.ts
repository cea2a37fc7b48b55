import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { marketingOf } from "../../utils/marketing"

export const withdrawOrderAttributionStepId = "withdraw-order-attribution"

/** A canceled order's attribution is withdrawn (reports leave it out); compensation restores it. */
export const withdrawOrderAttributionStep = createStep(
  withdrawOrderAttributionStepId,
  async (input: { order_id: string; at: string }, { container }) => {
    const ids = await marketingOf(container).withdrawOrderAttribution(input.order_id, input.at)
    return new StepResponse({ withdrawn: ids.length }, ids)
  },
  async (ids, { container }) => {
    if (ids?.length) await marketingOf(container).unwithdrawAttributions(ids)
  }
)
