import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { marketingOf } from "../../utils/marketing"

export const deleteChannelSpendStepId = "delete-channel-spend"

/** Soft-deletes one spend row (404 when unknown); compensation restores it. */
export const deleteChannelSpendStep = createStep(
  deleteChannelSpendStepId,
  async (input: { id: string }, { container }) => {
    const marketing = marketingOf(container)
    await marketing.retrieveChannelSpend(input.id)
    await marketing.softDeleteChannelSpends([input.id])
    return new StepResponse({ id: input.id, deleted: true }, input.id)
  },
  async (id, { container }) => {
    if (!id) return
    await marketingOf(container).restoreChannelSpends([id])
  }
)
