import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import type { CheckedSubmission } from "../../../modules/marketing/forms/submission"
import { FORM_CONSENT_SOURCE, FORM_SUBMITTED_EVENT, type StoredForm } from "../../../modules/marketing/forms/types"
import { prepareStorefrontEvents } from "../../../modules/marketing/tracking/prepare"
import type { PreparedEvent } from "../../../modules/marketing/tracking/types"
import { marketingOf } from "../../utils/marketing"
import type { FormDiscount } from "./create-form-discount"

export type PrepareFormEventsInput = {
  form: StoredForm
  submission: CheckedSubmission & { id: string }
  anonymous_id: string
  variant: string
  page_url?: string | null
  discount: FormDiscount
  customer_id?: string | null
  ip?: string | null
  user_agent?: string | null
  received_at: string
}

/** The proof kept on the consent record: which form, which variant, the words shown. */
export function consentProof(form: Pick<StoredForm, "id" | "name" | "consent">, variant: string): string {
  return `Form "${form.name}" (${form.id}, variant ${variant}): ${form.consent.text}`.slice(0, 4000)
}

export const prepareFormEventsStepId = "prepare-form-events"

/**
 * The submission as the two events the storefront's own path stores: an
 * `identify` (the contact, stitched to the visitor, with its fields and, when
 * given, email consent from source `form` with the form's name and consent
 * text as proof), then `form_submitted` (`form_id`, `form_name`, `variant`,
 * and the incentive's code) for flows, segments and scoring. Keyed by the
 * submission's id, so a retry stores nothing twice.
 */
export const prepareFormEventsStep = createStep(prepareFormEventsStepId, async (input: PrepareFormEventsInput, { container }) => {
  const { form, submission: s } = input
  const { maxEventAgeHours } = marketingOf(container).getOptions().tracking
  const utm = {
    ...(s.hidden.utm_source ? { source: s.hidden.utm_source.slice(0, 128) } : {}),
    ...(s.hidden.utm_medium ? { medium: s.hidden.utm_medium.slice(0, 128) } : {}),
    ...(s.hidden.utm_campaign ? { campaign: s.hidden.utm_campaign } : {}),
  }
  const events = prepareStorefrontEvents(
    [
      {
        type: "identify",
        anonymous_id: input.anonymous_id,
        idempotency_key: `${s.id}:identify`,
        properties: { email: s.email, ...s.profile, ...(s.consent_given ? { email_marketing_consent: true } : {}) },
        ...(Object.keys(utm).length ? { context: { utm } } : {}),
      },
      {
        type: FORM_SUBMITTED_EVENT,
        anonymous_id: input.anonymous_id,
        idempotency_key: `${s.id}:submitted`,
        properties: {
          form_id: form.id,
          form_name: form.name,
          variant: input.variant,
          submission_id: s.id,
          consent_given: s.consent_given,
          ...(input.page_url ? { page_url: input.page_url } : {}),
          ...(input.discount
            ? { discount_code: input.discount.code, discount_promotion_id: input.discount.promotion_id, discount_expires_at: input.discount.expires_at }
            : {}),
        },
      },
    ],
    { customer_id: input.customer_id, user_agent: input.user_agent, ip: input.ip, received_at: input.received_at, maxEventAgeHours }
  )
  const consent = events[0].profile.email_marketing_consent
  // The storefront may not claim the source `form`; the plugin's own route does, with the proof.
  if (consent) events[0].profile.email_marketing_consent = { ...consent, source: FORM_CONSENT_SOURCE, detail: consentProof(form, input.variant) }
  return new StepResponse<PreparedEvent[]>(events)
})
