import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import type { CheckedSubmission } from "../../../modules/marketing/forms/submission"
import type { StoredForm } from "../../../modules/marketing/forms/types"
import { marketingOf } from "../../utils/marketing"

export type CreateFormSubmissionInput = {
  form: StoredForm
  submission: CheckedSubmission & { id: string }
  contact_id: string | null
  anonymous_id: string
  variant: string
  page_url?: string | null
  discount_code: string | null
}

export const createFormSubmissionStepId = "create-form-submission"

/** Stores the submission with the consent text shown (the proof); compensation deletes it. */
export const createFormSubmissionStep = createStep(
  createFormSubmissionStepId,
  async (input: CreateFormSubmissionInput, { container }) => {
    const s = input.submission
    const row = await marketingOf(container).createFormSubmissions({
      id: s.id,
      form_id: input.form.id,
      variant: input.variant,
      contact_id: input.contact_id,
      anonymous_id: input.anonymous_id,
      email: s.email,
      values: s.values,
      consent_given: s.consent_given,
      consent_topics: s.topics,
      consent_text: input.form.consent.text || null,
      hidden: s.hidden,
      page_url: input.page_url ?? null,
      discount_code: input.discount_code,
    } as any)
    return new StepResponse({ id: row.id }, row.id)
  },
  async (id, { container }) => {
    if (!id) return
    await marketingOf(container).deleteFormSubmissions([id])
  }
)
