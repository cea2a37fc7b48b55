import type { SqlRunner } from "../../sql-runner"
import { pgArray } from "../../pg-array"
import { bulkIdPrefix, secondaryIndexes } from "../bulk"
import type { RuleTable } from "../compile"
import { entryDigest } from "./compare-ledger"
import { SETTLED_ENTRIES } from "./settled"

// Phases "in-place changes" and "ledger rebuild": the ledger's rule entries made equal to the matches.

/**
 * 2b. The few rule entries that differ, deleted, changed or added in place.
 * Entries are looked up among those of the rules out of sync (`ruleIds`,
 * through the (rule, event) index), not by joining the whole ledger.
 * `leftovers`: only the deletions and changes `changeRuleEntries` could not
 * make through their `ctid` (none, most of the time), then the new entries.
 */
export async function applyLedgerChanges(em: SqlRunner, rulesTable: RuleTable, ruleIds: string[], now: Date, leftovers = false): Promise<void> {
  const ofRules = `s.rule_id = ANY(?::text[]) AND s.event_id IS NOT NULL AND s.deleted_at IS NULL`
  const rules = pgArray(ruleIds)
  const pending = leftovers ? "NOT d.applied AND " : ""
  const [{ n }] = leftovers ? await em.execute(`SELECT count(*)::int AS n FROM mma_diff WHERE NOT applied`) : [{ n: 1 }]
  if (n) {
    await em.execute(`DELETE FROM marketing_score_entry s USING mma_diff d WHERE ${pending}d.event_id IS NULL AND s.id = d.entry_id AND ${ofRules}`, [rules])
    await em.execute(
      `UPDATE marketing_score_entry s SET contact_id = d.contact_id, score = r.score, component = r.component, delta = r.points,
              reason = r.reason, occurred_at = d.occurred_at, updated_at = now()
         FROM mma_diff d JOIN ${rulesTable.sql} ON r.idx = d.idx
        WHERE ${pending}d.entry_id IS NOT NULL AND d.event_id IS NOT NULL AND s.id = d.entry_id AND ${ofRules}`,
      [...rulesTable.params, rules]
    )
  }
  await em.execute(
    `INSERT INTO marketing_score_entry (id, contact_id, score, component, delta, rule_id, event_id, reason, occurred_at)
     SELECT ? || lpad((row_number() OVER ())::text, 12, '0'), d.contact_id, r.score, r.component, r.points, r.id, d.event_id, r.reason, d.occurred_at
       FROM mma_diff d JOIN ${rulesTable.sql} ON r.idx = d.idx
      WHERE d.entry_id IS NULL`,
    [bulkIdPrefix(now, "e"), ...rulesTable.params]
  )
}

/**
 * A scoped apply's `mma_diff` (as `stageDiff` leaves it, plus `applied`)
 * with its changes and deletions made in the same pass over the rule's
 * entries: each entry that differs is rewritten (or deleted) through its
 * `ctid` right after it was read, while its page is still in shared buffers.
 * Comparing first and updating by id after read every page of the rule's
 * entries twice (after one rule edit, they lie on most of the ledger's
 * pages). `finishScopedLedger` then adds the new entries, and rewrites by id
 * any entry a concurrent writer changed meanwhile (its `ctid` moved).
 */
export async function changeRuleEntries(em: SqlRunner, rulesTable: RuleTable, idxs: number[], ruleIds: string[], settled: string): Promise<void> {
  await em.execute(
    `CREATE TEMP TABLE mma_diff (entry_id text, event_id text, contact_id text, idx int, occurred_at timestamptz,
       old_contact_id text, old_component text, old_delta real, old_occurred_at timestamptz, applied boolean) ON COMMIT DROP`
  )
  // Without this, past some 300k entries the planner would rather hash the
  // whole ledger (a scan of every entry) than reach each one through its ctid.
  const [{ seqscan }] = await em.execute(`SELECT current_setting('enable_seqscan') AS seqscan`)
  await em.execute(`SET LOCAL enable_seqscan = off`)
  await em.execute(
    `WITH x AS (
       SELECT s.ctid AS sctid, s.id AS entry_id, m.event_id, m.contact_id, m.idx, m.occurred_at,
              s.contact_id AS old_contact_id, s.component AS old_component, s.delta AS old_delta, s.occurred_at AS old_occurred_at,
              m.score, m.component, m.points, m.reason
         FROM (SELECT m.event_id, m.contact_id, m.idx, m.occurred_at, r.id AS rule_id, r.score, r.component, r.points, r.reason,
                      ${entryDigest("m.contact_id", "r.score", "r.component", "r.points::real", "r.reason", "m.occurred_at")} AS digest
                 FROM mma_match m JOIN ${rulesTable.sql} ON r.idx = m.idx
                WHERE m.idx = ANY(?::int[])) m
         FULL JOIN (SELECT ctid, id, rule_id, event_id, contact_id, component, delta, occurred_at,
                           ${entryDigest("contact_id", "score", "component", "delta", "reason", "occurred_at")} AS digest
                      FROM marketing_score_entry
                     WHERE event_id IS NOT NULL AND deleted_at IS NULL AND rule_id = ANY(?::text[]) AND occurred_at >= ?::timestamptz) s
           ON s.rule_id = m.rule_id AND s.event_id = m.event_id
        WHERE m.event_id IS NULL OR s.id IS NULL OR s.digest <> m.digest),
     u AS (
       UPDATE marketing_score_entry t SET contact_id = x.contact_id, score = x.score, component = x.component, delta = x.points,
              reason = x.reason, occurred_at = x.occurred_at, updated_at = now()
         FROM x WHERE t.ctid = x.sctid AND x.event_id IS NOT NULL AND t.id = x.entry_id
       RETURNING t.id),
     d AS (
       DELETE FROM marketing_score_entry t USING x WHERE t.ctid = x.sctid AND x.event_id IS NULL AND t.id = x.entry_id
       RETURNING t.id)
     INSERT INTO mma_diff
     SELECT entry_id, event_id, contact_id, idx, occurred_at, old_contact_id, old_component, old_delta, old_occurred_at,
            entry_id IS NULL OR entry_id IN (SELECT id FROM u UNION ALL SELECT id FROM d)
       FROM x`,
    [...rulesTable.params, `{${idxs.join(",")}}`, pgArray(ruleIds), settled]
  )
  await em.execute(`SELECT set_config('enable_seqscan', ?, true)`, [seqscan])
}

/** After `changeRuleEntries`: the entries it could not reach through their `ctid` changed by id, and the new ones added. */
export function finishScopedLedger(em: SqlRunner, rulesTable: RuleTable, ruleIds: string[], now: Date): Promise<void> {
  return applyLedgerChanges(em, rulesTable, ruleIds, now, true)
}

/**
 * Entries no rule wrote, which a recompute keeps as they are: the RFM history
 * and points given by flows (`update_contact`), which no event replays.
 */
export const UNRULED_ENTRIES = `rule_id IS NULL AND event_id IS NULL`

/**
 * 2b. The ledger rebuilt whole: keep the entries no rule wrote and the settled ones, empty the table
 * (instant, unlike deleting millions of rows), bulk-insert without its
 * indexes, primary key included. Returns what builds them again from their
 * own definitions (a build sorts once; inserting into them costs twice as
 * much), once the fit entries are in. TRUNCATE locks the table until commit,
 * so nobody sees it without them.
 */
export async function refillLedger(
  em: SqlRunner,
  rulesTable: RuleTable,
  now: Date,
  stats: Record<string, number>,
  settled: string
): Promise<() => Promise<void>> {
  // Settled entries (before the retention cut-off) stay too: their events may be gone.
  await em.execute(
    `CREATE TEMP TABLE mma_kept_entries ON COMMIT DROP AS
     SELECT * FROM marketing_score_entry WHERE ${UNRULED_ENTRIES} OR ${SETTLED_ENTRIES()}`,
    [settled]
  )
  const indexes = await secondaryIndexes(em, "marketing_score_entry")
  // The primary key is dropped too unless another table's foreign key needs it.
  const keys: { conname: string; condef: string }[] = await em.execute(
    `SELECT conname, pg_get_constraintdef(oid) AS condef FROM pg_constraint
      WHERE conrelid = 'marketing_score_entry'::regclass AND contype IN ('p', 'u')
        AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.confrelid = 'marketing_score_entry'::regclass)`
  )
  const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`
  await em.execute(`TRUNCATE marketing_score_entry`)
  for (const { conname } of keys) await em.execute(`ALTER TABLE marketing_score_entry DROP CONSTRAINT ${quoted(conname)}`)
  for (const { name } of indexes) await em.execute(`DROP INDEX IF EXISTS ${name}`)
  await em.execute(`INSERT INTO marketing_score_entry SELECT * FROM mma_kept_entries`)
  await em.execute(
    `INSERT INTO marketing_score_entry (id, contact_id, score, component, delta, rule_id, event_id, reason, occurred_at)
     SELECT ? || lpad((row_number() OVER ())::text, 12, '0'), m.contact_id, r.score, r.component, r.points,
            r.id, m.event_id, r.reason, m.occurred_at
       FROM mma_match m JOIN ${rulesTable.sql} ON r.idx = m.idx`,
    [bulkIdPrefix(now, "e"), ...rulesTable.params]
  )
  stats.ledger_rebuilt = 1
  return async () => {
    for (const { conname, condef } of keys) await em.execute(`ALTER TABLE marketing_score_entry ADD CONSTRAINT ${quoted(conname)} ${condef}`)
    for (const { def } of indexes) await em.execute(def)
    // The planner must know the ledger now holds millions of rows.
    await em.execute(`ANALYZE marketing_score_entry`)
  }
}
