import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { discountCode, discountExpiry } from "../../../modules/marketing/flows/actions"
import type { StoredForm } from "../../../modules/marketing/forms/types"
import { marketingOf } from "../../utils/marketing"
import { createDiscountPromotion, deleteDiscountPromotion, promotionByCode } from "../../flows/utils/discount-promotion"

export const createFormDiscountStepId = "create-form-discount"

export type FormDiscount = { code: string; promotion_id: string; expires_at: string } | null

/**
 * The form's incentive: a single-use code made as the flows' `create_discount`
 * step makes it (the same options, Medusa's promotion workflow), keyed by
 * the submission's id. Nothing when the form has no incentive; compensation
 * deletes the promotion and its campaign.
 */
export const createFormDiscountStep = createStep(
  createFormDiscountStepId,
  async (input: { form: StoredForm; submission_id: string; now: string }, { container }) => {
    const incentive = input.form.incentive
    if (!incentive) return new StepResponse<FormDiscount, null>(null, null)
    const code = discountCode(`form:${input.submission_id}`, marketingOf(container).getEmailSettings().secret)
    const existing = await promotionByCode(container, code)
    const { promotion, made } = existing
      ? { promotion: existing, made: false }
      : await createDiscountPromotion(container, {
          code,
          discount: incentive.discount,
          expires_at: discountExpiry(new Date(input.now), incentive.discount.expires_in_days),
          campaign_name: `${input.form.name}: ${code}`,
          metadata: { marketing_form_id: input.form.id, marketing_form_submission_id: input.submission_id },
        })
    const endsAt = promotion.campaign?.ends_at
    const discount = { code: promotion.code, promotion_id: promotion.id, expires_at: endsAt ? new Date(endsAt).toISOString() : "" }
    return new StepResponse<FormDiscount, { promotion_id: string; campaign_id: string | null } | null>(
      discount,
      made ? { promotion_id: promotion.id, campaign_id: promotion.campaign?.id ?? null } : null
    )
  },
  async (made, { container }) => {
    if (!made) return
    await deleteDiscountPromotion(container, made)
  }
)
