import { MedusaError } from "@medusajs/framework/utils"
import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { ScoringRuleDefinition, validateScoringRule } from "../../../modules/marketing/scoring/rules"
import { marketingOf } from "../../utils/marketing"
export type ValidateScoringRuleStepInput = { id?: string; rule: Partial<ScoringRuleDefinition> }

export const validateScoringRuleStepId = "validate-scoring-rule"

/**
 * Checks the whole rule as it will be saved (an update merged over the
 * stored rule); a problem becomes a 400 naming the path.
 */
export const validateScoringRuleStep = createStep(
  validateScoringRuleStepId,
  async (input: ValidateScoringRuleStepInput, { container }) => {
    const marketing = marketingOf(container)
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
