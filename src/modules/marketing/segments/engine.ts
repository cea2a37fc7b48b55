import { dependencyOrder } from "./definition"
import { CompiledSql, ELIGIBLE, compileSegment, compileTimeEdges, sql, value } from "./sql"
import type { SegmentDependencies, SegmentNode } from "./types"

/** What the engine needs from a transaction: raw SQL with `?` placeholders. */
export type { SqlRunner } from "../sql-runner"
import type { SqlRunner } from "../sql-runner"

export type SegmentRow = {
  id: string
  name: string
  definition: SegmentNode
  dependencies: SegmentDependencies | null
  mirror_to_customer_group: boolean
  customer_group_id: string | null
  built_at: string | Date | null
  time_evaluated_at: string | Date | null
}

export type MembershipChange = { segment_id: string; contact_id: string; kind: "entered" | "exited"; at: string }

/** What changed, or (full builds without `returnChanges`) only how much. */
export type MembershipResult = { changes: MembershipChange[]; entered: number; exited: number }

const MEMBERSHIP_ID = `'msmem_' || upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 26))`
const OPEN = "m.exited_at IS NULL AND m.deleted_at IS NULL"

/** A full build holds its segment alone; per-contact evaluations share it. */
const segmentLock = (id: string) => `mma:segment:${id}`

export async function loadSegments(em: SqlRunner, ids?: string[]): Promise<SegmentRow[]> {
  return em.execute(
    `SELECT id, name, definition, dependencies, mirror_to_customer_group, customer_group_id, built_at, time_evaluated_at
       FROM marketing_segment WHERE deleted_at IS NULL ${ids ? "AND id = ANY(?::text[])" : ""} ORDER BY id`,
    ids ? [`{${ids.join(",")}}`] : []
  )
}

/**
 * Rebuilds one segment's membership over all contacts with one set-based
 * statement: contacts the definition selects and are not members enter,
 * members it no longer selects exit. Returns the changes when asked (to
 * announce them), else only their counts.
 */
export async function buildSegment(
  em: SqlRunner,
  segment: SegmentRow,
  now: Date,
  { returnChanges }: { returnChanges: boolean }
): Promise<MembershipResult & { member_count: number }> {
  await em.execute(`SELECT pg_advisory_xact_lock(hashtext(?))`, [segmentLock(segment.id)])
  const cond = compileSegment(segment.definition, { mode: "set", now })
  const at = now.toISOString()
  // The selection goes to a temporary table first: a statement that writes
  // cannot use parallel workers, a CREATE TABLE AS can.
  const want = sql`CREATE TEMP TABLE mma_segment_want ON COMMIT DROP AS SELECT c.id FROM marketing_contact c WHERE ${ELIGIBLE} AND ${cond}`
  await em.execute(`DROP TABLE IF EXISTS mma_segment_want`)
  await em.execute(want.sql, want.params)
  const statement = sql`WITH members AS MATERIALIZED (SELECT m.id, m.contact_id FROM marketing_segment_membership m WHERE m.segment_id = ${value(segment.id, "text")} AND ${OPEN}),
    exited AS (
      UPDATE marketing_segment_membership m SET exited_at = ${value(at, "timestamptz")}, updated_at = now()
        FROM members s WHERE m.id = s.id AND NOT EXISTS (SELECT 1 FROM mma_segment_want w WHERE w.id = s.contact_id)
      RETURNING m.contact_id),
    entered AS (
      INSERT INTO marketing_segment_membership (id, segment_id, contact_id, entered_at, created_at, updated_at)
      SELECT ${MEMBERSHIP_ID}, ${value(segment.id, "text")}, w.id, ${value(at, "timestamptz")}, now(), now()
        FROM mma_segment_want w WHERE NOT EXISTS (SELECT 1 FROM members s WHERE s.contact_id = w.id)
      ON CONFLICT (segment_id, contact_id) WHERE exited_at IS NULL AND deleted_at IS NULL DO NOTHING
      RETURNING contact_id)
    ${
      returnChanges
        ? "SELECT 'entered' AS kind, contact_id FROM entered UNION ALL SELECT 'exited', contact_id FROM exited"
        : "SELECT (SELECT count(*) FROM entered)::int AS entered, (SELECT count(*) FROM exited)::int AS exited"
    }`
  const rows: any[] = await em.execute(statement.sql, statement.params)
  await em.execute(`DROP TABLE mma_segment_want`)
  const result: MembershipResult = returnChanges
    ? collect(segment.id, rows, at)
    : { changes: [], entered: rows[0].entered, exited: rows[0].exited }
  const [{ n }] = await em.execute(
    `SELECT count(*)::int AS n FROM marketing_segment_membership m WHERE m.segment_id = ? AND ${OPEN}`,
    [segment.id]
  )
  await em.execute(
    `UPDATE marketing_segment SET member_count = ?, built_at = ?::timestamptz, time_evaluated_at = ?::timestamptz, updated_at = now() WHERE id = ?`,
    [n, at, at, segment.id]
  )
  return { ...result, member_count: n }
}

function collect(segmentId: string, rows: { kind: "entered" | "exited"; contact_id: string }[], at: string): MembershipResult {
  const changes = rows.map((r) => ({ segment_id: segmentId, contact_id: r.contact_id, kind: r.kind, at }))
  return {
    changes,
    entered: changes.filter((c) => c.kind === "entered").length,
    exited: changes.filter((c) => c.kind === "exited").length,
  }
}

/**
 * Which segments a change to these contacts can affect: recorded events of
 * `event_types` (or any contact field, since ingestion updates profiles,
 * scores and last-seen times), plus every segment that references one of
 * them, transitively.
 */
export function affectedSegments(
  segments: SegmentRow[],
  trigger: { event_types?: string[]; fields_changed?: boolean; customer_groups?: boolean; all?: boolean }
): SegmentRow[] {
  const types = new Set(trigger.event_types ?? [])
  const direct = segments.filter((s) => {
    const d = s.dependencies
    if (!d || trigger.all) return true
    if (trigger.fields_changed && (d.fields.length || d.population)) return true
    if (trigger.customer_groups && d.customer_groups.length) return true
    return d.event_types.some((t) => types.has(t))
  })
  return withDependants(segments, direct)
}

/** The given segments and all that reference them, directly or not. */
export function withDependants(all: SegmentRow[], start: SegmentRow[]): SegmentRow[] {
  const chosen = new Set(start.map((s) => s.id))
  let grew = true
  while (grew) {
    grew = false
    for (const s of all) {
      if (!chosen.has(s.id) && (s.dependencies?.segments ?? []).some((id) => chosen.has(id))) {
        chosen.add(s.id)
        grew = true
      }
    }
  }
  return all.filter((s) => chosen.has(s.id))
}

/** Segments split into levels: each level only references segments of earlier levels. */
export function levels(segments: SegmentRow[]): SegmentRow[][] {
  const byId = new Map(segments.map((s) => [s.id, s]))
  const graph = new Map(segments.map((s) => [s.id, (s.dependencies?.segments ?? []).filter((id) => byId.has(id))]))
  const level = new Map<string, number>()
  for (const id of dependencyOrder(graph)) {
    level.set(id, Math.max(-1, ...graph.get(id)!.map((d) => level.get(d) ?? 0)) + 1)
  }
  const out: SegmentRow[][] = []
  for (const s of segments) (out[level.get(s.id) ?? 0] ??= []).push(s)
  return out.filter(Boolean)
}

/**
 * Re-evaluates a few contacts against some segments (the incremental path):
 * per level, one query evaluates every segment for every contact, then the
 * differences with their open memberships are written. Contacts are locked
 * (advisory, in id order) so two evaluations of one contact never interleave.
 */
export async function evaluateContacts(
  em: SqlRunner,
  segments: SegmentRow[],
  contactIds: string[],
  now: Date
): Promise<MembershipChange[]> {
  const ids = [...new Set(contactIds)].sort()
  if (!ids.length || !segments.length) return []
  // One round trip each, keys taken in sorted order (the ORDER BY runs before the locks).
  await em.execute(
    `SELECT pg_advisory_xact_lock(hashtext(k)) FROM (SELECT k FROM unnest(?::text[]) k ORDER BY k) s`,
    [`{${ids.map((id) => `mma:segment-contact:${id}`).join(",")}}`]
  )
  await em.execute(
    `SELECT pg_advisory_xact_lock_shared(hashtext(k)) FROM (SELECT k FROM unnest(?::text[]) k ORDER BY k) s`,
    [`{${segments.map((s) => segmentLock(s.id)).join(",")}}`]
  )
  const at = now.toISOString()
  const idArray = value(`{${ids.join(",")}}`, "text[]")
  const changes: MembershipChange[] = []
  for (const level of levels(segments)) {
    const columns = level.map((s, i) => sql`${compileSegment(s.definition, { mode: "contact", now })} AS s${String(i)}`)
    const query = sql`SELECT c.id, ${{ sql: columns.map((c) => c.sql).join(", "), params: columns.flatMap((c) => c.params) }}
      FROM marketing_contact c WHERE c.id = ANY(${idArray}) AND ${ELIGIBLE}`
    const rows: Record<string, any>[] = await em.execute(query.sql, query.params)
    const want = new Set<string>()
    for (const row of rows) level.forEach((s, i) => row[`s${i}`] && want.add(`${s.id}|${row.id}`))
    const open: { segment_id: string; contact_id: string }[] = await em.execute(
      `SELECT m.segment_id, m.contact_id FROM marketing_segment_membership m
        WHERE m.contact_id = ANY(?::text[]) AND m.segment_id = ANY(?::text[]) AND ${OPEN}`,
      [`{${ids.join(",")}}`, `{${level.map((s) => s.id).join(",")}}`]
    )
    const have = new Set(open.map((m) => `${m.segment_id}|${m.contact_id}`))
    const enter = [...want].filter((k) => !have.has(k)).map(split)
    const exit = [...have].filter((k) => !want.has(k)).map(split)
    changes.push(...(await applyChanges(em, enter, exit, at)))
  }
  await adjustCounts(em, changes)
  return changes
}

const split = (key: string) => {
  const [segment_id, contact_id] = key.split("|")
  return { segment_id, contact_id }
}

async function applyChanges(
  em: SqlRunner,
  enter: { segment_id: string; contact_id: string }[],
  exit: { segment_id: string; contact_id: string }[],
  at: string
): Promise<MembershipChange[]> {
  const changes: MembershipChange[] = []
  if (enter.length) {
    const rows: { segment_id: string; contact_id: string }[] = await em.execute(
      `INSERT INTO marketing_segment_membership (id, segment_id, contact_id, entered_at, created_at, updated_at)
       SELECT ${MEMBERSHIP_ID}, r.segment_id, r.contact_id, ?::timestamptz, now(), now()
         FROM jsonb_to_recordset(?::jsonb) AS r(segment_id text, contact_id text)
       ON CONFLICT (segment_id, contact_id) WHERE exited_at IS NULL AND deleted_at IS NULL DO NOTHING
       RETURNING segment_id, contact_id`,
      [at, JSON.stringify(enter)]
    )
    changes.push(...rows.map((r) => ({ ...r, kind: "entered" as const, at })))
  }
  if (exit.length) {
    const rows: { segment_id: string; contact_id: string }[] = await em.execute(
      `UPDATE marketing_segment_membership m SET exited_at = ?::timestamptz, updated_at = now()
         FROM jsonb_to_recordset(?::jsonb) AS r(segment_id text, contact_id text)
        WHERE m.segment_id = r.segment_id AND m.contact_id = r.contact_id AND ${OPEN}
       RETURNING m.segment_id, m.contact_id`,
      [at, JSON.stringify(exit)]
    )
    changes.push(...rows.map((r) => ({ ...r, kind: "exited" as const, at })))
  }
  return changes
}

async function adjustCounts(em: SqlRunner, changes: MembershipChange[]): Promise<void> {
  const delta = new Map<string, number>()
  for (const c of changes) delta.set(c.segment_id, (delta.get(c.segment_id) ?? 0) + (c.kind === "entered" ? 1 : -1))
  const rows = [...delta].filter(([, d]) => d !== 0).map(([id, d]) => ({ id, d }))
  if (!rows.length) return
  await em.execute(
    `UPDATE marketing_segment s SET member_count = GREATEST(0, s.member_count + r.d), updated_at = now()
       FROM jsonb_to_recordset(?::jsonb) AS r(id text, d int) WHERE s.id = r.id`,
    [JSON.stringify(rows)]
  )
}

/**
 * The time-window pass for one segment: the contacts whose membership can
 * have changed between its last pass and `now` only because time passed
 * (compileTimeEdges), re-evaluated. Segments that reference it follow for
 * the contacts that moved.
 */
export async function timeWindowPass(
  em: SqlRunner,
  segment: SegmentRow,
  all: SegmentRow[],
  now: Date
): Promise<{ candidates: number; changes: MembershipChange[] }> {
  const from = new Date(segment.time_evaluated_at ?? segment.built_at ?? now)
  if (!(from < now)) return { candidates: 0, changes: [] }
  const edges = compileTimeEdges(segment.definition, from, now) as CompiledSql
  const rows: { id: string }[] = edges
    ? await em.execute(`SELECT c.id FROM marketing_contact c WHERE ${edges.sql}`, edges.params)
    : []
  // Members whose contact went away are dropped by the same evaluation.
  const changes = rows.length ? await evaluateContacts(em, [segment], rows.map((r) => r.id), now) : []
  const moved = [...new Set(changes.map((c) => c.contact_id))]
  const dependants = withDependants(all, [segment]).filter((s) => s.id !== segment.id)
  if (moved.length && dependants.length) changes.push(...(await evaluateContacts(em, dependants, moved, now)))
  await em.execute(`UPDATE marketing_segment SET time_evaluated_at = ?::timestamptz WHERE id = ?`, [now.toISOString(), segment.id])
  return { candidates: rows.length, changes }
}

/** Open memberships of a contact, for the contact page and the widget. */
export async function contactSegments(em: SqlRunner, contactId: string): Promise<{ id: string; name: string; entered_at: string }[]> {
  return em.execute(
    `SELECT s.id, s.name, m.entered_at FROM marketing_segment_membership m
       JOIN marketing_segment s ON s.id = m.segment_id AND s.deleted_at IS NULL
      WHERE m.contact_id = ? AND ${OPEN} ORDER BY s.name`,
    [contactId]
  )
}

/** Entries and exits per UTC day since `since`, for the trend sparkline. */
export async function membershipChangesByDay(
  em: SqlRunner,
  segmentIds: string[],
  since: Date
): Promise<{ segment_id: string; day: string; entered: number; exited: number }[]> {
  if (!segmentIds.length) return []
  return em.execute(
    `SELECT segment_id, day, sum(entered)::int AS entered, sum(exited)::int AS exited FROM (
       SELECT segment_id, to_char(entered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, 1 AS entered, 0 AS exited
         FROM marketing_segment_membership WHERE segment_id = ANY(?::text[]) AND entered_at >= ?::timestamptz AND deleted_at IS NULL
       UNION ALL
       SELECT segment_id, to_char(exited_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), 0, 1
         FROM marketing_segment_membership WHERE segment_id = ANY(?::text[]) AND exited_at >= ?::timestamptz AND deleted_at IS NULL
     ) x GROUP BY segment_id, day`,
    [`{${segmentIds.join(",")}}`, since.toISOString(), `{${segmentIds.join(",")}}`, since.toISOString()]
  )
}

/** Memberships entered or left by one pass of builds above which it refreshes the table's statistics. */
const ANALYZE_AFTER_MOVED = 10_000

export type SegmentBuild = { id: string; entered: number; exited: number; member_count: number }

/**
 * Full builds, in dependency order (a segment after those it references):
 * the given segments (and, asked, those depending on them) or all.
 * `announce` returns every entry and exit.
 */
export async function buildSegments(
  em: SqlRunner,
  segmentIds: string[] | null,
  now: Date,
  { announce, withDependants: dependants }: { announce: boolean; withDependants: boolean }
): Promise<{ changes: MembershipChange[]; built: SegmentBuild[] }> {
  const all = await loadSegments(em)
  const start = segmentIds ? all.filter((s) => segmentIds.includes(s.id)) : all
  const wanted = segmentIds ? new Set((dependants ? withDependants(all, start) : start).map((s) => s.id)) : null
  const graph = new Map(all.map((s) => [s.id, s.dependencies?.segments ?? []]))
  const byId = new Map(all.map((s) => [s.id, s]))
  const changes: MembershipChange[] = []
  const built: SegmentBuild[] = []
  for (const id of dependencyOrder(graph)) {
    if (wanted && !wanted.has(id)) continue
    const result = await buildSegment(em, byId.get(id)!, now, { returnChanges: announce })
    changes.push(...result.changes)
    built.push({ id, entered: result.entered, exited: result.exited, member_count: result.member_count })
  }
  // A build that moved many rows leaves the planner's statistics behind until autovacuum analyzes the table
  // (a minute or more, or never where it is off): per-contact evaluation then reads every open membership.
  if (built.reduce((n, b) => n + b.entered + b.exited, 0) >= ANALYZE_AFTER_MOVED) {
    await em.execute(`ANALYZE marketing_segment_membership`)
  }
  return { changes, built }
}

export type EvaluationTrigger = {
  event_types?: string[]
  fields_changed?: boolean
  customer_groups?: boolean
  all?: boolean
  segment_ids?: string[]
}

/** The incremental path: a few contacts against the segments the trigger can affect. */
export async function evaluateSegmentsForContacts(
  em: SqlRunner,
  contactIds: string[],
  trigger: EvaluationTrigger,
  now: Date
): Promise<MembershipChange[]> {
  const all = await loadSegments(em)
  const segments = trigger.segment_ids
    ? withDependants(all, all.filter((s) => trigger.segment_ids!.includes(s.id)))
    : affectedSegments(all, trigger)
  return evaluateContacts(em, segments, contactIds, now)
}

/** Every time-dependent segment re-evaluates the contacts whose window edge passed. */
export async function runSegmentTimeWindows(
  em: SqlRunner,
  now: Date
): Promise<{ segments: number; candidates: number; changes: MembershipChange[] }> {
  const all = await loadSegments(em)
  const timed = all.filter((s) => s.dependencies?.time)
  const changes: MembershipChange[] = []
  let candidates = 0
  for (const segment of timed) {
    const pass = await timeWindowPass(em, segment, all, now)
    candidates += pass.candidates
    changes.push(...pass.changes)
  }
  return { segments: timed.length, candidates, changes }
}
