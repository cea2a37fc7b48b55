import { updateRecordStep } from "../../utils/update-record-step"
import type { ScoringRuleInput } from "./create-scoring-rule"

export const updateScoringRuleStepId = "update-scoring-rule"

/** Updates a rule; compensation puts the previous values back. */
export const updateScoringRuleStep = updateRecordStep<Partial<ScoringRuleInput>>(updateScoringRuleStepId, {
  retrieve: (marketing, id) => marketing.retrieveScoringRule(id),
  update: (marketing, data) => marketing.updateScoringRules(data as any),
})
