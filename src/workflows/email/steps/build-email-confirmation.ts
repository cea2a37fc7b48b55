import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { confirmationUrl } from "../../../modules/marketing/email/urls"
import { marketingOf } from "../../utils/marketing"
import type { SendEmailWorkflowInput } from "../workflows/send-email"

export const buildConfirmationEmailStepId = "build-email-confirmation"

/** The confirmation email for a contact whose consent is pending, with its signed, expiring link. */
export const buildConfirmationEmailStep = createStep(
  buildConfirmationEmailStepId,
  async (input: { contact_id: string; requested_at: string }, { container }) => {
    const marketing = marketingOf(container)
    const settings = marketing.getEmailSettings()
    const [contact] = await marketing.listContacts({ id: input.contact_id }, { select: ["id", "email"] })
    if (!contact?.email) return new StepResponse<SendEmailWorkflowInput>({ messages: [] })
    const url = confirmationUrl(settings, input.contact_id, contact.email, settings.confirmationLinkHours, new Date())
    const send: SendEmailWorkflowInput = {
      messages: [
        {
          system: "double_opt_in",
          contact_id: input.contact_id,
          kind: "transactional",
          context: { data: { confirm_url: url } },
          // At most one a day per contact: toggling consent on the storefront cannot mail an address over and over.
          idempotency_key: `double-opt-in:${input.contact_id}:${input.requested_at.slice(0, 10)}`,
        },
      ],
    }
    return new StepResponse(send)
  }
)
