import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import type { FormDefinition } from "../../../modules/marketing/forms/types"
import { marketingOf } from "../../utils/marketing"

export const createFormStepId = "create-form"

/** Saves a new form; compensation deletes it. */
export const createFormStep = createStep(
  createFormStepId,
  async (input: FormDefinition, { container }) => {
    const form = await marketingOf(container).createForms(input as any)
    return new StepResponse(form, form.id)
  },
  async (id, { container }) => {
    if (!id) return
    await marketingOf(container).deleteForms([id])
  }
)
