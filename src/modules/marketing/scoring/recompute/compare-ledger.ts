import type { SqlRunner } from "../../sql-runner"
import { pgArray } from "../../pg-array"
import type { RuleTable } from "../compile"
import { pausePoint } from "../pause-points"
import { SETTLED_ENTRIES } from "./settled"

// Phases "ledger pass", "fingerprints" and "comparison": which rules' entries differ from their matches.

/**
 * Past this share of the rule entries changing (the first recompute of a
 * store, a new rule matching many events), a recompute rebuilds the ledger
 * whole instead of changing it in place. Measured at 1M contacts: changing an
 * entry in place costs about 5× what rewriting it in a rebuild does.
 */
export const LEDGER_REBUILD_SHARE = 0.2

/**
 * 2a. Null when the ledger's rule entries are best rebuilt whole. Otherwise
 * the ids of the rules whose entries differ from their matches, with every
 * entry to delete (`event_id` null), to change (both set) or to add
 * (`entry_id` null) left in `mma_diff`.
 *
 * One pass over the ledger fingerprints each rule's entries (their count and
 * an order-free hash of their events, contacts and times, per definition:
 * score, component, points, reason) into `mma_ledger`, which also keeps the
 * fit points each contact holds per fit rule (for `correctFitEntries`).
 * A rule whose fingerprint equals that of its matches is in sync and is not
 * compared entry by entry: after one rule edit, only that rule's entries are.
 */
export async function compareLedger(
  em: SqlRunner,
  rulesTable: RuleTable,
  stats: Record<string, number>,
  settled: string
): Promise<string[] | null> {
  // Hashed, not sorted: the groups (about one per fit rule a contact holds)
  // fit in memory, and sorting ten million entries for them took 4x longer.
  await pausePoint("ledger pass")
  const [{ sort }] = await em.execute(`SELECT current_setting('enable_sort') AS sort`)
  await em.execute(`SET LOCAL enable_sort = off`)
  await em.execute(
    `CREATE TEMP TABLE mma_ledger ON COMMIT DROP AS
     SELECT CASE WHEN event_id IS NULL THEN contact_id END AS contact_id, rule_id, component,
            CASE WHEN event_id IS NOT NULL THEN score END AS score,
            CASE WHEN event_id IS NOT NULL THEN delta END AS delta,
            CASE WHEN event_id IS NOT NULL THEN reason END AS reason,
            count(*)::bigint AS n, bit_xor(CASE WHEN event_id IS NOT NULL THEN ${entryHash("event_id", "contact_id", "occurred_at")} END) AS h,
            sum(delta)::float8 AS points
       FROM marketing_score_entry
      WHERE deleted_at IS NULL AND rule_id IS NOT NULL AND (event_id IS NOT NULL OR component = 'fit')
        AND NOT ${SETTLED_ENTRIES()}
      GROUP BY 1, 2, 3, 4, 5, 6`,
    [settled]
  )
  await em.execute(`SELECT set_config('enable_sort', ?, true)`, [sort])
  await em.execute(`ANALYZE mma_ledger`)
  const [{ existing }] = await em.execute(
    `SELECT COALESCE(sum(n), 0)::int AS existing FROM mma_ledger WHERE contact_id IS NULL AND component <> 'fit'`
  )
  if (!existing) {
    const [{ n }] = await em.execute(`SELECT count(*)::int AS n FROM mma_match`)
    stats.event_entries = n
    return null
  }
  await pausePoint("fingerprints")
  await em.execute(
    `CREATE TEMP TABLE mma_match_print ON COMMIT DROP AS
     SELECT idx, count(*)::bigint AS n, bit_xor(${entryHash("event_id", "contact_id", "occurred_at")}) AS h FROM mma_match GROUP BY idx`
  )
  const [{ matched }] = await em.execute(`SELECT COALESCE(sum(n), 0)::int AS matched FROM mma_match_print`)
  stats.event_entries = matched
  // With fewer entries than this, more than the share would have to be added.
  if (!matched || existing < Math.ceil(matched * (1 - LEDGER_REBUILD_SHARE))) return null

  // Rules out of sync: their entries differ from their matches in number,
  // events, contacts or times, or were written under another definition.
  // Entries of rules that are no longer active event rules all go.
  await pausePoint("comparison")
  const outOfSync: { idx: number | null; rule_id: string }[] = await em.execute(
    `WITH m AS (SELECT * FROM mma_match_print),
     l AS (SELECT * FROM mma_ledger WHERE contact_id IS NULL AND component <> 'fit'),
     g AS (SELECT rule_id, count(*) AS definitions FROM l GROUP BY rule_id)
     SELECT r.idx, r.id AS rule_id
       FROM ${rulesTable.sql}
       LEFT JOIN m ON m.idx = r.idx
       LEFT JOIN g ON g.rule_id = r.id
       LEFT JOIN l ON l.rule_id = r.id AND l.score = r.score AND l.component = r.component
                  AND l.delta = r.points::real AND l.reason = r.reason
      WHERE NOT COALESCE(
              COALESCE(g.definitions, 0) = 0 AND m.idx IS NULL
              OR COALESCE(g.definitions, 0) = 1 AND l.rule_id IS NOT NULL AND l.n = COALESCE(m.n, 0) AND l.h IS NOT DISTINCT FROM m.h,
              false)
     UNION ALL
     SELECT DISTINCT NULL::int, l.rule_id FROM l WHERE NOT EXISTS (SELECT 1 FROM ${rulesTable.sql} WHERE r.id = l.rule_id)`,
    [...rulesTable.params, ...rulesTable.params]
  )
  stats.rules_compared = outOfSync.length
  const idxs = outOfSync.flatMap((o) => (o.idx === null ? [] : [o.idx]))
  const ruleIds = outOfSync.map((o) => o.rule_id)
  await stageDiff(em, rulesTable, idxs, ruleIds, settled)
  const [diff] = await em.execute(
    `SELECT count(*) FILTER (WHERE entry_id IS NULL)::int AS added, count(*) FILTER (WHERE event_id IS NULL)::int AS removed,
            count(*) FILTER (WHERE entry_id IS NOT NULL AND event_id IS NOT NULL)::int AS changed
       FROM mma_diff`
  )
  const total = Math.max(matched, matched - diff.added + diff.removed)
  if (diff.added + diff.removed + diff.changed > LEDGER_REBUILD_SHARE * total) return null
  Object.assign(stats, { entries_added: diff.added, entries_removed: diff.removed, entries_changed: diff.changed })
  await em.execute(`ANALYZE mma_diff`)
  return ruleIds
}

/**
 * Every entry of the rules `ruleIds` to delete (`event_id` null), change
 * (both set) or add (`entry_id` null) to equal their matches (rules `idxs`
 * of `mma_match`), into `mma_diff`, with what a deleted or changed entry
 * held before (`old_*`), so a scoped apply can move scores by the difference.
 * Settled entries (before the cut-off `settled`) are neither compared nor touched.
 */
export async function stageDiff(em: SqlRunner, rulesTable: RuleTable, idxs: number[], ruleIds: string[], settled: string): Promise<void> {
  await em.execute(
    `CREATE TEMP TABLE mma_diff ON COMMIT DROP AS
     SELECT s.id AS entry_id, m.event_id, m.contact_id, m.idx, m.occurred_at,
            s.contact_id AS old_contact_id, s.component AS old_component, s.delta AS old_delta, s.occurred_at AS old_occurred_at
       FROM (SELECT m.event_id, m.contact_id, m.idx, m.occurred_at, r.id AS rule_id,
                    ${entryDigest("m.contact_id", "r.score", "r.component", "r.points::real", "r.reason", "m.occurred_at")} AS digest
               FROM mma_match m JOIN ${rulesTable.sql} ON r.idx = m.idx
              WHERE m.idx = ANY(?::int[])) m
       FULL JOIN (SELECT id, rule_id, event_id, contact_id, component, delta, occurred_at,
                         ${entryDigest("contact_id", "score", "component", "delta", "reason", "occurred_at")} AS digest
                    FROM marketing_score_entry
                   WHERE event_id IS NOT NULL AND deleted_at IS NULL AND rule_id = ANY(?::text[]) AND occurred_at >= ?::timestamptz) s
         ON s.rule_id = m.rule_id AND s.event_id = m.event_id
      WHERE m.event_id IS NULL OR s.id IS NULL OR s.digest <> m.digest`,
    [...rulesTable.params, `{${idxs.join(",")}}`, pgArray(ruleIds), settled]
  )
}

/**
 * A 64-bit hash of a rule entry's event, contact and time. Combined with
 * bit_xor over a rule's entries it fingerprints them in any order; the outer
 * hash keeps two entries that swapped contacts from cancelling out.
 */
function entryHash(event: string, contact: string, at: string): string {
  return `hashint8extended(hashtextextended(${event}, 0) # hashtextextended(${contact}, 1) # (date_part('epoch', ${at}) * 1000000)::int8, 0)`
}

/**
 * A 64-bit digest of what a rule entry says beyond its (rule, event): the
 * comparison carries one number per side instead of every column, which
 * keeps the hash join of millions of entries in memory.
 */
export function entryDigest(contact: string, score: string, component: string, delta: string, reason: string, at: string): string {
  return `hashtextextended(concat_ws('|', ${contact}, ${score}, ${component}, ${delta}, ${reason}, ${at}), 0)`
}
