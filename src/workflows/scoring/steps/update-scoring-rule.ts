import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { marketingOf } from "../../utils/marketing"
import type { ScoringRuleInput } from "./create-scoring-rule"

export const updateScoringRuleStepId = "update-scoring-rule"

/** Updates a rule; compensation puts the previous values back. */
export const updateScoringRuleStep = createStep(
  updateScoringRuleStepId,
  async (input: { id: string; update: Partial<ScoringRuleInput> }, { container }) => {
    const marketing = marketingOf(container)
    const previous = await marketing.retrieveScoringRule(input.id)
    const updated = await marketing.updateScoringRules({ id: input.id, ...(input.update as any) })
    return new StepResponse(updated, previous)
  },
  async (previous, { container }) => {
    if (!previous) return
    const { created_at, updated_at, deleted_at, ...restore } = previous as any
    await marketingOf(container).updateScoringRules(restore)
  }
)
