import { MedusaError } from "@medusajs/framework/utils"
import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../../modules/marketing"
import type MarketingModuleService from "../../../modules/marketing/service"
import { ScoringRuleDefinition, validateScoringRule } from "../../../modules/marketing/scoring/rules"

export type ValidateScoringRuleStepInput = { id?: string; rule: Partial<ScoringRuleDefinition> }

/**
 * Checks the whole rule as it will be saved (an update merged over the
 * stored rule); a problem becomes a 400 naming the path.
 */
export const validateScoringRuleStep = createStep(
  "validate-scoring-rule",
  async (input: ValidateScoringRuleStepInput, { container }) => {
    const marketing = container.resolve<MarketingModuleService>(MARKETING_MODULE)
    const existing = input.id ? await marketing.retrieveScoringRule(input.id) : {}
    const merged = { ...existing, ...input.rule } as ScoringRuleDefinition
    const errors = validateScoringRule(merged)
    if (errors.length) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Invalid request: ${errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`
      )
    }
    return new StepResponse(merged)
  }
)
