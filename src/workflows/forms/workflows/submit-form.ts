import { WorkflowResponse, createWorkflow, transform } from "@medusajs/framework/workflows-sdk"
import type { SubmissionBody } from "../../../modules/marketing/forms/submission"
import type { StoredForm } from "../../../modules/marketing/forms/types"
import { recordAndAnnounceEvents } from "../../tracking/workflows/record-and-announce"
import {
  applyFormToContactStep,
  checkFormSubmissionStep,
  countFormActivityStep,
  createFormDiscountStep,
  createFormSubmissionStep,
  prepareFormEventsStep,
  readFormContactConsentStep,
} from "../steps"

export type SubmitFormInput = {
  form: StoredForm
  body: SubmissionBody
  customer_id?: string | null
  ip?: string | null
  user_agent?: string | null
  received_at: string
}

export type SubmitFormOutput = {
  submission: { id: string }
  status: "subscribed" | "confirmation_sent" | "recorded"
  success_message: string
  redirect_url: string | null
  incentive: null | { code: string } | { delivery: "email" }
}

export const submitFormWorkflowId = "submit-form"

/**
 * A signup form's submission: checked against the form (a 400 naming the
 * field, nothing written), then the incentive's code, then the contact through
 * the storefront's own path (an `identify` stitched to the visitor, consent
 * from source `form` with the form's name and consent text as proof: pending
 * and a confirmation email with double opt-in), a `form_submitted` event for
 * flows, the submission row, custom fields and topic choices on the contact,
 * and the day's submission count.
 *
 * @example
 * const { result } = await submitFormWorkflow(req.scope).run({
 *   input: {
 *     form,
 *     body: { anonymous_id: "a1b2c3d4e5", variant: "a", values: { email: "jane@example.com" }, consent: { given: true, topics: [] }, hidden: {} },
 *     received_at: new Date().toISOString(),
 *   },
 * })
 * // result.status: "subscribed" | "confirmation_sent" | "recorded"
 */
export const submitFormWorkflow = createWorkflow(submitFormWorkflowId, (input: SubmitFormInput) => {
  const submission = checkFormSubmissionStep({ form: input.form, body: input.body })
  const discount = createFormDiscountStep(
    transform({ input, submission }, ({ input, submission }) => ({ form: input.form, submission_id: submission.id, now: input.received_at }))
  )
  const events = prepareFormEventsStep(
    transform({ input, submission, discount }, ({ input, submission, discount }) => ({
      form: input.form,
      submission,
      anonymous_id: input.body.anonymous_id,
      variant: input.body.variant,
      page_url: input.body.page_url ?? input.body.hidden.page ?? null,
      discount,
      customer_id: input.customer_id,
      ip: input.ip,
      user_agent: input.user_agent,
      received_at: input.received_at,
    }))
  )
  const recorded = recordAndAnnounceEvents(events)
  const contactId = transform({ recorded }, ({ recorded }) => recorded.contact_ids[0] ?? recorded.contact_ids.find(Boolean) ?? null)
  const row = createFormSubmissionStep(
    transform({ input, submission, contactId, discount }, ({ input, submission, contactId, discount }) => ({
      form: input.form,
      submission,
      contact_id: contactId,
      anonymous_id: input.body.anonymous_id,
      variant: input.body.variant,
      page_url: input.body.page_url ?? input.body.hidden.page ?? null,
      discount_code: discount?.code ?? null,
    }))
  )
  applyFormToContactStep(
    transform({ submission, contactId }, ({ submission, contactId }) => ({
      contact_id: contactId,
      metadata: submission.metadata,
      opted_out: submission.opted_out,
      opted_in: submission.topics,
    }))
  )
  countFormActivityStep(
    transform({ input }, ({ input }) => ({ form_id: input.form.id, variant: input.body.variant, action: "submitted" as const, at: input.received_at }))
  ).config({ name: "count-form-submission" })
  const consent = readFormContactConsentStep({ contact_id: contactId })
  const output = transform({ input, row, consent, discount, submission }, ({ input, row, consent, discount, submission }): SubmitFormOutput => {
    const variant = input.form.variants.find((v) => v.id === input.body.variant) ?? input.form.variants[0]
    const status = !submission.consent_given ? "recorded" : consent === "granted" ? "subscribed" : consent === "pending" ? "confirmation_sent" : "recorded"
    const incentive = !discount || !input.form.incentive ? null : input.form.incentive.delivery === "show" ? { code: discount.code } : { delivery: "email" as const }
    return {
      submission: { id: row.id },
      status,
      success_message: variant.content.success_message,
      redirect_url: variant.content.redirect_url,
      incentive,
    }
  })
  return new WorkflowResponse(output)
})
