import { validateSegmentDefinition } from "../segments/definition"
import { LIFECYCLE_STAGES } from "../scoring/stages"
import { Checker, FlowValidationError, has, isPlainObject, join } from "./check"
import { checkStep } from "./check-steps"
import { RUNNABLE_STEP_TYPES } from "./runnable"
import { DATE_FIELDS, DATE_TRIGGER_MODES, SCORES, STEP_ID, STEP_TYPES, TRIGGER_TYPES, type FlowDefinition } from "./types"

export type { FlowValidationError } from "./check"
export { LOCAL_TIME, REFERENCE_ID } from "./check"
export { MAX_HOLDOUT_PERCENT, MAX_WAIT_SECONDS, SETTABLE_CONTACT_FIELDS } from "./check-steps"
export { flowReferences, mapFlowReferences, type FlowReference, type FlowReferences, type ReferenceKind } from "./references"

export type FlowValidation = { ok: true; definition: FlowDefinition } | { ok: false; errors: FlowValidationError[] }

export const MAX_STEPS = 100
export const MAX_EXIT_CONDITIONS = 10
export const MAX_REENTRY_DAYS = 3650
export const MAX_DATE_TRIGGER_DAYS = 3650

const TOP_KEYS = ["trigger", "entry_filter", "reentry", "goal", "exit_conditions", "message_pressure", "start", "steps"]
const WAITING_TYPES = ["wait", "wait_for_event"]

/**
 * Checks an untrusted flow definition, field by field (unknown keys refused,
 * numbers in range) and as a graph (start, targets, reachability, branches,
 * cycles without a wait, step types the engine can run). Every problem has
 * its path (`steps.wait_1.seconds`, `trigger.event.where.and[0].operator`)
 * and, when it is about a step, that step's id.
 */
export function validateFlowDefinition(input: unknown): FlowValidation {
  const c = new Checker()
  if (!c.object(input, "", TOP_KEYS, "a flow definition object")) return { ok: false, errors: c.errors }
  const def = input as Record<string, unknown>

  trigger(c, def.trigger)
  if (has(def, "entry_filter")) {
    const result = validateSegmentDefinition(def.entry_filter)
    if (!result.ok) for (const e of result.errors) c.fail(join("entry_filter", e.path), e.message)
  }
  reentry(c, def.reentry)
  if (has(def, "goal")) goal(c, def.goal)
  if (has(def, "exit_conditions")) {
    const exits = def.exit_conditions
    if (!Array.isArray(exits) || exits.length > MAX_EXIT_CONDITIONS) {
      c.fail("exit_conditions", `must list at most ${MAX_EXIT_CONDITIONS} conditions`)
    } else exits.forEach((e, i) => exitCondition(c, e, `exit_conditions[${i}]`))
  }
  if (has(def, "message_pressure") && c.object(def.message_pressure, "message_pressure", [
    "bypass_frequency_cap", "bypass_quiet_hours", "when_held", "when_suppressed",
  ])) {
    const mp = def.message_pressure as Record<string, unknown>
    c.bool(mp.bypass_frequency_cap, "message_pressure.bypass_frequency_cap")
    c.bool(mp.bypass_quiet_hours, "message_pressure.bypass_quiet_hours")
    if (has(mp, "when_held")) c.oneOf(mp.when_held, "message_pressure.when_held", ["delay", "skip"])
    if (has(mp, "when_suppressed")) c.oneOf(mp.when_suppressed, "message_pressure.when_suppressed", ["continue", "exit"])
  }

  const steps = def.steps
  if (!isPlainObject(steps)) c.fail("steps", "must be an object of steps by id")
  else {
    const ids = Object.keys(steps)
    if (ids.length === 0) c.fail("steps", "must hold at least one step")
    if (ids.length > MAX_STEPS) c.fail("steps", `must hold at most ${MAX_STEPS} steps`)
    for (const id of ids.slice(0, MAX_STEPS)) {
      const path = `steps.${id}`
      if (!STEP_ID.test(id)) {
        c.fail(path, "the step id must be 1 to 64 letters, digits, - or _", id)
        continue
      }
      c.step = id
      checkStep(c, steps[id], path)
      const type = (steps[id] as { type?: unknown })?.type
      const runnable = (RUNNABLE_STEP_TYPES as readonly unknown[]).includes(type)
      if (!runnable && (STEP_TYPES as readonly unknown[]).includes(type)) {
        c.fail(join(path, "type"), `the engine cannot run ${type} steps yet`)
      }
      c.step = undefined
    }
    if (ids.length <= MAX_STEPS) graph(c, def.start, steps)
  }
  return c.errors.length ? { ok: false, errors: c.errors } : { ok: true, definition: input as FlowDefinition }
}

function trigger(c: Checker, value: unknown): void {
  const path = "trigger"
  if (!isPlainObject(value)) return c.fail(path, "must be an object")
  const type = value.type
  if (!(TRIGGER_TYPES as readonly unknown[]).includes(type)) return c.fail("trigger.type", `must be one of ${TRIGGER_TYPES.join(", ")}`)
  const at = (key: string) => join(path, key)
  switch (type) {
    case "event":
      c.object(value, path, ["type", "event"])
      return c.eventMatch(value.event, at("event"))
    case "segment_entered":
    case "segment_exited":
      c.object(value, path, ["type", "segment_id"])
      return c.reference(value.segment_id, at("segment_id"), "segment")
    case "score_threshold":
      c.object(value, path, ["type", "score", "threshold", "direction"])
      c.oneOf(value.score, at("score"), SCORES)
      if (typeof value.threshold !== "number" || !Number.isFinite(value.threshold) || Math.abs(value.threshold) > 1_000_000) {
        c.fail(at("threshold"), "must be a number from -1000000 to 1000000")
      }
      return c.oneOf(value.direction, at("direction"), ["up", "down"])
    case "stage_changed":
      c.object(value, path, ["type", "from", "to"])
      if (has(value, "from")) c.oneOf(value.from, at("from"), LIFECYCLE_STAGES)
      if (has(value, "to")) c.oneOf(value.to, at("to"), LIFECYCLE_STAGES)
      if (has(value, "from") && value.from === value.to) c.fail(at("to"), "must differ from from")
      return
    case "date":
      c.object(value, path, value.mode === "anniversary" ? ["type", "field", "mode", "at"] : ["type", "field", "mode", "days", "at"])
      c.oneOf(value.field, at("field"), DATE_FIELDS)
      c.oneOf(value.mode, at("mode"), DATE_TRIGGER_MODES)
      if (value.mode === "after" || value.mode === "before") c.whole(value.days, at("days"), 1, MAX_DATE_TRIGGER_DAYS, " days")
      // Only a date still to come has a "before"; the predicted date is always still to come (each fit moves it).
      if (value.mode === "before" && value.field !== "expected_next_order_at") {
        c.fail(at("mode"), "before applies to expected_next_order_at only (use anniversary or after)")
      } else if (value.field === "expected_next_order_at" && value.mode !== "before" && DATE_TRIGGER_MODES.includes(value.mode as never)) {
        c.fail(at("mode"), "expected_next_order_at takes mode before (the date moves at each fit)")
      }
      return c.localTime(value.at, at("at"))
    case "manual":
      c.object(value, path, ["type"])
      return
  }
}

function reentry(c: Checker, value: unknown): void {
  if (!isPlainObject(value)) return c.fail("reentry", "must be { policy }: once, every_time or once_per_days")
  c.oneOf(value.policy, "reentry.policy", ["once", "every_time", "once_per_days"])
  if (value.policy === "once_per_days") {
    c.object(value, "reentry", ["policy", "days"])
    c.whole(value.days, "reentry.days", 1, MAX_REENTRY_DAYS, " days")
  } else c.object(value, "reentry", ["policy"])
}

/** `{ event }` or `{ segment_entered }` (goal) / `{ segment_exited }` (exits): exactly one. */
function oneCondition(c: Checker, value: unknown, path: string, kinds: string[], extra: string[] = []): void {
  if (!c.object(value, path, [...kinds, ...extra])) return
  const found = kinds.filter((k) => has(value, k))
  if (found.length !== 1) return c.fail(path, `must have exactly one of ${kinds.join(", ")}`)
  const kind = found[0]
  if (kind === "event") c.eventMatch(value.event, join(path, "event"))
  else c.reference(value[kind], join(path, kind), "segment")
}

function goal(c: Checker, value: unknown): void {
  oneCondition(c, value, "goal", ["event", "segment_entered"], ["continue_after"])
  if (isPlainObject(value)) c.bool(value.continue_after, "goal.continue_after")
}

function exitCondition(c: Checker, value: unknown, path: string): void {
  oneCondition(c, value, path, ["event", "segment_entered", "segment_exited"])
}

/** Where a step leads: its branch name and target, for the steps whose shape allows reading them. */
export function stepTargets(step: unknown): { key: string; path: string; target: string }[] {
  if (!isPlainObject(step)) return []
  const out: { key: string; path: string; target: string }[] = []
  for (const key of ["next", "yes", "no"]) if (typeof step[key] === "string") out.push({ key, path: key, target: step[key] as string })
  if (step.type === "random_split" && Array.isArray(step.branches)) {
    step.branches.forEach((b, i) => {
      if (isPlainObject(b) && typeof b.next === "string") out.push({ key: String(b.key), path: `branches[${i}].next`, target: b.next })
    })
  }
  return out
}

function graph(c: Checker, start: unknown, steps: Record<string, unknown>): void {
  const ids = Object.keys(steps).filter((id) => STEP_ID.test(id))
  const known = new Set(ids)
  if (typeof start !== "string" || start === "") c.fail("start", "is missing: name the first step")
  else if (!known.has(start)) c.fail("start", `names no step ("${start}")`)

  const edges = new Map<string, string[]>()
  for (const id of ids) {
    const step = steps[id] as Record<string, unknown>
    const out: string[] = []
    for (const t of stepTargets(step)) {
      if (known.has(t.target)) out.push(t.target)
      // "": a branch the builder made and nothing was added on yet.
      else if (t.target === "") c.fail(`steps.${id}.${t.path}`, "leads nowhere yet: add a step on this branch", id)
      else c.fail(`steps.${id}.${t.path}`, `leads to a step that does not exist ("${t.target}")`, id)
    }
    if (isPlainObject(step) && (step.type === "condition" || step.type === "wait_for_event")) {
      for (const key of ["yes", "no"]) {
        if (!has(step, key)) c.fail(`steps.${id}.${key}`, `is missing: a ${step.type} step needs both a yes and a no branch`, id)
      }
    }
    edges.set(id, out)
  }

  // Breadth-first order from the start: a loop is reported at the step a contact reaches first.
  const rank = new Map<string, number>()
  if (typeof start === "string" && known.has(start)) {
    const queue = [start]
    rank.set(start, 0)
    while (queue.length) {
      for (const next of edges.get(queue.shift()!) ?? []) {
        if (rank.has(next)) continue
        rank.set(next, rank.size)
        queue.push(next)
      }
    }
    for (const id of ids) if (!rank.has(id)) c.fail(`steps.${id}`, "cannot be reached from the start step", id)
  }

  for (const component of cyclesOf(ids, edges)) {
    const waits = component.some((id) => WAITING_TYPES.includes(String((steps[id] as { type?: unknown })?.type)))
    if (waits) continue
    const order = (id: string) => rank.get(id) ?? rank.size + ids.indexOf(id)
    const entry = component.reduce((a, b) => (order(b) < order(a) ? b : a))
    const loop = loopThrough(entry, new Set(component), edges).join(" → ")
    c.fail(`steps.${entry}`, `is in a loop with no wait or wait_for_event step (${loop}): contacts would go round forever`, entry)
  }
}

/** The shortest way from `entry` back to itself inside its component, as step ids. */
function loopThrough(entry: string, component: Set<string>, edges: Map<string, string[]>): string[] {
  const parent = new Map<string, string>()
  const queue = [entry]
  while (queue.length) {
    const id = queue.shift()!
    for (const next of edges.get(id) ?? []) {
      if (!component.has(next)) continue
      if (next === entry) {
        const path = [id]
        while (path[0] !== entry) path.unshift(parent.get(path[0])!)
        return [...path, entry]
      }
      if (parent.has(next)) continue
      parent.set(next, id)
      queue.push(next)
    }
  }
  return [entry, entry]
}

/** Strongly connected components that hold a loop (Tarjan). */
function cyclesOf(ids: string[], edges: Map<string, string[]>): string[][] {
  let counter = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  const visit = (id: string) => {
    index.set(id, counter)
    low.set(id, counter++)
    stack.push(id)
    onStack.add(id)
    for (const next of edges.get(id) ?? []) {
      if (!index.has(next)) {
        visit(next)
        low.set(id, Math.min(low.get(id)!, low.get(next)!))
      } else if (onStack.has(next)) low.set(id, Math.min(low.get(id)!, index.get(next)!))
    }
    if (low.get(id) !== index.get(id)) return
    const component: string[] = []
    let top: string
    do {
      top = stack.pop()!
      onStack.delete(top)
      component.unshift(top)
    } while (top !== id)
    if (component.length > 1 || (edges.get(id) ?? []).includes(id)) found.push(component)
  }
  for (const id of ids) if (!index.has(id)) visit(id)
  return found
}
