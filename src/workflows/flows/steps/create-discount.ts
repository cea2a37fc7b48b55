import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { createPromotionsWorkflow, deleteCampaignsWorkflow, deletePromotionsWorkflow } from "@medusajs/medusa/core-flows"
import { discountCode, discountExpiry, discountProblems } from "../../../modules/marketing/flows/actions"
import type { CreateDiscountStep, StepRunInput, StepRunResult } from "../../../modules/marketing/flows/types"
import { marketingOf } from "../../utils/marketing"

type Made = { promotion_id: string; campaign_id: string | null }

export const flowCreateDiscountStepId = "flow-create-discount"

/** The cart attribute a minimum-subtotal rule checks: items before discounts, without shipping. */
export const MIN_SUBTOTAL_ATTRIBUTE = "item_subtotal"

async function promotionByCode(container: any, code: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "promotion",
    fields: ["id", "code", "campaign.id", "campaign.ends_at"],
    filters: { code },
  })
  return data[0] as { id: string; code: string; campaign?: { id: string; ends_at: Date | string | null } | null } | undefined
}

function found(promotion: NonNullable<Awaited<ReturnType<typeof promotionByCode>>>, made: boolean): StepRunResult {
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
    const expiresAt = discountExpiry(new Date(input.now), step.expires_in_days)
    try {
      await createPromotionsWorkflow(container).run({
        input: {
          promotionsData: [
            {
              code,
              type: "standard",
              status: "active",
              is_automatic: false,
              limit: 1,
              application_method: {
                type: step.kind,
                target_type: "order",
                allocation: "across",
                value: step.value,
                ...(step.kind === "fixed" ? { currency_code: step.currency_code!.toLowerCase() } : {}),
              },
              rules:
                step.min_subtotal !== undefined && step.min_subtotal > 0
                  ? [{ attribute: MIN_SUBTOTAL_ATTRIBUTE, operator: "gte", values: [String(step.min_subtotal)] }]
                  : [],
              // A campaign of its own: Medusa's promotions expire only through a campaign's ends_at.
              campaign: {
                name: `${input.flow_name}: ${code}`.slice(0, 250),
                campaign_identifier: code,
                ends_at: expiresAt,
              },
              metadata: {
                marketing_flow_id: input.flow_id,
                marketing_flow_step_id: input.step_id,
                marketing_enrollment_id: input.enrollment_id,
                marketing_contact_id: input.contact_id,
                idempotency_key: input.idempotency_key,
              },
            },
          ],
        },
      })
    } catch (e) {
      // A concurrent run with the same key made it first.
      const raced = await promotionByCode(container, code)
      if (raced) return new StepResponse<StepRunResult, Made | null>(found(raced, false), null)
      throw e
    }
    const made = await promotionByCode(container, code)
    if (!made) throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `promotion ${code} was not created`)
    return new StepResponse<StepRunResult, Made | null>(found(made, true), {
      promotion_id: made.id,
      campaign_id: made.campaign?.id ?? null,
    })
  },
  async (made, { container }) => {
    if (!made) return
    await deletePromotionsWorkflow(container).run({ input: { ids: [made.promotion_id] } })
    if (made.campaign_id) await deleteCampaignsWorkflow(container).run({ input: { ids: [made.campaign_id] } })
  }
)
