/**
 * Editing a flow's steps on the canvas: add a step after another, delete a
 * step (its one way on reconnected), change one, and find the step a
 * server's 400 names. Pure: every function returns a new definition.
 */
import { stepLinks } from "./layout"
import type { FlowDefinition, FlowStep, StepType } from "./types"

/** Step types the panel can add, in the order it lists them. */
export const ADDABLE_STEP_TYPES: StepType[] = [
  "send_email",
  "wait",
  "wait_for_event",
  "condition",
  "random_split",
  "update_contact",
  "customer_group",
  "create_discount",
  "notify_team",
  "assign_owner",
  "webhook",
  "exit",
]

/** "wait_2": the type and the first free number. */
export const newStepId = (def: Partial<FlowDefinition>, type: StepType) => {
  const taken = new Set(Object.keys(def.steps ?? {}))
  for (let n = 1; ; n++) {
    const id = `${type}_${n}`
    if (!taken.has(id)) return id
  }
}

/**
 * A new step of `type` that goes on to `next` (branches both lead there),
 * with values the owner then sets; templates are left blank on purpose, so
 * the check asks for one.
 */
export const defaultStep = (type: StepType, next: string | undefined): FlowStep => {
  const then = next ? { next } : {}
  const to = next ?? ""
  switch (type) {
    case "send_email":
      return { type, template_id: "", ...then }
    case "wait":
      return { type, seconds: 86_400, ...then }
    case "wait_for_event":
      return { type, event: { type: "order_placed" }, timeout_seconds: 86_400, yes: to, no: to }
    case "condition":
      return { type, if: { last_email: "opened" }, yes: to, no: to }
    case "random_split":
      return { type, branches: [{ key: "a", percent: 50, next: to }, { key: "b", percent: 50, next: to }] }
    case "update_contact":
      return { type, score: { score: "acquisition", points: 5 }, ...then }
    case "create_discount":
      return { type, kind: "percentage", value: 10, expires_in_days: 7, ...then }
    case "notify_team":
      return { type, ...then }
    case "webhook":
      return { type, url: "https://", secret: "", ...then }
    case "customer_group":
      return { type, action: "add", customer_group_id: "", ...then }
    case "assign_owner":
      return { type, mode: "round_robin", user_ids: [], ...then }
    case "exit":
      return { type }
  }
}

const withSteps = (def: Partial<FlowDefinition>, steps: Record<string, FlowStep>) => ({ ...def, steps }) as FlowDefinition

/** Points every link to `from` (and `start`) at `to`; `to` undefined drops a `next` link. */
const relink = (def: Partial<FlowDefinition>, from: string, to: string | undefined) => {
  const steps: Record<string, FlowStep> = {}
  for (const [id, step] of Object.entries(def.steps ?? {})) {
    const s = { ...step } as Record<string, any>
    if (s.next === from) to ? (s.next = to) : delete s.next
    if (s.yes === from && to) s.yes = to
    if (s.no === from && to) s.no = to
    if (Array.isArray(s.branches)) s.branches = s.branches.map((b: any) => (b.next === from && to ? { ...b, next: to } : b))
    steps[id] = s as FlowStep
  }
  return { ...def, steps, ...(def.start === from && to ? { start: to } : {}) } as FlowDefinition
}

/**
 * Inserts a new step right after `afterId`, on its `next` way (or on one
 * branch: `branch` "yes", "no" or a split's key). Returns the new step's id.
 */
export const insertStepAfter = (
  def: Partial<FlowDefinition>,
  afterId: string,
  type: StepType,
  branch?: string
): { definition: FlowDefinition; stepId: string } => {
  const after = def.steps?.[afterId]
  if (!after) throw new Error(`No step ${afterId}`)
  const link = stepLinks(after).find((l) => (branch ? l.branch === branch : !l.branch))
  const id = newStepId(def, type)
  const created = defaultStep(type, link?.target)
  const a = { ...after } as Record<string, any>
  if (!branch) a.next = id
  else if (branch === "yes" || branch === "no") a[branch] = id
  else a.branches = a.branches.map((b: any) => (b.key === branch ? { ...b, next: id } : b))
  return { definition: withSteps(def, { ...def.steps, [afterId]: a as FlowStep, [id]: created }), stepId: id }
}

/** Inserts a new first step, before the current start. */
export const insertStepAtStart = (def: Partial<FlowDefinition>, type: StepType) => {
  const id = newStepId(def, type)
  const start = def.start && def.steps?.[def.start] ? def.start : undefined
  return { definition: { ...withSteps(def, { ...def.steps, [id]: defaultStep(type, start) }), start: id }, stepId: id }
}

/**
 * Whether a step can be deleted by reconnecting: it leads to one step at
 * most (a branching step whose branches part ways cannot; delete its
 * branches first).
 */
export const deletableStep = (def: Partial<FlowDefinition>, id: string) => {
  const step = def.steps?.[id]
  if (!step) return false
  return new Set(stepLinks(step).map((l) => l.target)).size <= 1
}

/** Deletes a step; whatever led to it now leads where it led (or ends there). */
export const deleteStep = (def: Partial<FlowDefinition>, id: string): FlowDefinition => {
  const step = def.steps?.[id]
  if (!step || !deletableStep(def, id)) throw new Error(`Step ${id} has branches that part ways: delete them first`)
  const onward = stepLinks(step)[0]?.target
  const relinked = relink(def, id, onward)
  const { [id]: _gone, ...steps } = relinked.steps
  return { ...relinked, steps }
}

/** Replaces one step. */
export const replaceStep = (def: Partial<FlowDefinition>, id: string, step: FlowStep): FlowDefinition =>
  withSteps(def, { ...def.steps, [id]: step })

/**
 * The step a server message names: "… (step lost)" at the end, or a
 * `steps.<id>` path. Null when it is about the flow as a whole.
 */
export const stepIdOfMessage = (message: string): string | null =>
  message.match(/\(step ([A-Za-z0-9_-]{1,64})\)\s*$/)?.[1] ?? message.match(/\bsteps\.([A-Za-z0-9_-]{1,64})/)?.[1] ?? null

/** Split percents must add to 100: the panel says so before the server does. */
export const splitTotal = (step: FlowStep) =>
  step.type === "random_split" ? step.branches.reduce((sum, b) => sum + (Number(b.percent) || 0), 0) : 100
