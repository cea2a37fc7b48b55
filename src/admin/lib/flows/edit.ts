/**
 * Editing a flow's steps on the canvas: add a step after another, delete a
 * step (its one way on reconnected), move one, change one, and find the step
 * a server's 400 names. Pure: every function returns a new definition.
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

// Steps a contact stops at; a loop through one of them does not spin (the server's rule).
const WAITING_TYPES = ["wait", "wait_for_event"]

/** Whether contacts could go round steps with no wait between them. */
const hasLoopWithoutWait = (def: Partial<FlowDefinition>) => {
  const steps = def.steps ?? {}
  // Only steps that do not hold a contact; any loop left among them spins.
  const moving = Object.keys(steps).filter((id) => !WAITING_TYPES.includes(steps[id].type))
  const state = new Map<string, "open" | "done">()
  const visit = (id: string): boolean => {
    state.set(id, "open")
    for (const { target } of stepLinks(steps[id])) {
      if (!moving.includes(target)) continue
      if (state.get(target) === "open") return true
      if (!state.has(target) && visit(target)) return true
    }
    state.set(id, "done")
    return false
  }
  return moving.some((id) => !state.has(id) && visit(id))
}

/** Points every way out of `step` at `to` (none when `to` is undefined), keeping its branches. */
const leadingTo = (step: FlowStep, to: string | undefined): FlowStep => {
  const s = { ...step } as Record<string, any>
  if (step.type === "condition" || step.type === "wait_for_event") {
    s.yes = to
    s.no = to
  } else if (step.type === "random_split") s.branches = step.branches.map((b) => ({ ...b, next: to }))
  else if (step.type !== "exit") to ? (s.next = to) : delete s.next
  return s as FlowStep
}

/**
 * Moves a step: it is taken out as `deleteStep` would (what led to it leads
 * where it led), then put after `afterId` on its way or on `branch` (or
 * first, when `afterId` is null), leading on to whatever was there. Throws,
 * in the owner's words, when the move makes no sense.
 */
export const moveStep = (
  def: Partial<FlowDefinition>,
  id: string,
  afterId: string | null,
  branch?: string
): FlowDefinition => {
  const step = def.steps?.[id]
  if (!step) throw new Error(`No step ${id}`)
  if (afterId === id) throw new Error("A step cannot go after itself")
  if (!deletableStep(def, id)) throw new Error("Its branches lead to different steps and would be lost: move or delete those first")
  const after = afterId === null ? undefined : def.steps?.[afterId]
  if (afterId !== null && !after) throw new Error(`No step ${afterId}`)
  const link = after && stepLinks(after).find((l) => (branch ? l.branch === branch : !l.branch))
  if (after && after.type === "exit") throw new Error("Nothing comes after an exit")
  if (after && !link && (branch || stepLinks(after).some((l) => l.branch))) throw new Error("Pick one of the step's branches")
  const here = after ? link?.target : def.start
  if (here === id) throw new Error("The step is already there")

  const onward = stepLinks(step)[0]?.target || undefined
  // With nothing after it, a branch that led to it would lead nowhere.
  const branchesIn = Object.values(def.steps ?? {}).some((s) => stepLinks(s).some((l) => l.branch && l.target === id))
  if (!onward && branchesIn) throw new Error("A branch leads to it and would then lead nowhere")
  if (!onward && def.start === id) throw new Error("The flow would then start nowhere")

  const taken = deleteStep(def, id)
  // The place did not lead to the step, so taking it out left the place as it was.
  const to = here || undefined
  if (step.type === "exit" && to) throw new Error("An exit would cut off the steps after it: put it where a way ends")
  if (stepLinks(step).some((l) => l.branch) && !to) throw new Error("A branching step needs a step after it")

  const steps: Record<string, FlowStep> = { ...taken.steps, [id]: leadingTo(step, to) }
  let start = taken.start
  if (afterId === null) start = id
  else {
    const a = { ...taken.steps[afterId] } as Record<string, any>
    if (!branch) a.next = id
    else if (branch === "yes" || branch === "no") a[branch] = id
    else a.branches = a.branches.map((b: any) => (b.key === branch ? { ...b, next: id } : b))
    steps[afterId] = a as FlowStep
  }
  const moved = { ...taken, start, steps } as FlowDefinition
  if (hasLoopWithoutWait(moved) && !hasLoopWithoutWait(def)) {
    throw new Error("Contacts would go round steps with no wait between them")
  }
  return moved
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
