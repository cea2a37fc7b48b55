import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { marketingOf } from "../../utils/marketing"

export const createScoringRecomputeStepId = "create-scoring-recompute"

/** Records a recompute as running (of one rule with `rule_id`); the background run picks it up. */
export const createScoringRecomputeStep = createStep(
  createScoringRecomputeStepId,
  async (input: { reason: string; rule_id?: string }, { container }) => {
    const marketing = marketingOf(container)
    const recompute = await marketing.createScoringRecomputes({
      reason: input.reason,
      rule_id: input.rule_id ?? null,
      status: "running",
      progress: 0,
      step: "Queued",
      started_at: new Date(),
    })
    return new StepResponse(recompute, recompute.id)
  },
  async (id, { container }) => {
    if (!id) return
    await marketingOf(container).deleteScoringRecomputes(id)
  }
)
