import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { marketingOf } from "../../utils/marketing"

export const runNightlyScoringStepId = "run-nightly-scoring"

/**
 * The nightly upkeep of scores: RFM quintiles for all customers, an
 * `inactivity` event for lapsed contacts, then decay of every engagement
 * score to now. Each part commits on its own; each is safe to run again.
 */
export const runNightlyScoringStep = createStep(runNightlyScoringStepId, async (input: { now?: string }, { container }) => {
  const marketing = marketingOf(container)
  const now = input.now ? new Date(input.now) : new Date()
  const rfm = await marketing.recomputeRfm(now)
  const inactivity = await marketing.recordInactivity(now)
  const decayCrossings = await marketing.decayScores(now)
  return new StepResponse({
    customers: rfm.customers,
    inactive: inactivity.recorded,
    stage_changes: inactivity.stage_changes,
    crossings: [...inactivity.crossings, ...decayCrossings],
  })
})
