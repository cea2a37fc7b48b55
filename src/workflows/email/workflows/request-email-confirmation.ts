import { WorkflowResponse, createWorkflow } from "@medusajs/framework/workflows-sdk"
import { buildConfirmationEmailStep } from "../steps/build-email-confirmation"
import { sendEmailWorkflow } from "./send-email"

export const requestEmailConfirmationWorkflowId = "request-email-confirmation"

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
  requestEmailConfirmationWorkflowId,
  (input: { contact_id: string; requested_at: string }) => {
    const send = buildConfirmationEmailStep(input)
    const sent = sendEmailWorkflow.runAsStep({ input: send })
    return new WorkflowResponse(sent)
  }
)
