/**
 * What one occurrence about a contact (a recorded event, a segment entry or
 * exit, a score crossing, a stage change) does to flows (Medusa-free):
 * enrollments to convert, exit or wake, and flows to enroll the contact in.
 */
import { stepOf } from "./advance"
import { eventMatches, type RecordedEvent } from "./match"
import type { EnrollmentContext, FlowDefinition, FlowTrigger } from "./types"

export type Occurrence =
  | { kind: "event"; event: RecordedEvent }
  | { kind: "segment_entered" | "segment_exited"; segment_id: string; at: string }
  | { kind: "score_threshold"; score: string; threshold: number; direction: "up" | "down"; at: string }
  | { kind: "stage_changed"; from: string | null; to: string; at: string }

export type FlowRef = { id: string; definition: FlowDefinition }
export type EnrollmentRef = {
  id: string
  flow_id: string
  current_step_id: string | null
  wait_until: Date | string | null
  converted_at: Date | string | null
  /** When the enrollment row was written (the database's clock). */
  created_at?: Date | string | null
  definition: FlowDefinition
}

export type Conversion = { id: string; stop: boolean; order_id: string | null; amount: number | null; currency_code: string | null }

export type Reactions = {
  convert: Conversion[]
  exit: string[]
  wake: string[]
  enroll: { flow_id: string; occurrence: string; context: EnrollmentContext }[]
}

const str = (v: unknown): string | null => (typeof v === "string" && v ? v : null)
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null)

/** Whether an occurrence fires a flow's trigger. */
export function triggerFires(trigger: FlowTrigger, o: Occurrence, now: Date): boolean {
  switch (trigger.type) {
    case "event":
      return o.kind === "event" && eventMatches(trigger.event, o.event, now)
    case "segment_entered":
    case "segment_exited":
      return o.kind === trigger.type && o.segment_id === trigger.segment_id
    case "score_threshold":
      return o.kind === "score_threshold" && o.score === trigger.score && o.threshold === trigger.threshold && o.direction === trigger.direction
    case "stage_changed":
      return o.kind === "stage_changed" && (!trigger.from || trigger.from === o.from) && (!trigger.to || trigger.to === o.to)
    default:
      return false // date and manual triggers enroll elsewhere
  }
}

/** The enrollment key's occurrence part and what the enrollment carries. */
export function occurrenceOf(o: Occurrence): { occurrence: string; context: EnrollmentContext } {
  switch (o.kind) {
    case "event": {
      const p = o.event.properties ?? {}
      const context: EnrollmentContext = { event_id: o.event.id }
      if (str(p.cart_id)) context.cart_id = str(p.cart_id)!
      if (str(p.order_id)) context.order_id = str(p.order_id)!
      // A signup form's incentive: the flow's emails get `{{discount.code}}` as from a create_discount step.
      if (str(p.discount_code) && str(p.discount_promotion_id)) {
        context.discount = { code: str(p.discount_code)!, promotion_id: str(p.discount_promotion_id)!, expires_at: str(p.discount_expires_at) ?? "" }
      }
      return { occurrence: o.event.id, context }
    }
    case "segment_entered":
    case "segment_exited":
      return { occurrence: `${o.kind}:${o.segment_id}:${o.at}`, context: { segment_id: o.segment_id } }
    case "score_threshold":
      return { occurrence: `score:${o.score}:${o.threshold}:${o.direction}:${o.at}`, context: {} }
    case "stage_changed":
      return { occurrence: `stage:${o.to}:${o.at}`, context: {} }
  }
}

function recordedBefore(event: RecordedEvent, e: EnrollmentRef): boolean {
  return !!event.recorded_at && !!e.created_at && Date.parse(event.recorded_at) < new Date(e.created_at).getTime()
}

function matchesEventOrSegment(
  spec: { event?: { type: string }; segment_entered?: string; segment_exited?: string },
  o: Occurrence,
  now: Date
): boolean {
  if ("event" in spec && spec.event) return o.kind === "event" && eventMatches(spec.event as never, o.event, now)
  if ("segment_entered" in spec && spec.segment_entered) return o.kind === "segment_entered" && o.segment_id === spec.segment_entered
  if ("segment_exited" in spec && spec.segment_exited) return o.kind === "segment_exited" && o.segment_id === spec.segment_exited
  return false
}

/**
 * Goal first (a conversion), then exit conditions, then a waiting
 * wait_for_event step; an enrollment ended by one is not touched by the next.
 * Then the flows this occurrence enrolls the contact in.
 */
export function reactionsTo(
  o: Occurrence,
  enrollments: EnrollmentRef[],
  flows: FlowRef[],
  now: Date,
  /** Enrollments made while reacting to this same batch: its later events apply to them. */
  madeNow: ReadonlySet<string> = new Set()
): Reactions {
  const out: Reactions = { convert: [], exit: [], wake: [], enroll: [] }
  for (const e of enrollments) {
    const def = e.definition
    // Recorded events are announced again while they are recent: one stored before the enrollment (the event
    // that enrolled it, an earlier order) is not its goal, exit or awaited event.
    if (o.kind === "event" && !madeNow.has(e.id) && recordedBefore(o.event, e)) continue
    if (def.goal && !e.converted_at && matchesEventOrSegment(def.goal as never, o, now)) {
      const p = o.kind === "event" ? o.event.properties ?? {} : {}
      const stop = !def.goal.continue_after
      out.convert.push({ id: e.id, stop, order_id: str(p.order_id), amount: num(p.total), currency_code: str(p.currency_code) })
      if (stop) continue
    }
    if ((def.exit_conditions ?? []).some((x) => matchesEventOrSegment(x as never, o, now))) {
      out.exit.push(e.id)
      continue
    }
    if (o.kind === "event" && e.current_step_id && e.wait_until) {
      const step = def.steps[e.current_step_id] ? stepOf(def, e.current_step_id) : null
      if (step?.type === "wait_for_event" && eventMatches(step.event, o.event, now)) out.wake.push(e.id)
    }
  }
  for (const flow of flows) {
    if (triggerFires(flow.definition.trigger, o, now)) out.enroll.push({ flow_id: flow.id, ...occurrenceOf(o) })
  }
  return out
}
