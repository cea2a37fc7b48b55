import { WorkflowResponse, createWorkflow, transform } from "@medusajs/framework/workflows-sdk"
import { flowReferences, mapFlowReferences } from "../../../modules/marketing/flows"
import type { FlowRecipe } from "../../../modules/marketing/flows/recipes"
import { installStarterTemplatesWorkflow } from "../../email/workflows/email-templates"
import { buildSegmentsStep } from "../../segments/steps/build-segments"
import {
  addBuiltInSegmentsStep,
  createFlowStep,
  resolveFlowRecipeStep,
  starterTemplateIdsStep,
  validateFlowDefinitionStep,
} from "../steps"

const STARTER = "starter:"
const BUILT_IN = "builtin:"

/** The starter template and built-in segment keys a recipe needs: those it lists and those its definition names. */
function recipeKeys(recipe: FlowRecipe) {
  const refs = flowReferences(recipe.definition)
  const named = (list: { id: string }[], prefix: string) => list.filter((r) => r.id.startsWith(prefix)).map((r) => r.id.slice(prefix.length))
  return {
    templates: [...new Set([...recipe.templates, ...named(refs.templates, STARTER)])],
    segments: [...new Set([...(recipe.segments ?? []), ...named(refs.segments, BUILT_IN)])],
  }
}

export const installFlowRecipeWorkflowId = "install-flow-recipe"

/**
 * Installs a recipe as a draft flow: the starter templates and built-in
 * segments it needs are added when missing, the definition's placeholders
 * (`starter:<key>`, `builtin:<key>`) become their ids, and the result is
 * checked in full before the flow is created with `recipe_key`.
 *
 * @example
 * const { result } = await installFlowRecipeWorkflow(container).run({ input: { key: "cart_abandonment" } })
 * // result.flow.status === "draft"
 */
export const installFlowRecipeWorkflow = createWorkflow(installFlowRecipeWorkflowId, (input: { key: string; now?: Date | string }) => {
  const recipe = resolveFlowRecipeStep({ key: input.key })
  const keys = transform({ recipe }, ({ recipe }) => recipeKeys(recipe))
  installStarterTemplatesWorkflow.runAsStep({ input: transform({ keys }, ({ keys }) => ({ keys: keys.templates })) })
  const templates = starterTemplateIdsStep(transform({ keys }, ({ keys }) => keys.templates))
  const segments = addBuiltInSegmentsStep(transform({ keys }, ({ keys }) => keys.segments))
  buildSegmentsStep({ segment_ids: transform({ segments }, ({ segments }) => segments.created), announce: false, now: input.now })
  const definition = transform({ recipe, templates, segments }, ({ recipe, templates, segments }) =>
    mapFlowReferences(recipe.definition, (kind, id) => {
      if (kind === "template" && id.startsWith(STARTER)) return templates[id.slice(STARTER.length)] ?? id
      if (kind === "segment" && id.startsWith(BUILT_IN)) return segments.ids[id.slice(BUILT_IN.length)] ?? id
      return id
    })
  )
  const checked = validateFlowDefinitionStep({ definition })
  const flow = createFlowStep(
    transform({ recipe, checked }, ({ recipe, checked }) => ({
      name: recipe.name,
      description: recipe.purpose,
      definition: checked as unknown as Record<string, unknown>,
      recipe_key: recipe.key,
    }))
  )
  return new WorkflowResponse({ flow })
})
