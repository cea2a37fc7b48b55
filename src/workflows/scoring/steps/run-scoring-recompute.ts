import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { marketingOf } from "../../utils/marketing"

export const runScoringRecomputeStepId = "run-scoring-recompute"

/**
 * Rebuilds every score from the stored events (set-based SQL, one
 * transaction), then marks the recompute done, or failed with the error.
 * Nothing to compensate: the rebuild commits whole or not at all.
 */
export const runScoringRecomputeStep = createStep(
  runScoringRecomputeStepId,
  async (input: { id: string; now?: string }, { container }) => {
    const marketing = marketingOf(container)
    try {
      const stats = await marketing.recomputeScores(input.id, input.now ? new Date(input.now) : new Date())
      const done = await marketing.updateScoringRecomputes({
        id: input.id,
        status: "done",
        progress: 1,
        step: "Done",
        finished_at: new Date(),
        stats,
      })
      return new StepResponse(done)
    } catch (e) {
      const failed = await marketing.updateScoringRecomputes({
        id: input.id,
        status: "failed",
        finished_at: new Date(),
        error: (e as Error).message,
      })
      return new StepResponse(failed)
    }
  }
)
