import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../../modules/marketing"
import type MarketingModuleService from "../../../modules/marketing/service"
import type { ScoringOutcome } from "../../../modules/marketing/scoring/engine"

/** Records a recompute as running; the background run picks it up. */
export const createScoringRecomputeStep = createStep(
  "create-scoring-recompute",
  async (input: { reason: string }, { container }) => {
    const marketing = container.resolve<MarketingModuleService>(MARKETING_MODULE)
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
    await container.resolve<MarketingModuleService>(MARKETING_MODULE).deleteScoringRecomputes(id)
  }
)

/**
 * Rebuilds every score from the stored events (set-based SQL, one
 * transaction), then marks the recompute done, or failed with the error.
 * Nothing to compensate: the rebuild commits whole or not at all.
 */
export const runScoringRecomputeStep = createStep(
  "run-scoring-recompute",
  async (input: { id: string; now?: string }, { container }) => {
    const marketing = container.resolve<MarketingModuleService>(MARKETING_MODULE)
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

/**
 * Scores the events parked while a recompute ran (see ScoringBacklog), pass
 * after pass (each its own transaction) until none is left, so a long
 * recompute's backlog does not wait for the minutely job.
 */
export const processScoringBacklogStep = createStep(
  "process-scoring-backlog",
  async (input: { now?: string }, { container }) => {
    const marketing = container.resolve<MarketingModuleService>(MARKETING_MODULE)
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
