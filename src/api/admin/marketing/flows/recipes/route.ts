import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { FlowDefinition } from "../../../../../modules/marketing/flows"
import { FLOW_RECIPES } from "../../../../../modules/marketing/flows/recipes"

/** The steps in graph order from the start, each as `{ id, type, name? }`, for the recipe cards. */
function stepSummary(def: FlowDefinition) {
  const seen = new Set<string>()
  const order: string[] = []
  const queue = [def.start]
  while (queue.length) {
    const id = queue.shift()!
    const step = def.steps[id]
    if (!step || seen.has(id)) continue
    seen.add(id)
    order.push(id)
    const s = step as Record<string, any>
    for (const next of [s.next, s.yes, s.no, ...(Array.isArray(s.branches) ? s.branches.map((b: any) => b.next) : [])]) {
      if (typeof next === "string") queue.push(next)
    }
  }
  return order.map((id) => ({ id, type: def.steps[id].type, ...(def.steps[id].name ? { name: def.steps[id].name } : {}) }))
}

/** The ready-made flows: what each is for, what it installs and its steps. */
export const GET = async (_req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({
    recipes: FLOW_RECIPES.map((r) => ({
      key: r.key,
      group: r.group,
      name: r.name,
      purpose: r.purpose,
      templates: r.templates,
      segments: r.segments ?? [],
      trigger_type: r.definition.trigger.type,
      steps: stepSummary(r.definition),
    })),
  })
}
