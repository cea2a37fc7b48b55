import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { discountCode, discountExpiry, discountProblems } from "../../../modules/marketing/flows/actions"
import type { CreateDiscountStep, StepRunInput, StepRunResult } from "../../../modules/marketing/flows/types"
import { marketingOf } from "../../utils/marketing"
import { PromotionFound, createDiscountPromotion, deleteDiscountPromotion, promotionByCode } from "../utils/discount-promotion"

export { MIN_SUBTOTAL_ATTRIBUTE } from "../utils/discount-promotion"

type Made = { promotion_id: string; campaign_id: string | null }

export const flowCreateDiscountStepId = "flow-create-discount"

function found(promotion: PromotionFound, made: boolean): StepRunResult {
  const endsAt = promotion.campaign?.ends_at
  const discount = {
    code: promotion.code,
    promotion_id: promotion.id,
    expires_at: endsAt ? new Date(endsAt).toISOString() : "",
  }
  return { outcome: "completed", data: { ...discount, created: made }, context_patch: { discount } }
}

/**
 * A flow's `create_discount` step: a single-use code (`limit: 1`) through
 * Medusa's promotion workflow, a percentage or a fixed amount off the order,
 * expiring with its own campaign's `ends_at`, with an optional minimum item
 * subtotal as a promotion rule. The code is derived from the idempotency key,
 * so a retried run finds its promotion instead of making another (and the
 * unique code index stops a concurrent twin). Later emails get
 * `{{discount.code}}` from the context patch.
 */
export const flowCreateDiscountStep = createStep(
  flowCreateDiscountStepId,
  async (input: StepRunInput<CreateDiscountStep>, { container }) => {
    const step = input.step
    const code = discountCode(input.idempotency_key, marketingOf(container).getEmailSettings().secret)
    const existing = await promotionByCode(container, code)
    if (existing) return new StepResponse<StepRunResult, Made | null>(found(existing, false), null)

    const problems = discountProblems(step)
    if (problems.length) {
      return new StepResponse<StepRunResult, Made | null>({ outcome: "failed", reason: problems.join("; ") }, null)
    }
    const { promotion, made } = await createDiscountPromotion(container, {
      code,
      discount: step,
      expires_at: discountExpiry(new Date(input.now), step.expires_in_days),
      campaign_name: `${input.flow_name}: ${code}`,
      metadata: {
        marketing_flow_id: input.flow_id,
        marketing_flow_step_id: input.step_id,
        marketing_enrollment_id: input.enrollment_id,
        marketing_contact_id: input.contact_id,
        idempotency_key: input.idempotency_key,
      },
    })
    return new StepResponse<StepRunResult, Made | null>(
      found(promotion, made),
      made ? { promotion_id: promotion.id, campaign_id: promotion.campaign?.id ?? null } : null
    )
  },
  async (made, { container }) => {
    if (!made) return
    await deleteDiscountPromotion(container, made)
  }
)
