/**
 * Applies what occurrences about one contact do to flows, in the caller's
 * transaction: conversions, exits, wake-ups, then new enrollments (set-based
 * per flow, idempotent by occurrence). Returns the enrollments to run now.
 */
import type { SqlRunner } from "../sql-runner"
import { reactionsTo, type Occurrence } from "./reactions"
import {
  activeEnrollmentsOf, activeFlowsByTrigger, contactsWithActiveEnrollments, eventsByIds, claimDueSchedules, endEnrollments, finishSchedule, enroll, enrollSegment, markConverted, recentEvents, wakeEnrollments,
} from "./sql"

const TRIGGER_OF: Record<Occurrence["kind"], string> = {
  event: "event",
  segment_entered: "segment_entered",
  segment_exited: "segment_exited",
  score_threshold: "score_threshold",
  stage_changed: "stage_changed",
}

export type FlowReaction = { enrolled: string[]; woken: string[]; converted: string[]; exited: string[] }

export async function reactToOccurrences(
  em: SqlRunner,
  input: { contact_id: string; occurrences: Occurrence[]; now: Date }
): Promise<FlowReaction> {
  const result: FlowReaction = { enrolled: [], woken: [], converted: [], exited: [] }
  if (!input.occurrences.length) return result
  const flows = await activeFlowsByTrigger(em, [...new Set(input.occurrences.map((o) => TRIGGER_OF[o.kind]))])
  let enrollments: Awaited<ReturnType<typeof activeEnrollmentsOf>> | null = null
  for (const o of input.occurrences) {
    // Reloaded after an occurrence that ended, woke or enrolled something.
    enrollments ??= await activeEnrollmentsOf(em, input.contact_id)
    const r = reactionsTo(o, enrollments, flows, input.now, new Set(result.enrolled))
    if (r.convert.length || r.exit.length || r.wake.length || r.enroll.length) enrollments = null
    for (const c of r.convert) {
      const conversion = { order_id: c.order_id, amount: c.amount, currency_code: c.currency_code }
      if (c.stop) result.converted.push(...(await endEnrollments(em, { ids: [c.id], status: "converted", reason: "goal", now: input.now, conversion })))
      else await markConverted(em, { ids: [c.id], now: input.now, ...conversion })
    }
    result.exited.push(...(await endEnrollments(em, { ids: r.exit, status: "exited", reason: "exit condition", now: input.now })))
    if (o.kind === "event") result.woken.push(...(await wakeEnrollments(em, { ids: r.wake, event_id: o.event.id, now: input.now })))
    for (const e of r.enroll) {
      const rows = await enroll(em, { flow_id: e.flow_id, now: input.now, entries: [{ contact_id: input.contact_id, occurrence: e.occurrence, context: e.context }] })
      result.enrolled.push(...rows.map((row) => row.id))
    }
  }
  return result
}

/**
 * Of contacts that received events (types per contact), those the events can
 * do anything for in flows: an active enrollment (a goal, an exit condition
 * or a wait_for_event may name any event) or an active flow that an event of
 * one of their types triggers. Two queries for all of them, so a store's
 * busy tracking route does not load each visitor's events to find nothing.
 */
export async function contactsReactingToEvents(em: SqlRunner, contacts: { contact_id: string; types: string[] }[]): Promise<Set<string>> {
  if (!contacts.length) return new Set()
  const triggers = new Set(
    (await activeFlowsByTrigger(em, ["event"])).map((f) => (f.definition.trigger.type === "event" ? f.definition.trigger.event.type : null))
  )
  const enrolled = new Set(await contactsWithActiveEnrollments(em, [...new Set(contacts.map((c) => c.contact_id))]))
  return new Set(contacts.filter((c) => enrolled.has(c.contact_id) || c.types.some((t) => triggers.has(t))).map((c) => c.contact_id))
}

/**
 * The events `marketing.events_recorded` announced, as occurrences: those it
 * names by id, or (a message without ids) the contact's events of its types
 * recorded in the last minutes.
 */
export async function reactToRecordedEvents(
  em: SqlRunner,
  input: { contact_id: string; types: string[]; event_ids?: string[]; now: Date }
): Promise<FlowReaction> {
  const events = input.event_ids
    ? input.event_ids.length
      ? await eventsByIds(em, { contact_id: input.contact_id, ids: input.event_ids })
      : []
    : await recentEvents(em, { contact_id: input.contact_id, types: input.types, minutes: 10 })
  const occurrences: Occurrence[] = events.map((event: any) => ({
    kind: "event",
    event: { id: event.id, type: event.type, properties: event.properties, occurred_at: new Date(event.occurred_at).toISOString(), recorded_at: new Date(event.created_at).toISOString() },
  }))
  return reactToOccurrences(em, { contact_id: input.contact_id, occurrences, now: input.now })
}

/**
 * Segment enrollments whose time came, each set-based, in this transaction
 * (claimed with SKIP LOCKED); answers how many were enrolled. The runner
 * then claims them as due like any other enrollment.
 */
export async function runDueSchedules(em: SqlRunner, input: { now: Date; limit: number }): Promise<number> {
  const schedules = await claimDueSchedules(em, input)
  let enrolled = 0
  for (const s of schedules) {
    const made = await enrollSegment(em, { flow_id: s.flow_id, now: input.now, segment_id: s.segment_id, occurrence: `schedule:${s.id}`, first: 0 })
    await finishSchedule(em, { id: s.id, enrolled: made.enrolled, now: input.now })
    enrolled += made.enrolled
  }
  return enrolled
}
