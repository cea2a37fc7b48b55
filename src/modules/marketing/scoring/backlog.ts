import type { SqlRunner } from "../sql-runner"
import { scoreContacts } from "./live"
import { pausePoint } from "./pause-points"
import type { RuleRow, ScoringOutcome, ScoringSettingsRow } from "./store"
import type { ScorableEvent } from "./rules"

/** Live scoring holds this lock shared; a full recompute holds it alone. */
export const SCORING_LOCK = "mma:scoring"

export async function lockScoringShared(em: SqlRunner): Promise<void> {
  await em.execute(`SELECT pg_advisory_xact_lock_shared(hashtext(?))`, [SCORING_LOCK])
}

/**
 * False while a full recompute runs; ingestion then parks its events instead of waiting.
 *
 * No event is missed between the two: one that takes the lock is scored live,
 * and the recompute waits for its commit before reading anything. One that
 * parks has already updated its contact, and the recompute locks the contact
 * table before writing scores, so it waits for that commit too: every parked
 * event is committed before the recompute is, and so visible to the backlog
 * pass that follows it.
 */
export async function tryLockScoringShared(em: SqlRunner): Promise<boolean> {
  const [row] = await em.execute(`SELECT pg_try_advisory_xact_lock_shared(hashtext(?)) AS ok`, [SCORING_LOCK])
  return !!row?.ok
}

/** Backlog passes hold this one at a time. */
export const BACKLOG_LOCK = "mma:scoring-backlog"

/**
 * Scores up to `limit` parked events (oldest first) and removes them from the backlog.
 *
 * Passes run one after the other: a pass that skipped the rows another pass
 * was scoring could return, and its caller read the scores, before that pass
 * committed. So when a pass returns, every event parked before it began is scored.
 */
export async function processBacklog(
  em: SqlRunner,
  settings: ScoringSettingsRow,
  rules: RuleRow[],
  now: Date,
  limit = 2000
): Promise<ScoringOutcome & { scored: number }> {
  await em.execute(`SELECT pg_advisory_xact_lock(hashtext(?))`, [BACKLOG_LOCK])
  await pausePoint("backlog pass")
  const parked: (ScorableEvent & { contact_id: string; backlog_id: string })[] = await em.execute(
    `SELECT b.id AS backlog_id, e.id, e.contact_id, e.type, e.properties, e.occurred_at
       FROM marketing_scoring_backlog b JOIN marketing_event e ON e.id = b.event_id
      WHERE b.deleted_at IS NULL
      ORDER BY b.created_at LIMIT ? FOR UPDATE OF b SKIP LOCKED`,
    [limit]
  )
  if (!parked.length) return { stage_changes: [], crossings: [], scored: 0 }
  const events = parked.map(({ backlog_id, ...e }) => ({ ...e, occurred_at: new Date(e.occurred_at).toISOString() }))
  const outcome = await scoreContacts(em, { events, contact_ids: events.map((e) => e.contact_id), now }, settings, rules)
  await em.execute(`DELETE FROM marketing_scoring_backlog WHERE id = ANY(?::text[])`, [`{${parked.map((p) => p.backlog_id).join(",")}}`])
  return { ...outcome, scored: parked.length }
}
