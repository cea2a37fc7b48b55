import type { SqlRunner } from "../../sql-runner"
import { RuleTable, compileEventRules } from "../compile"
import type { RuleRow } from "../store"

/**
 * 1. Every (rule, event) match, caps applied, into `mma_match` (event_id,
 * contact_id, idx, occurred_at). Each event reads the properties its type's
 * rules test once, computes once which of those rules it meets (a bit mask),
 * and joins just those; a window numbers the matches of capped rules per
 * (rule, contact, UTC day/week/ever) in (occurred_at, id) order, as live
 * scoring counts them. The contact's hash leads the sort, so most comparisons
 * are of two integers. CREATE TABLE AS may read in parallel (an INSERT …
 * SELECT may not).
 */
export async function stageMatches(em: SqlRunner, eventRules: RuleRow[], rulesTable: RuleTable, now: Date): Promise<void> {
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
  await em.execute(
    `CREATE TEMP TABLE mma_match ON COMMIT DROP AS
     SELECT event_id, contact_id, idx, occurred_at FROM (
       SELECT e.id AS event_id, e.contact_id, r.idx, e.occurred_at, r.cap_count,
              row_number() OVER (
                PARTITION BY hashtext(e.contact_id), r.idx, e.contact_id COLLATE "C",
                  CASE r.cap_period WHEN 'day' THEN date_trunc('day', e.occurred_at AT TIME ZONE 'UTC')
                                    WHEN 'week' THEN date_trunc('week', e.occurred_at AT TIME ZONE 'UTC') END
                ORDER BY e.occurred_at, e.id COLLATE "C") AS n
         FROM (
           SELECT e.id, e.contact_id, e.type, e.occurred_at, ${compiled.masks.join(", ")}
             FROM (
               SELECT e.id, e.contact_id, e.type, e.occurred_at ${compiled.slots.map((f) => `, ${f}`).join("")}
                 FROM marketing_event e
                WHERE e.deleted_at IS NULL AND e.contact_id IS NOT NULL AND e.type IN (${types.map(() => "?").join(", ")})
                  AND NOT EXISTS (SELECT 1 FROM marketing_contact c WHERE c.id = e.contact_id AND c.deleted_at IS NOT NULL)) e) e
         JOIN ${rulesTable.sql} ON r.event_type = e.type AND (${mask} & r.bit) <> 0
     ) m WHERE cap_count IS NULL OR n <= cap_count`,
    [...compiled.maskParams, ...compiled.slotParams, ...types, ...rulesTable.params]
  )
}
