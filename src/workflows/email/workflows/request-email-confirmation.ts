import { StepResponse, WorkflowResponse, createStep, createWorkflow } from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../../modules/marketing"
import { confirmationUrl } from "../../../modules/marketing/email/urls"
import type MarketingModuleService from "../../../modules/marketing/service"
import { sendEmailWorkflow, type SendEmailWorkflowInput } from "./send-email"

/** The confirmation email for a contact whose consent is pending, with its signed, expiring link. */
export const buildConfirmationEmailStep = createStep(
  "build-email-confirmation",
  async (input: { contact_id: string; requested_at: string }, { container }) => {
    const marketing = container.resolve<MarketingModuleService>(MARKETING_MODULE)
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

/**
 * Sends the double opt-in email: consent stays `pending` until the contact
 * clicks the link in it (`GET /marketing/confirm/:token`).
 *
 * @example
 * await requestEmailConfirmationWorkflow(container).run({
 *   input: { contact_id: "mcon_123", requested_at: new Date().toISOString() },
 * })
 */
export const requestEmailConfirmationWorkflow = createWorkflow(
  "request-email-confirmation",
  (input: { contact_id: string; requested_at: string }) => {
    const send = buildConfirmationEmailStep(input)
    const sent = sendEmailWorkflow.runAsStep({ input: send })
    return new WorkflowResponse(sent)
  }
)
