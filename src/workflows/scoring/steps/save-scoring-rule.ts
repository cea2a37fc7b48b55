import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../../modules/marketing"
import type MarketingModuleService from "../../../modules/marketing/service"
import type { ScoringRuleDefinition } from "../../../modules/marketing/scoring/rules"

type Rule = Omit<ScoringRuleDefinition, "conditions"> & { conditions?: Record<string, unknown> | null }

/** Creates a rule; compensation deletes it. */
export const createScoringRuleStep = createStep(
  "create-scoring-rule",
  async (rule: Rule, { container }) => {
    const marketing = container.resolve<MarketingModuleService>(MARKETING_MODULE)
    const created = await marketing.createScoringRules(rule as any)
    return new StepResponse(created, created.id)
  },
  async (id, { container }) => {
    if (!id) return
    await container.resolve<MarketingModuleService>(MARKETING_MODULE).deleteScoringRules(id)
  }
)

/** Updates a rule; compensation puts the previous values back. */
export const updateScoringRuleStep = createStep(
  "update-scoring-rule",
  async (input: { id: string; update: Partial<Rule> }, { container }) => {
    const marketing = container.resolve<MarketingModuleService>(MARKETING_MODULE)
    const previous = await marketing.retrieveScoringRule(input.id)
    const updated = await marketing.updateScoringRules({ id: input.id, ...(input.update as any) })
    return new StepResponse(updated, previous)
  },
  async (previous, { container }) => {
    if (!previous) return
    const { created_at, updated_at, deleted_at, ...restore } = previous as any
    await container.resolve<MarketingModuleService>(MARKETING_MODULE).updateScoringRules(restore)
  }
)

/** Soft-deletes a rule (its ledger entries stay as history); compensation restores it. */
export const deleteScoringRuleStep = createStep(
  "delete-scoring-rule",
  async (id: string, { container }) => {
    const marketing = container.resolve<MarketingModuleService>(MARKETING_MODULE)
    await marketing.retrieveScoringRule(id)
    await marketing.softDeleteScoringRules(id)
    return new StepResponse(id, id)
  },
  async (id, { container }) => {
    if (!id) return
    await container.resolve<MarketingModuleService>(MARKETING_MODULE).restoreScoringRules(id)
  }
)
