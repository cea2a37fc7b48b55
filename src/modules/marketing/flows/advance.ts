/**
 * What happens next in a flow (Medusa-free, clock passed in): given the
 * definition, the step an enrollment is on and the facts the runner loaded,
 * the next step and when it is due, or the end. Effects (email, score, tags)
 * are not here: the runner performs them, then calls `afterStep`.
 */
import type { EventMatch, FlowConditionNode, FlowDefinition, FlowStep, SendEmailStep } from "./types"
import type { SegmentNode } from "../segments/types"
import { bucketOf, pickWeighted } from "./hash"
import { nextLocalTime } from "./local-time"

/** A condition leaf the runner resolves against the database, by its path in the tree ("if", "if.and.1"…). */
export type ConditionLeaf =
  | { path: string; kind: "segment"; node: SegmentNode }
  | { path: string; kind: "since_entry"; event: EventMatch }
  | { path: string; kind: "last_email"; what: "opened" | "clicked" }

export type Facts = {
  enrollment_id: string
  /** The contact's time zone, or the store's. */
  time_zone: string
  /** Answers to `conditionLeaves(step.if)`, by path. */
  leaves?: Record<string, boolean>
  /** wait_for_event and a last wait: the deadline set on the first visit (null: first visit). */
  wait_until?: Date | null
  /** wait_for_event: the awaited event arrived while waiting. */
  event_arrived?: boolean
}

export type Next =
  /** Go to `step`, due at `run_at`. */
  | { kind: "move"; step: string; run_at: Date; branch?: string }
  /** Stay on this step until `run_at` (a wait_for_event waiting). */
  | { kind: "stay"; run_at: Date }
  | { kind: "end"; status: "completed" | "exited"; reason: string; branch?: string }

/** The step, or an error naming it (a published version always has it; a bad one must not loop). */
export function stepOf(def: FlowDefinition, stepId: string): FlowStep {
  const step = def.steps[stepId]
  if (!step) throw new Error(`Flow step "${stepId}" does not exist`)
  return step
}

/** After a step that does something (or a linear control step): its `next`, or the end of the flow. */
export function afterStep(def: FlowDefinition, stepId: string, now: Date): Next {
  const step = stepOf(def, stepId)
  if (step.type === "exit") return { kind: "end", status: "exited", reason: `exit step ${stepId}` }
  const next = "next" in step ? step.next : undefined
  return next ? { kind: "move", step: next, run_at: now } : { kind: "end", status: "completed", reason: "end of flow" }
}

/** Control steps: wait, wait_for_event, condition, random_split, exit. Any other step type throws. */
export function advance(def: FlowDefinition, stepId: string, facts: Facts, now: Date): Next {
  const step = stepOf(def, stepId)
  switch (step.type) {
    case "wait": {
      const at = "seconds" in step
        ? new Date(now.getTime() + Math.max(0, step.seconds) * 1000)
        : nextLocalTime(now, step.until.at, facts.time_zone, step.until.weekdays)
      if (step.next) return { kind: "move", step: step.next, run_at: at }
      // A last wait (a conversion window) holds the enrollment, so the goal can still convert it; then it completes.
      if (!facts.wait_until) return { kind: "stay", run_at: at }
      if (now.getTime() < facts.wait_until.getTime()) return { kind: "stay", run_at: facts.wait_until }
      return { kind: "end", status: "completed", reason: "end of flow" }
    }
    case "wait_for_event": {
      if (facts.event_arrived) return { kind: "move", step: step.yes, run_at: now, branch: "yes" }
      if (!facts.wait_until) return { kind: "stay", run_at: new Date(now.getTime() + step.timeout_seconds * 1000) }
      if (now.getTime() >= facts.wait_until.getTime()) return { kind: "move", step: step.no, run_at: now, branch: "no" }
      return { kind: "stay", run_at: facts.wait_until }
    }
    case "condition": {
      const yes = holds(step.if, facts.leaves ?? {}, "if")
      return { kind: "move", step: yes ? step.yes : step.no, run_at: now, branch: yes ? "yes" : "no" }
    }
    case "random_split": {
      const branch = pickWeighted(step.branches, (b) => b.percent, bucketOf(facts.enrollment_id, stepId, "split"))
      return { kind: "move", step: branch.next, run_at: now, branch: branch.key }
    }
    case "exit":
      return { kind: "end", status: "exited", reason: `exit step ${stepId}` }
    default:
      throw new Error(`Step "${stepId}" (${step.type}) is not a control step`)
  }
}

/** Step types `advance` decides alone; the rest have effects. */
export const CONTROL_STEP_TYPES = ["wait", "wait_for_event", "condition", "random_split", "exit"] as const

const isSince = (n: FlowConditionNode): n is { since_entry: { event: EventMatch } } => "since_entry" in n
const isLastEmail = (n: FlowConditionNode): n is { last_email: "opened" | "clicked" } => "last_email" in n

/** Every leaf of a flow condition, with its path: segment-schema leaves, since_entry and last_email facts. */
export function conditionLeaves(node: FlowConditionNode, path = "if"): ConditionLeaf[] {
  if ("and" in node) return node.and.flatMap((n, i) => conditionLeaves(n as FlowConditionNode, `${path}.and.${i}`))
  if ("or" in node) return node.or.flatMap((n, i) => conditionLeaves(n as FlowConditionNode, `${path}.or.${i}`))
  if ("not" in node) return conditionLeaves(node.not as FlowConditionNode, `${path}.not`)
  if (isSince(node)) return [{ path, kind: "since_entry", event: node.since_entry.event }]
  if (isLastEmail(node)) return [{ path, kind: "last_email", what: node.last_email }]
  return [{ path, kind: "segment", node: node as SegmentNode }]
}

/** The condition's value from its leaves' answers (a leaf with no answer is false). */
export function holds(node: FlowConditionNode, leaves: Record<string, boolean>, path = "if"): boolean {
  if ("and" in node) return node.and.every((n, i) => holds(n as FlowConditionNode, leaves, `${path}.and.${i}`))
  if ("or" in node) return node.or.some((n, i) => holds(n as FlowConditionNode, leaves, `${path}.or.${i}`))
  if ("not" in node) return !holds(node.not as FlowConditionNode, leaves, `${path}.not`)
  return leaves[path] === true
}

export type EmailChoice =
  | { holdout: true; variant: "holdout" }
  | { holdout: false; variant: string | null; template_id: string; subject?: string }

/**
 * Holdout first (its own bucket), then the weighted variant: both from the
 * (enrollment, step) hash, so a retry makes the same choice. `winner`: the
 * step's automatic A/B decision (ab-test.ts), which replaces the weighted
 * pick once made; the holdout still applies. A winner that names no variant
 * (the step was edited in a later version) is ignored.
 */
export function chooseEmail(step: SendEmailStep, enrollmentId: string, stepId: string, winner?: string | null): EmailChoice {
  if (step.holdout_percent && bucketOf(enrollmentId, stepId, "holdout") < step.holdout_percent) {
    return { holdout: true, variant: "holdout" }
  }
  if (!step.variants?.length) return { holdout: false, variant: null, template_id: step.template_id }
  const variant =
    (winner ? step.variants.find((v) => v.key === winner) : undefined) ??
    pickWeighted(step.variants, (v) => v.weight, bucketOf(enrollmentId, stepId, "variant"))
  return {
    holdout: false,
    variant: variant.key,
    template_id: variant.template_id ?? step.template_id,
    ...(variant.subject ? { subject: variant.subject } : {}),
  }
}
