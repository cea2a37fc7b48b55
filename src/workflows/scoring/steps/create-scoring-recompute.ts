import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { marketingOf } from "../../utils/marketing"

export const createScoringRecomputeStepId = "create-scoring-recompute"

/** Records a recompute as running; the background run picks it up. */
export const createScoringRecomputeStep = createStep(
  createScoringRecomputeStepId,
  async (input: { reason: string }, { container }) => {
    const marketing = marketingOf(container)
    const recompute = await marketing.createScoringRecomputes({
      reason: input.reason,
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
