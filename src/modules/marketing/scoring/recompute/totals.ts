import { compileCondition } from "../../conditions"
import { FIT_FIELDS } from "../rules"
import type { SqlRunner } from "../../sql-runner"
import { bulkIdPrefix } from "../bulk"
import { RuleTable, stageTargetSql } from "../compile"
import { decayFactorSql } from "../decay"
import type { RuleRow, ScoringSettingsRow } from "../store"
import { UNRULED_ENTRIES } from "./write-ledger"
import { SETTLED_ENTRIES } from "./settled"

/**
 * Phase "totals and fit": per contact, fit rules tested and points summed
 * from the matches (not from the ledger again), with the new totals and
 * stage, into `mma_new`; then the ledger's fit entries: one per rule a
 * contact matches after a rebuild, corrections otherwise.
 */
export async function computeTotals(
  em: SqlRunner,
  input: { settings: ScoringSettingsRow; fitRules: RuleRow[]; rulesTable: RuleTable; rebuild: boolean; now: Date; settled: string },
  stats: Record<string, number>
): Promise<void> {
  const { settings, fitRules, rulesTable, rebuild, now, settled } = input
  const nowIso = now.toISOString()
  const { cols: fitCols, params: fitParams } = fitColumns(fitRules, now)
  const fitScore = fitRules.length ? fitRules.map((r, i) => `CASE WHEN fit${i} THEN ${Number(r.points)} ELSE 0 END`).join(" + ") : "0"
  const fitIds = fitRules.length
    ? `to_jsonb(array_remove(ARRAY[${fitRules.map((_, i) => `CASE WHEN fit${i} THEN ?::text END`).join(", ")}], NULL))`
    : `'[]'::jsonb`
  // Points from the matches, plus those no rule gave (flows) and the settled ones, which the ledger keeps.
  await em.execute(
    `CREATE TEMP TABLE mma_sums ON COMMIT DROP AS
     SELECT contact_id, sum(engagement) AS engagement, sum(loyalty_points)::int AS loyalty_points FROM (
       SELECT m.contact_id,
              CASE WHEN r.component = 'engagement' THEN r.points * ${decayFactorSql("m.occurred_at")} ELSE 0 END AS engagement,
              CASE WHEN r.component = 'loyalty_rule' THEN r.points ELSE 0 END AS loyalty_points
         FROM mma_match m JOIN ${rulesTable.sql} ON r.idx = m.idx
       UNION ALL
       SELECT contact_id, CASE WHEN component = 'engagement' THEN delta * ${decayFactorSql("occurred_at")} ELSE 0 END,
              CASE WHEN component = 'loyalty_rule' THEN delta ELSE 0 END
         FROM marketing_score_entry
        WHERE (${UNRULED_ENTRIES} OR ${SETTLED_ENTRIES()}) AND component IN ('engagement', 'loyalty_rule') AND deleted_at IS NULL) x
      GROUP BY contact_id`,
    [nowIso, settings.half_life_days, ...rulesTable.params, nowIso, settings.half_life_days, settled]
  )
  // New RFM bands left by `recomputeRfm` (same transaction) are written with everything else.
  const [{ rfm: withRfm }] = await em.execute(`SELECT to_regclass('pg_temp.mma_rfm') IS NOT NULL AS rfm`)
  const rfmCol = (col: string, x: string) => (withRfm ? `CASE WHEN b.id IS NULL THEN c.${col} ELSE b.${x} END` : `c.${col}`)
  const stage = stageTargetSql(settings, "n", "stage_before")
  // OFFSET 0 keeps each subquery a step of its own: flattened, every use of
  // a column (the stage tests the acquisition score six times) would repeat
  // the fit conditions behind it, which tripled the cost of this statement.
  await em.execute(
    `CREATE TEMP TABLE mma_new ON COMMIT DROP AS
     SELECT n.*, ${stage.sql} AS stage_after FROM (
       SELECT x.*, (${fitScore}) AS fit, ${fitIds} AS fit_rule_ids,
              round(x.engagement + (${fitScore}))::int AS acquisition_score,
              x.loyalty_points + ${rfmPointsOf("x")} AS loyalty_score
         FROM (
           SELECT c.id, c.lifecycle_stage AS stage_before, c.order_count,
                  ${rfmCol("rfm_recency", "r")} AS rfm_recency, ${rfmCol("rfm_frequency", "f")} AS rfm_frequency,
                  ${rfmCol("rfm_monetary", "m")} AS rfm_monetary, ${rfmCol("rfm_group", "grp")} AS rfm_group,
                  COALESCE(s.engagement, 0)::float8 AS engagement, COALESCE(s.loyalty_points, 0) AS loyalty_points
                  ${fitCols.map((c) => `, ${c}`).join("")}
             FROM marketing_contact c LEFT JOIN mma_sums s ON s.contact_id = c.id
                  ${withRfm ? "LEFT JOIN mma_rfm b ON b.id = c.id" : ""}
            WHERE c.deleted_at IS NULL OFFSET 0) x OFFSET 0) n`,
    [...stage.params, ...fitRules.map((r) => r.id), ...fitParams]
  )
  await em.execute(`ANALYZE mma_new`)
  if (rebuild) {
    // The emptied ledger gets one entry per fit rule a contact matches.
    for (const [i, rule] of fitRules.entries()) {
      const [{ n }] = await em.execute(
        `WITH ins AS (
           INSERT INTO marketing_score_entry (id, contact_id, score, component, delta, rule_id, reason, occurred_at)
           SELECT ? || lpad((row_number() OVER ())::text, 12, '0'), id, 'acquisition', 'fit', ?, ?, ?, ?::timestamptz
             FROM mma_new WHERE fit${i}
           RETURNING 1)
         SELECT count(*)::int AS n FROM ins`,
        [bulkIdPrefix(now, `f${i}`), rule.points, rule.id, `Now matches "${rule.name}"`, nowIso]
      )
      stats[`fit:${rule.id}`] = n
    }
  } else {
    stats.fit_corrections = await correctFitEntries(em, fitRules, now)
  }
}

/** SQL for the loyalty points a row's RFM bands (`a`.rfm_*) are worth, as live scoring counts them. */
export const rfmPointsOf = (a: string) => `CASE WHEN ${a}.rfm_recency IS NULL THEN 0
      ELSE round(((${a}.rfm_recency + ${a}.rfm_frequency + ${a}.rfm_monetary - 3) / 12.0) * 100)::int END`

/** Per fit rule, whether contact `c` matches it, as columns `fit0`, `fit1` … */
export function fitColumns(fitRules: RuleRow[], now: Date): { cols: string[]; params: unknown[] } {
  const cols: string[] = []
  const params: unknown[] = []
  fitRules.forEach((rule, i) => {
    const cond = rule.conditions ? compileCondition(rule.conditions, FIT_FIELDS, { alias: "c", now }) : { sql: "true", params: [] }
    cols.push(`COALESCE((${cond.sql}), false) AS fit${i}`)
    params.push(...cond.params)
  })
  return { cols, params }
}

/**
 * 3b. Fit entries corrected in place: for each contact and fit rule, the
 * ledger's fit entries (as held in `mma_ledger`) must add up to the rule's
 * points while the contact matches (column `fit<i>` of `targets`) and to
 * nothing otherwise (a rule deactivated, its points changed, a contact's
 * attributes changed). One entry makes up each difference.
 */
export async function correctFitEntries(em: SqlRunner, fitRules: RuleRow[], now: Date, targets = "mma_new"): Promise<number> {
  const target = fitRules.length
    ? fitRules.map((_, i) => `SELECT id AS contact_id, ?::text AS rule_id, ?::float8 AS points FROM ${targets} WHERE fit${i}`).join(" UNION ALL ")
    : `SELECT NULL::text AS contact_id, NULL::text AS rule_id, NULL::float8 AS points WHERE false`
  const [{ n }] = await em.execute(
    `WITH target AS (${target}),
     held AS (SELECT contact_id, rule_id, points FROM mma_ledger WHERE component = 'fit' AND contact_id IS NOT NULL),
     d AS (
       SELECT COALESCE(t.contact_id, h.contact_id) AS contact_id, COALESCE(t.rule_id, h.rule_id) AS rule_id,
              COALESCE(t.points, 0) - COALESCE(h.points, 0) AS delta, t.rule_id IS NOT NULL AS holds, COALESCE(h.points, 0) AS before
         FROM target t FULL JOIN held h ON h.contact_id = t.contact_id AND h.rule_id = t.rule_id
        WHERE abs(COALESCE(t.points, 0) - COALESCE(h.points, 0)) > 1e-6
          -- Targets are live contacts; points held by a deleted one are left alone.
          AND (t.contact_id IS NOT NULL
               OR EXISTS (SELECT 1 FROM marketing_contact c WHERE c.id = h.contact_id AND c.deleted_at IS NULL))),
     ins AS (
       INSERT INTO marketing_score_entry (id, contact_id, score, component, delta, rule_id, reason, occurred_at)
       SELECT ? || lpad((row_number() OVER ())::text, 12, '0'), d.contact_id, 'acquisition', 'fit', d.delta, d.rule_id,
              CASE WHEN NOT d.holds THEN 'No longer matches "' || COALESCE(r.name, d.rule_id) || '"'
                   WHEN d.before = 0 THEN 'Now matches "' || r.name || '"'
                   ELSE 'Points changed for "' || r.name || '"' END,
              ?::timestamptz
         FROM d LEFT JOIN marketing_scoring_rule r ON r.id = d.rule_id
       RETURNING 1)
     SELECT count(*)::int AS n FROM ins`,
    [...fitRules.flatMap((r) => [r.id, r.points]), bulkIdPrefix(now, "fc"), now.toISOString()]
  )
  return n
}
