import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createPromotionsWorkflow, deletePromotionsWorkflow, deleteCampaignsWorkflow } from "@medusajs/medusa/core-flows"
import type { DiscountDefinition } from "../../../modules/marketing/flows/actions"

/** The cart attribute a minimum-subtotal rule checks: items before discounts, without shipping. */
export const MIN_SUBTOTAL_ATTRIBUTE = "item_subtotal"

export type PromotionFound = { id: string; code: string; campaign?: { id: string; ends_at: Date | string | null } | null }

/** The promotion with this code, if any. */
export async function promotionByCode(container: any, code: string): Promise<PromotionFound | undefined> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "promotion",
    fields: ["id", "code", "campaign.id", "campaign.ends_at"],
    filters: { code },
  })
  return data[0] as PromotionFound | undefined
}

/**
 * A single-use code (`limit: 1`) through Medusa's promotion workflow: a
 * percentage or a fixed amount off the order, expiring with its own
 * campaign's `ends_at`, with an optional minimum item subtotal as a rule.
 * Shared by the flows' `create_discount` step and the signup forms' incentive.
 * Returns the promotion made, or the one a concurrent twin with the same code made first (`made: false`).
 */
export async function createDiscountPromotion(
  container: any,
  input: { code: string; discount: DiscountDefinition; expires_at: Date; campaign_name: string; metadata: Record<string, unknown> }
): Promise<{ promotion: PromotionFound; made: boolean }> {
  const { code, discount } = input
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
              type: discount.kind,
              target_type: "order",
              allocation: "across",
              value: discount.value,
              ...(discount.kind === "fixed" ? { currency_code: discount.currency_code!.toLowerCase() } : {}),
            },
            rules:
              discount.min_subtotal !== undefined && discount.min_subtotal > 0
                ? [{ attribute: MIN_SUBTOTAL_ATTRIBUTE, operator: "gte", values: [String(discount.min_subtotal)] }]
                : [],
            // A campaign of its own: Medusa's promotions expire only through a campaign's ends_at.
            campaign: { name: input.campaign_name.slice(0, 250), campaign_identifier: code, ends_at: input.expires_at },
            metadata: input.metadata,
          },
        ],
      },
    })
  } catch (e) {
    // A concurrent run with the same code made it first.
    const raced = await promotionByCode(container, code)
    if (raced) return { promotion: raced, made: false }
    throw e
  }
  const made = await promotionByCode(container, code)
  if (!made) throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, `promotion ${code} was not created`)
  return { promotion: made, made: true }
}

/** Deletes a promotion this code made, and its campaign (compensation). */
export async function deleteDiscountPromotion(container: any, made: { promotion_id: string; campaign_id: string | null }) {
  await deletePromotionsWorkflow(container).run({ input: { ids: [made.promotion_id] } })
  if (made.campaign_id) await deleteCampaignsWorkflow(container).run({ input: { ids: [made.campaign_id] } })
}
