import { MedusaError } from "@medusajs/framework/utils"
import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { FLOW_RECIPES } from "../../../modules/marketing/flows/recipes"

export const resolveFlowRecipeStepId = "resolve-flow-recipe"

/** The recipe of that key; an unknown key is a 400. */
export const resolveFlowRecipeStep = createStep(resolveFlowRecipeStepId, async (input: { key: string }) => {
  const recipe = FLOW_RECIPES.find((r) => r.key === input.key)
  if (!recipe) throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid request: key: unknown recipe "${input.key}"`)
  return new StepResponse(recipe)
})
