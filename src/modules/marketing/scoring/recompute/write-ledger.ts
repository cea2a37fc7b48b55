import type { SqlRunner } from "../../sql-runner"
import { pgArray } from "../../pg-array"
import { bulkIdPrefix, secondaryIndexes } from "../bulk"
import type { RuleTable } from "../compile"
import { SETTLED_ENTRIES } from "./settled"

// Phases "in-place changes" and "ledger rebuild": the ledger's rule entries made equal to the matches.

/**
 * 2b. The few rule entries that differ, deleted, changed or added in place.
 * Entries are looked up among those of the rules out of sync (`ruleIds`,
 * through the (rule, event) index), not by joining the whole ledger.
 */
export async function applyLedgerChanges(em: SqlRunner, rulesTable: RuleTable, ruleIds: string[], now: Date): Promise<void> {
  const ofRules = `s.rule_id = ANY(?::text[]) AND s.event_id IS NOT NULL AND s.deleted_at IS NULL`
  const rules = pgArray(ruleIds)
  await em.execute(`DELETE FROM marketing_score_entry s USING mma_diff d WHERE d.event_id IS NULL AND s.id = d.entry_id AND ${ofRules}`, [rules])
  await em.execute(
    `UPDATE marketing_score_entry s SET contact_id = d.contact_id, score = r.score, component = r.component, delta = r.points,
            reason = r.reason, occurred_at = d.occurred_at, updated_at = now()
       FROM mma_diff d JOIN ${rulesTable.sql} ON r.idx = d.idx
      WHERE d.entry_id IS NOT NULL AND d.event_id IS NOT NULL AND s.id = d.entry_id AND ${ofRules}`,
    [...rulesTable.params, rules]
  )
  await em.execute(
    `INSERT INTO marketing_score_entry (id, contact_id, score, component, delta, rule_id, event_id, reason, occurred_at)
     SELECT ? || lpad((row_number() OVER ())::text, 12, '0'), d.contact_id, r.score, r.component, r.points, r.id, d.event_id, r.reason, d.occurred_at
       FROM mma_diff d JOIN ${rulesTable.sql} ON r.idx = d.idx
      WHERE d.entry_id IS NULL`,
    [bulkIdPrefix(now, "e"), ...rulesTable.params]
  )
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
