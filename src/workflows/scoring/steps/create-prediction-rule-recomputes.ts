import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { readsPredictions } from "../../../modules/marketing/predictions/contact-fields"
import { marketingOf } from "../../utils/marketing"

export const createPredictionRuleRecomputesStepId = "create-prediction-rule-recomputes"

/**
 * After a fit: one apply-to-history per active fit rule that tests a
 * prediction field, so its points follow the new predictions without a full
 * recompute. The background runs take turns on the scoring lock.
 */
export const createPredictionRuleRecomputesStep = createStep(
  createPredictionRuleRecomputesStepId,
  async (input: { skipped: boolean }, { container }) => {
    if (input.skipped) return new StepResponse([] as { id: string }[], [] as string[])
    const marketing = marketingOf(container)
    const rules = await marketing.listScoringRules({ kind: "fit", active: true }, { select: ["id", "conditions"] })
    const reading = rules.filter((r) => readsPredictions(r.conditions))
    if (!reading.length) return new StepResponse([] as { id: string }[], [] as string[])
    const created = await marketing.createScoringRecomputes(
      reading.map((r) => ({
        reason: "Predictions refitted",
        rule_id: r.id,
        status: "running" as const,
        progress: 0,
        step: "Queued",
        started_at: new Date(),
      }))
    )
    return new StepResponse(created.map((c) => ({ id: c.id })), created.map((c) => c.id))
  },
  async (ids, { container }) => {
    if (!ids?.length) return
    await marketingOf(container).deleteScoringRecomputes(ids)
  }
)
