import type { SqlRunner } from "../sql-runner"
import { pgArray } from "../pg-array"
import { SCORING_LOCK } from "../scoring/backlog"
import { RETAINED_EVENT_TYPES, STALE_RUN_HOURS } from "./policy"

export type RetentionRunRow = {
  id: string
  run_on: string
  retention_days: number
  cutoff: string
  status: "running" | "done" | "failed"
  events_deleted: number
  batches: number
  started_at: string
  finished_at: string | null
  error: string | null
}

const RUN_COLUMNS = `id, run_on, retention_days, cutoff, status, events_deleted, batches, started_at, finished_at, error`

/**
 * Claims the day's run: the one instance whose insert wins does the purge.
 * A failed run, or one left running longer than STALE_RUN_HOURS (its instance
 * died), is taken over. Null when another instance has it or it is done.
 *
 * Takes the scoring lock shared (as live scoring does) so the claim waits for a
 * running recompute and none starts before the cut-off is stored: a recompute
 * reads the latest cut-off once, under that lock, and must not see the events
 * before it disappear midway.
 */
export async function claimRetentionRun(
  em: SqlRunner,
  input: { id: string; runOn: string; days: number; cutoff: Date; now: Date }
): Promise<RetentionRunRow | null> {
  await em.execute(`SELECT pg_advisory_xact_lock_shared(hashtext(?))`, [SCORING_LOCK])
  const rows: RetentionRunRow[] = await em.execute(
    `INSERT INTO marketing_retention_run (id, run_on, retention_days, cutoff, status, events_deleted, batches, started_at)
     VALUES (?, ?, ?, ?::timestamptz, 'running', 0, 0, ?::timestamptz)
     ON CONFLICT (run_on) DO UPDATE SET
       id = marketing_retention_run.id, retention_days = EXCLUDED.retention_days, cutoff = EXCLUDED.cutoff,
       status = 'running', started_at = EXCLUDED.started_at, finished_at = NULL, error = NULL, updated_at = now()
      WHERE marketing_retention_run.status = 'failed'
         OR marketing_retention_run.status = 'running'
            AND marketing_retention_run.started_at < EXCLUDED.started_at - make_interval(hours => ?::int)
     RETURNING ${RUN_COLUMNS}`,
    [input.id, input.runOn, input.days, input.cutoff.toISOString(), input.now.toISOString(), STALE_RUN_HOURS]
  )
  return rows[0] ? normalize(rows[0]) : null
}

/**
 * The latest cut-off any purge stored: before it, the score ledger is settled
 * history (its events may be gone). Null when no purge ever ran.
 */
export async function settledBefore(em: SqlRunner): Promise<Date | null> {
  const [{ at }] = await em.execute(`SELECT max(cutoff) AS at FROM marketing_retention_run WHERE deleted_at IS NULL`)
  return at ? new Date(at) : null
}

/**
 * The event types with events older than `cutoff` that the purge deletes, by
 * a skip scan of the (type, occurred_at) index: one probe per type, not a
 * pass over the table.
 */
export async function purgeableTypes(em: SqlRunner, cutoff: Date): Promise<string[]> {
  const rows: { type: string }[] = await em.execute(
    `WITH RECURSIVE t AS (
       (SELECT type FROM marketing_event WHERE deleted_at IS NULL ORDER BY type LIMIT 1)
       UNION ALL
       SELECT (SELECT e.type FROM marketing_event e WHERE e.deleted_at IS NULL AND e.type > t.type ORDER BY e.type LIMIT 1)
         FROM t WHERE t.type IS NOT NULL)
     SELECT t.type FROM t
      WHERE t.type IS NOT NULL AND NOT (t.type = ANY(?::text[]))
        AND EXISTS (SELECT 1 FROM marketing_event e WHERE e.deleted_at IS NULL AND e.type = t.type AND e.occurred_at < ?::timestamptz)`,
    [pgArray([...RETAINED_EVENT_TYPES]), cutoff.toISOString()]
  )
  return rows.map((r) => r.type)
}

/**
 * Deletes up to `limit` events of `type` older than `cutoff`, the oldest
 * first, through the (type, occurred_at) index, from `from` on (the previous
 * batch's last time: the index range before it is only dead entries, which
 * each batch would otherwise walk again). Rows another transaction holds (a
 * merge moving them) are skipped, not waited for: the next night takes them.
 * Returns how many went and the time of the last.
 */
export async function purgeEventBatch(
  em: SqlRunner,
  input: { type: string; cutoff: Date; limit: number; from?: string | null }
): Promise<{ deleted: number; last: string | null }> {
  const [row] = await em.execute(
    `WITH d AS (
       DELETE FROM marketing_event WHERE id IN (
         SELECT id FROM marketing_event
          WHERE deleted_at IS NULL AND type = ? AND occurred_at < ?::timestamptz AND occurred_at >= ?::timestamptz
          ORDER BY occurred_at LIMIT ? FOR UPDATE SKIP LOCKED)
       RETURNING occurred_at)
     SELECT count(*)::int AS n, max(occurred_at) AS last FROM d`,
    [input.type, input.cutoff.toISOString(), input.from ?? "-infinity", input.limit]
  )
  return { deleted: row.n, last: row.last ? new Date(row.last).toISOString() : null }
}

/** Adds a batch's count to the run, so the admin sees progress while it goes. */
export async function recordRetentionProgress(em: SqlRunner, runId: string, deleted: number): Promise<void> {
  await em.execute(
    `UPDATE marketing_retention_run SET events_deleted = events_deleted + ?, batches = batches + 1, updated_at = now() WHERE id = ?`,
    [deleted, runId]
  )
}

export async function finishRetentionRun(em: SqlRunner, runId: string, now: Date, error?: string): Promise<RetentionRunRow> {
  const [row] = await em.execute(
    `UPDATE marketing_retention_run SET status = ?, finished_at = ?::timestamptz, error = ?, updated_at = now()
      WHERE id = ? RETURNING ${RUN_COLUMNS}`,
    [error ? "failed" : "done", now.toISOString(), error ?? null, runId]
  )
  return normalize(row)
}

function normalize(row: RetentionRunRow): RetentionRunRow {
  const iso = (v: unknown) => (v == null ? null : new Date(v as string).toISOString())
  return {
    ...row,
    cutoff: iso(row.cutoff) as string,
    started_at: iso(row.started_at) as string,
    finished_at: iso(row.finished_at),
    events_deleted: Number(row.events_deleted),
    batches: Number(row.batches),
    retention_days: Number(row.retention_days),
  }
}
