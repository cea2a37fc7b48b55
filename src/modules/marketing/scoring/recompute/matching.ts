import type { SqlRunner } from "../../sql-runner"
import { RuleTable, compileEventRules } from "../compile"
import type { RuleRow } from "../store"
import { SETTLED_ENTRIES } from "./settled"

/**
 * 1. Every (rule, event) match, caps applied, into `mma_match` (event_id,
 * contact_id, idx, occurred_at). Each event reads the properties its type's
 * rules test once, computes once which of those rules it meets (a bit mask),
 * and joins just those; a window numbers the matches of capped rules per
 * (rule, contact, local day/week in the store's time zone, or ever) in (occurred_at, id) order, as live
 * scoring counts them. The contact's hash leads the sort, so most comparisons
 * are of two integers. CREATE TABLE AS may read in parallel (an INSERT …
 * SELECT may not).
 *
 * Events before `settled` (the retention purge's cut-off, `-infinity` when none
 * ran) are not matched: the ledger's entries before it are settled history,
 * kept as they are. A capped rule's window that straddles the cut-off counts
 * the settled entries it already holds, as live scoring counts the ledger.
 */
export async function stageMatches(
  em: SqlRunner,
  eventRules: RuleRow[],
  rulesTable: RuleTable,
  now: Date,
  timeZone: string,
  settled: string
): Promise<void> {
  if (!eventRules.length) {
    await em.execute(
      `CREATE TEMP TABLE mma_match ON COMMIT DROP AS
       SELECT NULL::text AS event_id, NULL::text AS contact_id, NULL::int AS idx, NULL::timestamptz AS occurred_at WHERE false`
    )
    return
  }
  const compiled = compileEventRules(eventRules, now)
  const types = [...new Set(eventRules.map((rule) => rule.event_type as string))]
  const mask =
    compiled.masks.length === 1
      ? "e.m0"
      : `CASE r.chunk ${compiled.masks.map((_, c) => `WHEN ${c} THEN e.m${c}`).join(" ")} END`
  const windowParams = [timeZone, timeZone, timeZone]
  const settledCaps = await stageSettledCaps(em, rulesTable, timeZone, settled)
  await em.execute(
    `CREATE TEMP TABLE mma_match ON COMMIT DROP AS
     SELECT event_id, contact_id, idx, occurred_at FROM (
       SELECT e.id AS event_id, e.contact_id, r.idx, e.occurred_at, r.cap_count,
              row_number() OVER (
                PARTITION BY hashtext(e.contact_id), r.idx, e.contact_id COLLATE "C", ${capWindowSql("e.occurred_at")}
                ORDER BY e.occurred_at, e.id COLLATE "C") AS n${settledCaps ? `, ${capWindowSql("e.occurred_at")} AS win` : ""}
         FROM (
           SELECT e.id, e.contact_id, e.type, e.occurred_at, ${compiled.masks.join(", ")}
             FROM (
               SELECT e.id, e.contact_id, e.type, e.occurred_at ${compiled.slots.map((f) => `, ${f}`).join("")}
                 FROM marketing_event e
                WHERE e.deleted_at IS NULL AND e.contact_id IS NOT NULL AND e.type IN (${types.map(() => "?").join(", ")})
                  AND e.occurred_at >= ?::timestamptz
                  AND NOT EXISTS (SELECT 1 FROM marketing_contact c WHERE c.id = e.contact_id AND c.deleted_at IS NOT NULL)) e) e
         JOIN ${rulesTable.sql} ON r.event_type = e.type AND (${mask} & r.bit) <> 0
     ) m WHERE cap_count IS NULL OR n ${settledCaps
        ? `+ COALESCE((SELECT sc.k FROM mma_settled_cap sc WHERE sc.idx = m.idx AND sc.contact_id = m.contact_id
                          AND sc.win = COALESCE(m.win, '-infinity'::timestamp)), 0)`
        : ""} <= cap_count`,
    [
      ...windowParams,
      ...(settledCaps ? windowParams : []),
      ...compiled.maskParams, ...compiled.slotParams, ...types, settled, ...rulesTable.params,
    ]
  )
}

/** A capped rule's window key for the time `at` (null: ever, or no cap), as live scoring's `capWindow` cuts it; three time-zone parameters. */
function capWindowSql(at: string): string {
  return `CASE r.cap_period WHEN 'day' THEN date_trunc('day', ${at} AT TIME ZONE ?::text)
                            WHEN 'week' THEN date_trunc('week', ${at} AT TIME ZONE ?::text)
                            WHEN 'month' THEN date_trunc('month', ${at} AT TIME ZONE ?::text) END`
}

/**
 * Per capped rule, contact and window that reaches past the cut-off (the
 * cut-off's own day, week or month, or ever), how many settled entries it
 * already holds, into `mma_settled_cap`. False when there are none (no purge
 * ran, or no capped rule has settled entries): the matching then counts as before.
 */
async function stageSettledCaps(em: SqlRunner, rulesTable: RuleTable, timeZone: string, settled: string): Promise<boolean> {
  if (settled === "-infinity") return false
  const tz = [timeZone, timeZone, timeZone]
  // The cut-off's own window starts at the local midnight (of its day, Monday or 1st) before it.
  await em.execute(
    `CREATE TEMP TABLE mma_settled_cap ON COMMIT DROP AS
     SELECT r.idx, s.contact_id, COALESCE(${capWindowSql("s.occurred_at")}, '-infinity'::timestamp) AS win, count(*)::int AS k
       FROM marketing_score_entry s JOIN ${rulesTable.sql} ON r.id = s.rule_id
      WHERE s.deleted_at IS NULL AND ${SETTLED_ENTRIES("s")} AND r.cap_count IS NOT NULL
        AND s.occurred_at >= COALESCE(${capWindowSql("?::timestamptz")} AT TIME ZONE ?::text, '-infinity'::timestamptz)
      GROUP BY 1, 2, 3`,
    [...tz, ...rulesTable.params, settled, settled, timeZone, settled, timeZone, settled, timeZone, timeZone]
  )
  const [{ n }] = await em.execute(`SELECT count(*)::int AS n FROM mma_settled_cap`)
  if (!n) return false
  await em.execute(`CREATE INDEX ON mma_settled_cap (idx, contact_id, win)`)
  await em.execute(`ANALYZE mma_settled_cap`)
  return true
}
