import type { FlowDefinition } from "./types"

export type ReferenceKind = "template" | "segment" | "customer_group"

/** One id a definition names: who names it (a step id, "trigger", "entry_filter", "goal", "exit_conditions[i]") and where. */
export type FlowReference = { id: string; owner: string; path: string }
export type FlowReferences = { templates: FlowReference[]; segments: FlowReference[]; customer_groups: FlowReference[] }

type Visit = (kind: ReferenceKind, ref: FlowReference, set: (id: string) => void) => void
type Obj = Record<string, any>

const isObject = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v)

/** Segment and customer-group leaves of a condition tree (the flow-only leaves name neither). */
function walkTree(tree: unknown, path: string, owner: string, visit: Visit): void {
  if (!isObject(tree)) return
  for (const group of ["and", "or"]) {
    if (Array.isArray(tree[group])) return tree[group].forEach((child: unknown, i: number) => walkTree(child, `${path}.${group}[${i}]`, owner, visit))
  }
  if ("not" in tree) return walkTree(tree.not, `${path}.not`, owner, visit)
  for (const kind of ["segment", "customer_group"] as const) {
    if (typeof tree[kind] === "string") visit(kind, { id: tree[kind], owner, path: `${path}.${kind}` }, (id) => (tree[kind] = id))
  }
}

function field(obj: Obj, key: string, kind: ReferenceKind, owner: string, path: string, visit: Visit): void {
  if (typeof obj[key] === "string") visit(kind, { id: obj[key], owner, path: `${path}.${key}` }, (id) => (obj[key] = id))
}

/** Calls `visit` on every id the definition names; `set` replaces it in place. */
function walk(def: Obj, visit: Visit): void {
  if (isObject(def.trigger)) field(def.trigger, "segment_id", "segment", "trigger", "trigger", visit)
  if (def.entry_filter !== undefined) walkTree(def.entry_filter, "entry_filter", "entry_filter", visit)
  if (isObject(def.goal)) field(def.goal, "segment_entered", "segment", "goal", "goal", visit)
  if (Array.isArray(def.exit_conditions)) {
    def.exit_conditions.forEach((exit: unknown, i: number) => {
      if (!isObject(exit)) return
      const owner = `exit_conditions[${i}]`
      field(exit, "segment_entered", "segment", owner, owner, visit)
      field(exit, "segment_exited", "segment", owner, owner, visit)
    })
  }
  if (!isObject(def.steps)) return
  for (const [id, step] of Object.entries(def.steps)) {
    if (!isObject(step)) continue
    const path = `steps.${id}`
    if (step.type === "send_email") {
      field(step, "template_id", "template", id, path, visit)
      if (Array.isArray(step.variants)) {
        step.variants.forEach((v: unknown, i: number) => isObject(v) && field(v, "template_id", "template", id, `${path}.variants[${i}]`, visit))
      }
    } else if (step.type === "customer_group") field(step, "customer_group_id", "customer_group", id, path, visit)
    else if (step.type === "condition") walkTree(step.if, `${path}.if`, id, visit)
  }
}

/**
 * The templates, segments and customer groups a definition names, each with
 * who names it and the field's path, so a publish can check they exist and
 * answer a 400 naming the step.
 */
export function flowReferences(def: FlowDefinition): FlowReferences {
  const refs: FlowReferences = { templates: [], segments: [], customer_groups: [] }
  walk(def as unknown as Obj, (kind, ref) => {
    const list = kind === "template" ? refs.templates : kind === "segment" ? refs.segments : refs.customer_groups
    list.push(ref)
  })
  return refs
}

/** A copy of the definition with each named id replaced by `replace(kind, id)` (recipes' placeholders by real ids). */
export function mapFlowReferences(def: FlowDefinition, replace: (kind: ReferenceKind, id: string) => string): FlowDefinition {
  const copy = JSON.parse(JSON.stringify(def)) as Obj
  walk(copy, (kind, ref, set) => set(replace(kind, ref.id)))
  return copy as FlowDefinition
}
