import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { marketingOf } from "../../utils/marketing"

export const deleteScoringRuleStepId = "delete-scoring-rule"

/** Soft-deletes a rule (its ledger entries stay as history); compensation restores it. */
export const deleteScoringRuleStep = createStep(
  deleteScoringRuleStepId,
  async (id: string, { container }) => {
    const marketing = marketingOf(container)
    await marketing.retrieveScoringRule(id)
    await marketing.softDeleteScoringRules(id)
    return new StepResponse(id, id)
  },
  async (id, { container }) => {
    if (!id) return
    await marketingOf(container).restoreScoringRules(id)
  }
)
