import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { marketingOf } from "../../utils/marketing"

export const readFormContactConsentStepId = "read-form-contact-consent"

/** The contact's email consent once the submission is stored (a read: nothing to compensate). */
export const readFormContactConsentStep = createStep(
  readFormContactConsentStepId,
  async (input: { contact_id: string | null }, { container }) => {
    return new StepResponse(input.contact_id ? await marketingOf(container).contactEmailConsent(input.contact_id) : null)
  }
)
