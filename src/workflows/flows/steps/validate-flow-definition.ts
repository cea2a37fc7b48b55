import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { validateFlowDefinition, type FlowDefinition } from "../../../modules/marketing/flows"
import { invalidFlow, referenceErrors } from "../utils/references"

export type ValidateFlowDefinitionStepInput = { definition: unknown }

export const validateFlowDefinitionStepId = "validate-flow-definition"

/**
 * Checks a definition about to be published: every field, the graph, and
 * that the templates, segments and customer groups it names exist. A problem
 * is a 400 naming the field and the step; nothing has been written yet.
 */
export const validateFlowDefinitionStep = createStep(
  validateFlowDefinitionStepId,
  async (input: ValidateFlowDefinitionStepInput, { container }) => {
    const result = validateFlowDefinition(input.definition)
    if (!result.ok) throw invalidFlow(result.errors)
    const missing = await referenceErrors(container as any, result.definition)
    if (missing.length) throw invalidFlow(missing)
    return new StepResponse<FlowDefinition>(result.definition)
  }
)
