import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { decideAbWinner } from "../../../modules/marketing/flows/ab-test"
import type { AbDecisionRow } from "../../../modules/marketing/flows/ab-sql"
import { AB_DEFAULT_CONFIDENCE, AB_DEFAULT_MIN_SAMPLE } from "../../../modules/marketing/flows/types"
import { marketingOf } from "../../utils/marketing"

export const evaluateFlowAbTestsStepId = "evaluate-flow-ab-tests"

export type FlowAbEvaluation = {
  flow_version_id: string
  step_id: string
  /** Why no winner yet: below_min_sample, not_significant or tie; "significant" when decided. */
  reason: string
  p_value: number | null
}

/**
 * Tests each undecided send step with `auto_winner` (active versions of
 * active flows) on its metric, and returns the decisions to store: those
 * whose every variant reached the minimum sample and whose difference is
 * significant at the step's confidence. Reads only.
 */
export const evaluateFlowAbTestsStep = createStep(evaluateFlowAbTestsStepId, async (input: { now?: string }, { container }) => {
  const marketing = marketingOf(container)
  const now = input.now ? new Date(input.now) : new Date()
  const decisions: AbDecisionRow[] = []
  const evaluated: FlowAbEvaluation[] = []
  for (const c of await marketing.listFlowAbCandidates()) {
    const { metric } = c.auto_winner
    const confidence = c.auto_winner.confidence ?? AB_DEFAULT_CONFIDENCE
    const min_sample = c.auto_winner.min_sample ?? AB_DEFAULT_MIN_SAMPLE
    const { currency, samples } = await marketing.flowAbSamples({
      flow_id: c.flow_id, flow_version_id: c.flow_version_id, step_id: c.step_id, variants: c.variants, metric,
    })
    const verdict = decideAbWinner(samples, { metric, confidence, min_sample })
    evaluated.push({ flow_version_id: c.flow_version_id, step_id: c.step_id, reason: verdict.reason, p_value: verdict.p_value })
    if (!verdict.winner || verdict.p_value === null) continue
    decisions.push({
      flow_id: c.flow_id, flow_version_id: c.flow_version_id, step_id: c.step_id, metric, winner: verdict.winner,
      test: verdict.test, p_value: verdict.p_value, confidence,
      samples: { ...verdict.samples, ...(currency ? { currency_code: currency } : {}), min_sample, statistic: verdict.statistic },
      decided_at: now,
    })
  }
  return new StepResponse({ decisions, evaluated })
})
