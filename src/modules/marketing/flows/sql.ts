/**
 * The flow engine's SQL: set-based, idempotent enrollment; claiming due
 * enrollments of active flows with FOR UPDATE SKIP LOCKED and a lease;
 * step runs keyed by (enrollment, step visit); moving and ending enrollments
 * with a guard on the step they were claimed at, so a stale runner changes nothing.
 */
import { compileCondition } from "../conditions"
import { ruleCatalog } from "../scoring/rules"
import { compileSegment, ELIGIBLE, sql, value, type CompiledSql } from "../segments/sql"
import { pgArray } from "../pg-array"
import { rawAmount } from "../raw-amount"
import type { SqlRunner } from "../sql-runner"
import type { ConditionLeaf } from "./advance"
import type { EnrollmentContext, FlowDefinition, StepRunOutcome } from "./types"

const newId = (prefix: string) => `'${prefix}_' || replace(gen_random_uuid()::text, '-', '')`
/** What ending an enrollment clears: it has no step, is due for nothing and is leased to no runner. */
const OFF_THE_RUNNER = "current_step_id = NULL, next_run_at = NULL, locked_until = NULL, wait_until = NULL"

export type EnrollEntry = { contact_id: string; occurrence: string; context?: EnrollmentContext }
export type EnrollInput = {
  flow_id: string
  now: Date
  /** Explicit contacts, each with its trigger occurrence (an event id, a segment entry…). */
  entries?: EnrollEntry[]
  /** Or a query selecting (contact_id, occurrence, context): date triggers. */
  source?: CompiledSql
}
export type Enrolled = { id: string; contact_id: string }
export type EnrollSegmentInput = {
  flow_id: string
  now: Date
  segment_id: string
  occurrence: string
  /** How many of the new enrollments' ids to answer (the first batch the caller runs at once). */
  first: number
}
export type SegmentEnrolled = { enrolled: number; first_ids: string[] }

/**
 * The INSERT … SELECT that enrolls `source`'s contacts (contact_id,
 * occurrence, context; one row per contact) in the flow's active version, or
 * null if the flow is not active. Idempotent per (version, contact,
 * occurrence); honours the re-entry policy (`once` is keyed per flow, so the
 * unique index holds it even under races), the one-active-per-flow index and
 * the entry filter.
 */
async function enrollmentInsert(em: SqlRunner, input: { flow_id: string; now: Date; source: CompiledSql }): Promise<CompiledSql | null> {
  const [flow] = await em.execute(
    `SELECT f.id, v.id AS version_id, v.definition FROM marketing_flow f
       JOIN marketing_flow_version v ON v.id = f.active_version_id
      WHERE f.id = ? AND f.status = 'active' AND f.deleted_at IS NULL`,
    [input.flow_id]
  )
  if (!flow) return null
  const def = flow.definition as FlowDefinition
  const now = input.now.toISOString()
  const key =
    def.reentry.policy === "once"
      ? sql`${value(flow.id, "text")} || ':' || s.contact_id || ':once'`
      : sql`${value(flow.version_id, "text")} || ':' || s.contact_id || ':' || s.occurrence`
  const reentry =
    def.reentry.policy === "once_per_days"
      ? sql` AND NOT EXISTS (SELECT 1 FROM marketing_flow_enrollment x WHERE x.flow_id = ${value(flow.id, "text")} AND x.contact_id = s.contact_id
              AND x.deleted_at IS NULL AND x.entered_at > ${value(now, "timestamptz")} - ${value(def.reentry.days, "integer")} * interval '1 day')`
      : sql``
  const filter = def.entry_filter ? sql` AND ${compileSegment(def.entry_filter, { mode: "contact", now: input.now })}` : sql``
  return sql`INSERT INTO marketing_flow_enrollment
      (id, flow_id, flow_version_id, contact_id, status, enrollment_key, current_step_id, next_run_at, context, entered_at)
    SELECT ${newId("mfen")}, ${value(flow.id, "text")}, ${value(flow.version_id, "text")}, s.contact_id, 'active', ${key},
           ${value(def.start, "text")}, ${value(now, "timestamptz")}, COALESCE(s.context, '{}'::jsonb), ${value(now, "timestamptz")}
      FROM (${input.source}) s
      JOIN marketing_contact c ON c.id = s.contact_id AND ${ELIGIBLE}
     WHERE true${reentry}${filter}
    ON CONFLICT DO NOTHING`
}

/** Enrolls the given contacts (or a date trigger's query), one enrollment per contact; answers each new enrollment. */
export async function enroll(em: SqlRunner, input: EnrollInput): Promise<Enrolled[]> {
  const given = input.source
    ? input.source
    : sql`SELECT r.contact_id, r.occurrence, r.context FROM jsonb_to_recordset(${value(JSON.stringify(input.entries ?? []), "jsonb")}) AS r(contact_id text, occurrence text, context jsonb)`
  const source = sql`SELECT DISTINCT ON (contact_id) * FROM (${given}) s0 ORDER BY contact_id`
  const insert = await enrollmentInsert(em, { flow_id: input.flow_id, now: input.now, source })
  if (!insert) return []
  const q = sql`${insert} RETURNING id, contact_id`
  return em.execute(q.sql, q.params)
}

/**
 * Enrolls every current member of a segment in one INSERT … SELECT (a
 * one-off campaign can be a million contacts): answers how many were
 * enrolled and only the first `first` ids, so nothing carries a million ids
 * through the workflow, the runner's claim or the response.
 */
export async function enrollSegment(em: SqlRunner, input: EnrollSegmentInput): Promise<SegmentEnrolled> {
  // An open membership is unique per (segment, contact): no DISTINCT ON (and its sort) needed.
  const source = sql`SELECT m.contact_id, ${value(input.occurrence, "text")} AS occurrence, ${value(JSON.stringify({ segment_id: input.segment_id }), "jsonb")} AS context
      FROM marketing_segment_membership m WHERE m.segment_id = ${value(input.segment_id, "text")} AND m.exited_at IS NULL AND m.deleted_at IS NULL`
  const insert = await enrollmentInsert(em, { flow_id: input.flow_id, now: input.now, source })
  if (!insert) return { enrolled: 0, first_ids: [] }
  const q = sql`WITH made AS (${insert} RETURNING id)
    SELECT (SELECT count(*)::int FROM made) AS enrolled,
           ARRAY(SELECT id FROM made LIMIT ${value(input.first, "integer")}) AS first_ids`
  const [row] = await em.execute(q.sql, q.params)
  return { enrolled: row.enrolled, first_ids: row.first_ids ?? [] }
}

/**
 * Ends the enrollments one segment enrollment made (its compensation): found
 * by flow, segment and the request's own `entered_at`, not by a million ids.
 */
export async function endSegmentEnrollment(
  em: SqlRunner,
  input: { flow_id: string; segment_id: string; entered_at: Date; reason: string; now: Date }
): Promise<number> {
  const rows = await em.execute(
    `WITH ended AS (
       UPDATE marketing_flow_enrollment SET status = 'exited', end_reason = ?, ended_at = ?::timestamptz, ${OFF_THE_RUNNER},
         updated_at = now()
        WHERE flow_id = ? AND status = 'active' AND entered_at = ?::timestamptz AND context->>'segment_id' = ? AND deleted_at IS NULL
        RETURNING 1)
     SELECT count(*)::int AS n FROM ended`,
    [input.reason, input.now.toISOString(), input.flow_id, input.entered_at.toISOString(), input.segment_id]
  )
  return rows[0].n
}

/** A claimed enrollment with what running it needs. */
export type ClaimedEnrollment = {
  id: string
  flow_id: string
  flow_version_id: string
  flow_name: string
  contact_id: string
  current_step_id: string
  step_count: number
  attempts: number
  context: EnrollmentContext | null
  entered_at: Date
  wait_until: Date | null
  awaited_event_id: string | null
  definition: FlowDefinition
  time_zone: string | null
}

/**
 * Leases due enrollments of active flows (paused flows' enrollments stay
 * where they are). `ids` limits the claim to given enrollments (the fast path).
 */
export async function claimDue(
  em: SqlRunner,
  input: { now: Date; limit: number; lease_seconds: number; ids?: string[] }
): Promise<ClaimedEnrollment[]> {
  const now = input.now.toISOString()
  // Given ids are looked up by key: filtering the due-time index scan by an id list would read every due enrollment.
  const from = input.ids
    ? `unnest(?::text[]) AS given(id) JOIN marketing_flow_enrollment e ON e.id = given.id`
    : `marketing_flow_enrollment e`
  const order = input.ids ? `` : `ORDER BY e.next_run_at`
  return em.execute(
    `WITH due AS (
       SELECT e.id FROM ${from}
         JOIN marketing_flow f ON f.id = e.flow_id AND f.status = 'active' AND f.deleted_at IS NULL
        WHERE e.status = 'active' AND e.deleted_at IS NULL AND e.next_run_at <= ?::timestamptz
          AND (e.locked_until IS NULL OR e.locked_until < ?::timestamptz)
        ${order} LIMIT ? FOR UPDATE OF e SKIP LOCKED
     ), claimed AS (
       UPDATE marketing_flow_enrollment e SET locked_until = ?::timestamptz + make_interval(secs => ?), updated_at = now()
         FROM due WHERE e.id = due.id RETURNING e.*
     )
     SELECT c.id, c.flow_id, c.flow_version_id, f.name AS flow_name, c.contact_id, c.current_step_id, c.step_count, c.attempts,
            c.context, c.entered_at, c.wait_until, c.awaited_event_id, v.definition, ct.timezone AS time_zone
       FROM claimed c JOIN marketing_flow f ON f.id = c.flow_id JOIN marketing_flow_version v ON v.id = c.flow_version_id
       LEFT JOIN marketing_contact ct ON ct.id = c.contact_id
      ORDER BY c.next_run_at`,
    [...(input.ids ? [pgArray(input.ids)] : []), now, now, input.limit, now, input.lease_seconds]
  )
}

export type StepRunRow = {
  enrollment_id: string
  flow_id: string
  flow_version_id: string
  contact_id: string
  step_id: string
  step_type: string
  outcome: StepRunOutcome
  reason?: string | null
  branch?: string | null
  variant?: string | null
  message_id?: string | null
  idempotency_key: string
  data?: Record<string, unknown> | null
  started_at: Date
  finished_at?: Date | null
}

/** Records a step run; the same key again returns the first row unchanged (`created` false). */
export async function recordStepRun(em: SqlRunner, run: StepRunRow): Promise<{ id: string; created: boolean }> {
  const inserted = await em.execute(
    `INSERT INTO marketing_flow_step_run (id, enrollment_id, flow_id, flow_version_id, contact_id, step_id, step_type, outcome,
       reason, branch, variant, message_id, idempotency_key, data, started_at, finished_at)
     VALUES (${newId("mfsr")}, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::timestamptz, ?::timestamptz)
     ON CONFLICT (idempotency_key) WHERE deleted_at IS NULL DO NOTHING RETURNING id`,
    [run.enrollment_id, run.flow_id, run.flow_version_id, run.contact_id, run.step_id, run.step_type, run.outcome,
      run.reason ?? null, run.branch ?? null, run.variant ?? null, run.message_id ?? null, run.idempotency_key,
      run.data ? JSON.stringify(run.data) : null, run.started_at.toISOString(), (run.finished_at ?? run.started_at).toISOString()]
  )
  if (inserted.length) return { id: inserted[0].id, created: true }
  const [existing] = await em.execute(`SELECT id FROM marketing_flow_step_run WHERE idempotency_key = ? AND deleted_at IS NULL`, [run.idempotency_key])
  return { id: existing.id, created: false }
}

/** Compensation: removes a step run this attempt created. */
export async function deleteStepRun(em: SqlRunner, id: string): Promise<void> {
  await em.execute(`DELETE FROM marketing_flow_step_run WHERE id = ?`, [id])
}

export type Transition = {
  id: string
  /** Guard: the step and visit the runner claimed it at. */
  from_step: string
  from_count: number
  now: Date
} & (
  | { kind: "move"; step: string; run_at: Date; context_patch?: Partial<EnrollmentContext> }
  | { kind: "stay"; run_at: Date; wait_until?: Date | null; attempts?: number }
  /** `visits`: steps passed on the way to the end (an exit step run in the same batch), counted in step_count. */
  | { kind: "end"; status: "completed" | "exited" | "failed"; reason: string; visits?: number }
)

/** Applies what the runner decided; false when the enrollment moved on meanwhile (nothing changed). */
export async function transition(em: SqlRunner, t: Transition): Promise<boolean> {
  const guard = `WHERE id = ? AND status = 'active' AND current_step_id = ? AND step_count = ? AND deleted_at IS NULL RETURNING id`
  const guardParams = [t.id, t.from_step, t.from_count]
  let rows: unknown[]
  if (t.kind === "move") {
    rows = await em.execute(
      `UPDATE marketing_flow_enrollment SET current_step_id = ?, next_run_at = ?::timestamptz, step_count = step_count + 1,
         attempts = 0, wait_until = NULL, awaited_event_id = NULL, locked_until = NULL,
         context = COALESCE(context, '{}'::jsonb) || ?::jsonb, updated_at = now() ${guard}`,
      [t.step, new Date(t.run_at).toISOString(), JSON.stringify(t.context_patch ?? {}), ...guardParams]
    )
  } else if (t.kind === "stay") {
    rows = await em.execute(
      `UPDATE marketing_flow_enrollment SET next_run_at = ?::timestamptz, wait_until = COALESCE(?::timestamptz, wait_until),
         attempts = COALESCE(?::int, attempts), locked_until = NULL, updated_at = now() ${guard}`,
      [new Date(t.run_at).toISOString(), t.wait_until ? new Date(t.wait_until).toISOString() : null, t.attempts ?? null, ...guardParams]
    )
  } else {
    rows = await em.execute(
      `UPDATE marketing_flow_enrollment SET status = ?, end_reason = ?, ended_at = ?::timestamptz, ${OFF_THE_RUNNER},
         step_count = step_count + ?, updated_at = now() ${guard}`,
      [t.status, t.reason, new Date(t.now).toISOString(), t.visits ?? 0, ...guardParams]
    )
  }
  return rows.length > 0
}

/** Ends active enrollments without a step guard (goal, exit condition, archive, merge). */
export async function endEnrollments(
  em: SqlRunner,
  input: { ids: string[]; status: "exited" | "converted"; reason: string; now: Date; conversion?: { order_id?: string | null; amount?: number | null; currency_code?: string | null } }
): Promise<string[]> {
  if (!input.ids.length) return []
  const c = input.conversion
  const rows = await em.execute(
    `UPDATE marketing_flow_enrollment SET status = ?, end_reason = ?, ended_at = ?::timestamptz, ${OFF_THE_RUNNER}, updated_at = now(),
       converted_at = CASE WHEN ? THEN ?::timestamptz ELSE converted_at END,
       conversion_order_id = COALESCE(?, conversion_order_id), conversion_amount = COALESCE(?::numeric, conversion_amount),
       raw_conversion_amount = COALESCE(?::jsonb, raw_conversion_amount), conversion_currency_code = COALESCE(?, conversion_currency_code)
     WHERE id = ANY(?::text[]) AND status = 'active' AND deleted_at IS NULL RETURNING id`,
    [input.status, input.reason, input.now.toISOString(), !!c, input.now.toISOString(), c?.order_id ?? null, c?.amount ?? null,
      rawAmount(c?.amount), c?.currency_code ?? null, pgArray(input.ids)]
  )
  return rows.map((r: { id: string }) => r.id)
}

/** A goal reached with `continue_after`: converted, but the enrollment goes on. */
export async function markConverted(
  em: SqlRunner,
  input: { ids: string[]; now: Date; order_id?: string | null; amount?: number | null; currency_code?: string | null }
): Promise<void> {
  if (!input.ids.length) return
  await em.execute(
    `UPDATE marketing_flow_enrollment SET converted_at = ?::timestamptz, conversion_order_id = ?, conversion_amount = ?::numeric,
       raw_conversion_amount = ?::jsonb, conversion_currency_code = ?, updated_at = now() WHERE id = ANY(?::text[]) AND converted_at IS NULL`,
    [input.now.toISOString(), input.order_id ?? null, input.amount ?? null, rawAmount(input.amount), input.currency_code ?? null, pgArray(input.ids)]
  )
}

/** wait_for_event: the event arrived; due now, on its yes branch. */
export async function wakeEnrollments(em: SqlRunner, input: { ids: string[]; event_id: string; now: Date }): Promise<string[]> {
  if (!input.ids.length) return []
  const rows = await em.execute(
    `UPDATE marketing_flow_enrollment SET awaited_event_id = ?, next_run_at = ?::timestamptz, updated_at = now()
      WHERE id = ANY(?::text[]) AND status = 'active' AND wait_until IS NOT NULL AND awaited_event_id IS NULL RETURNING id`,
    [input.event_id, input.now.toISOString(), pgArray(input.ids)]
  )
  return rows.map((r: { id: string }) => r.id)
}

export type ActiveEnrollment = {
  id: string
  flow_id: string
  current_step_id: string | null
  wait_until: Date | null
  entered_at: Date
  converted_at: Date | null
  created_at: Date
  definition: FlowDefinition
}

/** A contact's active enrollments with their versions' definitions (goal, exits, waits). */
export async function activeEnrollmentsOf(em: SqlRunner, contactId: string): Promise<ActiveEnrollment[]> {
  return em.execute(
    `SELECT e.id, e.flow_id, e.current_step_id, e.wait_until, e.entered_at, e.converted_at, e.created_at, v.definition
       FROM marketing_flow_enrollment e JOIN marketing_flow_version v ON v.id = e.flow_version_id
      WHERE e.contact_id = ? AND e.status = 'active' AND e.deleted_at IS NULL`,
    [contactId]
  )
}

/** Of these contacts, those with an active enrollment in any flow. */
export async function contactsWithActiveEnrollments(em: SqlRunner, contactIds: string[]): Promise<string[]> {
  const rows: { contact_id: string }[] = await em.execute(
    `SELECT DISTINCT contact_id FROM marketing_flow_enrollment
      WHERE contact_id = ANY(?::text[]) AND status = 'active' AND deleted_at IS NULL`,
    [pgArray(contactIds)]
  )
  return rows.map((r) => r.contact_id)
}

/** Active flows with their active definitions, by trigger type. */
export async function activeFlowsByTrigger(em: SqlRunner, triggerTypes: string[]): Promise<{ id: string; definition: FlowDefinition }[]> {
  return em.execute(
    `SELECT f.id, v.definition FROM marketing_flow f JOIN marketing_flow_version v ON v.id = f.active_version_id
      WHERE f.status = 'active' AND f.deleted_at IS NULL AND v.trigger_type = ANY(?::text[])`,
    [pgArray(triggerTypes)]
  )
}

/** A contact's events by id (those `events_recorded` names), in time order. */
export async function eventsByIds(em: SqlRunner, input: { contact_id: string; ids: string[] }) {
  return em.execute(
    `SELECT id, type, properties, occurred_at, created_at FROM marketing_event
      WHERE id = ANY(?::text[]) AND contact_id = ? AND deleted_at IS NULL
      ORDER BY occurred_at, id`,
    [pgArray(input.ids), input.contact_id]
  )
}

/** A contact's events recorded in the last minutes, of the given types (what `events_recorded` announced). */
export async function recentEvents(em: SqlRunner, input: { contact_id: string; types: string[]; minutes: number }) {
  return em.execute(
    `SELECT id, type, properties, occurred_at, created_at FROM marketing_event
      WHERE contact_id = ? AND type = ANY(?::text[]) AND deleted_at IS NULL AND created_at > now() - make_interval(mins => ?)
      ORDER BY occurred_at, id`,
    [input.contact_id, pgArray(input.types), input.minutes]
  )
}

/** The last marketing email queued or sent to the contact (any flow or campaign): the frequency cap's reference. */
export async function lastMarketingEmailAt(em: SqlRunner, contactId: string, before: Date): Promise<Date | null> {
  const [row] = await em.execute(
    `SELECT max(COALESCE(sent_at, queued_at)) AS at FROM marketing_message
      WHERE contact_id = ? AND kind = 'marketing' AND status IN ('queued', 'sent') AND deleted_at IS NULL AND queued_at <= ?::timestamptz`,
    [contactId, before.toISOString()]
  )
  return row?.at ? new Date(row.at) : null
}

/**
 * Answers a condition's leaves for one contact in one query: segment-schema
 * leaves through the segments compiler (per-contact mode), `since_entry` as
 * a matching event since the enrollment began, `last_email` as this
 * enrollment's latest email opened or clicked.
 */
export async function answerLeaves(
  em: SqlRunner,
  input: { contact_id: string; enrollment_id: string; entered_at: Date; leaves: ConditionLeaf[]; now: Date }
): Promise<Record<string, boolean>> {
  if (!input.leaves.length) return {}
  const columns = input.leaves.map((leaf, i): CompiledSql => {
    let expr: CompiledSql
    if (leaf.kind === "segment") expr = compileSegment(leaf.node, { mode: "contact", now: input.now })
    else if (leaf.kind === "since_entry") {
      const where = leaf.event.where
        ? sql` AND ${compileCondition(leaf.event.where, ruleCatalog("engagement", leaf.event.type, leaf.event.where), { alias: "e", now: input.now })}`
        : sql``
      expr = sql`EXISTS (SELECT 1 FROM marketing_event e WHERE e.contact_id = c.id AND e.deleted_at IS NULL AND e.type = ${value(leaf.event.type, "text")}
        AND e.occurred_at >= ${value(input.entered_at.toISOString(), "timestamptz")} AND e.occurred_at <= ${value(input.now.toISOString(), "timestamptz")}${where})`
    } else {
      const col = leaf.what === "opened" ? "opened_at" : "clicked_at"
      expr = sql`COALESCE((SELECT m.${col} IS NOT NULL FROM marketing_flow_step_run r JOIN marketing_message m ON m.id = r.message_id
        WHERE r.enrollment_id = ${value(input.enrollment_id, "text")} AND r.message_id IS NOT NULL AND r.deleted_at IS NULL
        ORDER BY r.started_at DESC LIMIT 1), false)`
    }
    return sql`(${expr}) AS l${String(i)}`
  })
  const q = sql`SELECT ${{ sql: columns.map((c) => c.sql).join(", "), params: columns.flatMap((c) => c.params) }} FROM marketing_contact c WHERE c.id = ${value(input.contact_id, "text")}`
  const [row] = await em.execute(q.sql, q.params)
  return Object.fromEntries(input.leaves.map((leaf, i) => [leaf.path, row?.[`l${i}`] === true]))
}

/** Segment enrollments whose time came: leased (FOR UPDATE SKIP LOCKED), marked done by `finishSchedule`. */
export async function claimDueSchedules(em: SqlRunner, input: { now: Date; limit: number }) {
  return em.execute(
    `SELECT id, flow_id, segment_id, run_at FROM marketing_flow_schedule
      WHERE status = 'pending' AND deleted_at IS NULL AND run_at <= ?::timestamptz ORDER BY run_at LIMIT ? FOR UPDATE SKIP LOCKED`,
    [input.now.toISOString(), input.limit]
  )
}

export async function finishSchedule(em: SqlRunner, input: { id: string; enrolled: number; now: Date }) {
  await em.execute(`UPDATE marketing_flow_schedule SET status = 'done', enrolled = ?, done_at = ?::timestamptz, updated_at = now() WHERE id = ?`, [
    input.enrolled, input.now.toISOString(), input.id,
  ])
}

/**
 * Records a batch's step runs in one statement; a key recorded before keeps
 * its first row. Answers every key's row id.
 */
export async function recordStepRuns(em: SqlRunner, runs: StepRunRow[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>()
  if (!runs.length) return ids
  const rows = runs.map((r) => ({
    enrollment_id: r.enrollment_id, flow_id: r.flow_id, flow_version_id: r.flow_version_id, contact_id: r.contact_id, step_id: r.step_id,
    step_type: r.step_type, outcome: r.outcome, reason: r.reason ?? null, branch: r.branch ?? null, variant: r.variant ?? null,
    message_id: r.message_id ?? null, idempotency_key: r.idempotency_key, data: r.data ?? null,
    started_at: new Date(r.started_at).toISOString(), finished_at: new Date(r.finished_at ?? r.started_at).toISOString(),
  }))
  const inserted: { id: string; idempotency_key: string }[] = await em.execute(
    `INSERT INTO marketing_flow_step_run (id, enrollment_id, flow_id, flow_version_id, contact_id, step_id, step_type, outcome,
       reason, branch, variant, message_id, idempotency_key, data, started_at, finished_at)
     SELECT ${newId("mfsr")}, r.enrollment_id, r.flow_id, r.flow_version_id, r.contact_id, r.step_id, r.step_type, r.outcome,
            r.reason, r.branch, r.variant, r.message_id, r.idempotency_key, r.data, r.started_at, r.finished_at
       FROM jsonb_to_recordset(?::jsonb) AS r(enrollment_id text, flow_id text, flow_version_id text, contact_id text, step_id text,
            step_type text, outcome text, reason text, branch text, variant text, message_id text, idempotency_key text, data jsonb,
            started_at timestamptz, finished_at timestamptz)
     ON CONFLICT (idempotency_key) WHERE deleted_at IS NULL DO NOTHING RETURNING id, idempotency_key`,
    [JSON.stringify(rows)]
  )
  for (const r of inserted) ids.set(r.idempotency_key, r.id)
  const missing = runs.map((r) => r.idempotency_key).filter((k) => !ids.has(k))
  if (missing.length) {
    const existing: { id: string; idempotency_key: string }[] = await em.execute(
      `SELECT id, idempotency_key FROM marketing_flow_step_run WHERE idempotency_key = ANY(?::text[]) AND deleted_at IS NULL`,
      [pgArray(missing)]
    )
    for (const r of existing) ids.set(r.idempotency_key, r.id)
  }
  return ids
}

/**
 * `transition` for a batch: one guarded UPDATE per kind. Answers the ids
 * that changed; the others moved on meanwhile (stale) and are left alone.
 */
export async function transitionMany(em: SqlRunner, ts: Transition[]): Promise<Set<string>> {
  const done = new Set<string>()
  const guard = `e.id = t.id AND e.status = 'active' AND e.current_step_id = t.from_step AND e.step_count = t.from_count AND e.deleted_at IS NULL`
  const base = (t: Transition) => ({ id: t.id, from_step: t.from_step, from_count: t.from_count })
  const moves = ts.flatMap((t) => (t.kind === "move" ? [{ ...base(t), step: t.step, run_at: new Date(t.run_at).toISOString(), patch: t.context_patch ?? {} }] : []))
  const stays = ts.flatMap((t) =>
    t.kind === "stay"
      ? [{ ...base(t), run_at: new Date(t.run_at).toISOString(), wait_until: t.wait_until ? new Date(t.wait_until).toISOString() : null, attempts: t.attempts ?? null }]
      : []
  )
  const ends = ts.flatMap((t) =>
    t.kind === "end" ? [{ ...base(t), status: t.status, reason: t.reason, at: new Date(t.now).toISOString(), visits: t.visits ?? 0 }] : []
  )
  const collect = (rows: { id: string }[]) => rows.forEach((r) => done.add(r.id))
  if (moves.length) {
    collect(await em.execute(
      `UPDATE marketing_flow_enrollment e SET current_step_id = t.step, next_run_at = t.run_at, step_count = e.step_count + 1,
         attempts = 0, wait_until = NULL, awaited_event_id = NULL, locked_until = NULL,
         context = COALESCE(e.context, '{}'::jsonb) || t.patch, updated_at = now()
        FROM jsonb_to_recordset(?::jsonb) AS t(id text, from_step text, from_count int, step text, run_at timestamptz, patch jsonb)
       WHERE ${guard} RETURNING e.id`,
      [JSON.stringify(moves)]
    ))
  }
  if (stays.length) {
    collect(await em.execute(
      `UPDATE marketing_flow_enrollment e SET next_run_at = t.run_at, wait_until = COALESCE(t.wait_until, e.wait_until),
         attempts = COALESCE(t.attempts, e.attempts), locked_until = NULL, updated_at = now()
        FROM jsonb_to_recordset(?::jsonb) AS t(id text, from_step text, from_count int, run_at timestamptz, wait_until timestamptz, attempts int)
       WHERE ${guard} RETURNING e.id`,
      [JSON.stringify(stays)]
    ))
  }
  if (ends.length) {
    collect(await em.execute(
      `UPDATE marketing_flow_enrollment e SET status = t.status, end_reason = t.reason, ended_at = t.at, ${OFF_THE_RUNNER},
         step_count = e.step_count + t.visits, updated_at = now()
        FROM jsonb_to_recordset(?::jsonb) AS t(id text, from_step text, from_count int, status text, reason text, at timestamptz, visits int)
       WHERE ${guard} RETURNING e.id`,
      [JSON.stringify(ends)]
    ))
  }
  return done
}

/** `lastMarketingEmailAt` for many contacts in one query (contacts never emailed are absent). */
export async function lastMarketingEmailsAt(em: SqlRunner, contactIds: string[], before: Date): Promise<Map<string, Date>> {
  if (!contactIds.length) return new Map()
  const rows: { contact_id: string; at: Date | string }[] = await em.execute(
    `SELECT contact_id, max(COALESCE(sent_at, queued_at)) AS at FROM marketing_message
      WHERE contact_id = ANY(?::text[]) AND kind = 'marketing' AND status IN ('queued', 'sent') AND deleted_at IS NULL
        AND queued_at <= ?::timestamptz GROUP BY contact_id`,
    [pgArray(contactIds), before.toISOString()]
  )
  return new Map(rows.filter((r) => r.at).map((r) => [r.contact_id, new Date(r.at)]))
}

/** Which of these message keys already have a message (a retried visit). */
export async function queuedMessageKeys(em: SqlRunner, keys: string[]): Promise<Set<string>> {
  if (!keys.length) return new Set()
  const rows: { idempotency_key: string }[] = await em.execute(
    `SELECT idempotency_key FROM marketing_message WHERE idempotency_key = ANY(?::text[]) AND deleted_at IS NULL`,
    [pgArray(keys)]
  )
  return new Set(rows.map((r) => r.idempotency_key))
}

/**
 * The next turn (0, 1, 2 …) of a round-robin step: one upsert, so two runners
 * assigning at once get consecutive turns instead of the same owner.
 */
export async function takeRoundRobinTurn(em: SqlRunner, input: { flow_id: string; step_id: string }): Promise<number> {
  const [row] = await em.execute(
    `INSERT INTO marketing_flow_round_robin (id, flow_id, step_id, assigned) VALUES (${newId("mfrr")}, ?, ?, 1)
     ON CONFLICT (flow_id, step_id) WHERE deleted_at IS NULL
     DO UPDATE SET assigned = marketing_flow_round_robin.assigned + 1, updated_at = now()
     RETURNING assigned`,
    [input.flow_id, input.step_id]
  )
  return Number(row.assigned) - 1
}

/**
 * When the next enrollment becomes due, if after `now` and before `before`
 * (a short wait, a retry's backoff), so a runner can be there on time
 * instead of at the next tick. Enrollments of paused flows may wake it for
 * nothing; once past, they are no longer "next".
 */
export async function nextEnrollmentDueAt(em: SqlRunner, input: { now: Date; before: Date }): Promise<Date | null> {
  const [row] = await em.execute(
    `SELECT min(next_run_at) AS at FROM marketing_flow_enrollment
      WHERE status = 'active' AND next_run_at IS NOT NULL AND deleted_at IS NULL
        AND next_run_at > ?::timestamptz AND next_run_at <= ?::timestamptz`,
    [input.now.toISOString(), input.before.toISOString()]
  )
  return row?.at ? new Date(row.at) : null
}
