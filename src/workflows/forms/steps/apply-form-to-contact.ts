import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import type { ContactFormFields } from "../../../modules/marketing/forms/sql"
import { marketingOf } from "../../utils/marketing"

export const applyFormToContactStepId = "apply-form-to-contact"

/**
 * Custom fields into the contact's `metadata`, and its topic choices: the
 * form's topics not ticked become opt-outs, the ticked ones are opted in
 * again. Compensation restores both as they were.
 */
export const applyFormToContactStep = createStep(
  applyFormToContactStepId,
  async (
    input: { contact_id: string | null; metadata: Record<string, string>; opted_out: string[]; opted_in: string[] },
    { container }
  ) => {
    if (!input.contact_id) return new StepResponse<boolean, ContactFormFields | null>(false, null)
    const before = await marketingOf(container).applyFormToContact({ ...input, contact_id: input.contact_id })
    return new StepResponse<boolean, ContactFormFields | null>(!!before, before)
  },
  async (before, { container }) => {
    if (!before) return
    await marketingOf(container).restoreContactFormFields(before)
  }
)
