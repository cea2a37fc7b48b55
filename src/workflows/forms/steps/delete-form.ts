import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { marketingOf } from "../../utils/marketing"

export const deleteFormStepId = "delete-form"

/**
 * Soft-deletes one form (404 when unknown); its submissions and counters stay
 * for the record. Compensation restores it.
 */
export const deleteFormStep = createStep(
  deleteFormStepId,
  async (input: { id: string }, { container }) => {
    const marketing = marketingOf(container)
    await marketing.retrieveForm(input.id)
    await marketing.softDeleteForms([input.id])
    return new StepResponse({ id: input.id, deleted: true }, input.id)
  },
  async (id, { container }) => {
    if (!id) return
    await marketingOf(container).restoreForms([id])
  }
)
