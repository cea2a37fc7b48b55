import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { marketingOf } from "../../utils/marketing"

export const updateContactPredictionsStepId = "update-contact-predictions"

/**
 * One contact's predictions made again with the latest fitted models. No
 * compensation: it replaces derived figures, and running it again gives the same.
 */
export const updateContactPredictionsStep = createStep(
  updateContactPredictionsStepId,
  async (input: { contact_id: string; now?: string }, { container }) => {
    const written = await marketingOf(container).refreshContactPredictions(input.contact_id, input.now ? new Date(input.now) : new Date())
    return new StepResponse({ written })
  }
)
