import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import type { ScoringOutcome } from "../../../modules/marketing/scoring/engine"
import { marketingOf } from "../../utils/marketing"

export const processScoringBacklogStepId = "process-scoring-backlog"

/**
 * Scores the events parked while a recompute ran (see ScoringBacklog), pass
 * after pass (each its own transaction) until none is left, so a long
 * recompute's backlog does not wait for the minutely job.
 */
export const processScoringBacklogStep = createStep(
  processScoringBacklogStepId,
  async (input: { now?: string }, { container }) => {
    const marketing = marketingOf(container)
    const now = input.now ? new Date(input.now) : new Date()
    const outcome: ScoringOutcome & { scored: number } = { stage_changes: [], crossings: [], scored: 0 }
    for (;;) {
      const pass = await marketing.processScoringBacklog(now)
      if (!pass.scored) break
      outcome.stage_changes.push(...pass.stage_changes)
      outcome.crossings.push(...pass.crossings)
      outcome.scored += pass.scored
    }
    return new StepResponse(outcome)
  }
)
