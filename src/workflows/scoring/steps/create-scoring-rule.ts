import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import type { ScoringRuleDefinition } from "../../../modules/marketing/scoring/rules"
import { marketingOf } from "../../utils/marketing"

/** A rule as the routes send it: conditions not yet checked against the catalog. */
export type ScoringRuleInput = Omit<ScoringRuleDefinition, "conditions"> & { conditions?: Record<string, unknown> | null }

export const createScoringRuleStepId = "create-scoring-rule"

/** Creates a rule; compensation deletes it. */
export const createScoringRuleStep = createStep(
  createScoringRuleStepId,
  async (rule: ScoringRuleInput, { container }) => {
    const marketing = marketingOf(container)
    const created = await marketing.createScoringRules(rule as any)
    return new StepResponse(created, created.id)
  },
  async (id, { container }) => {
    if (!id) return
    await marketingOf(container).deleteScoringRules(id)
  }
)
