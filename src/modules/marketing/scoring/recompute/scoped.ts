import { pgArray } from "../../pg-array"
import type { SqlRunner } from "../../sql-runner"
import { SCORING_LOCK } from "../backlog"
import { setBulkSession } from "../bulk"
import { ruleTable, stageTargetSql } from "../compile"
import { decayFactorSql } from "../decay"
import { pausePoint } from "../pause-points"
import { settledBefore } from "../../retention/purge"
import { settledParam } from "./settled"
import type { RuleRow, ScoringSettingsRow } from "../store"
import type { RecomputeProgress } from "./index"
import { writeContacts } from "./contacts"
import { stageMatches } from "./matching"
import { correctFitEntries, fitColumns, rfmPointsOf } from "./totals"
import { changeRuleEntries, finishScopedLedger } from "./write-ledger"

/**
 * "Apply this rule to history" for one rule, without the full rebuild: the
 * rule's ledger entries are made equal to what a full recompute would write
 * for it, and only the contacts whose entries changed are re-totalled, by the
 * difference. Every other rule's entries are left as they are (a rule's caps
 * and points never depend on another rule's).
 *
 * - An event rule re-matches the events of its own type only (`stageMatches`
 *   with that rule), then deletes, changes or adds its entries in place.
 * - A fit rule tests its conditions on every contact and corrects the fit
 *   entries of contacts whose match changed.
 * - A rule that is deleted or inactive (`rule` undefined) loses every entry.
 *
 * A rule that changed kind loses the entries of its former kind (fit and
 * event rules keep different entries). Holds the same lock as a full recompute, so live scoring parks
 * its events meanwhile and the backlog pass scores them after the commit.
 */
export async function applyRuleToHistory(
  em: SqlRunner,
  input: { settings: ScoringSettingsRow; ruleId: string; rule?: RuleRow; fitRules: RuleRow[]; now: Date },
  progress: RecomputeProgress
): Promise<Record<string, number>> {
  const { settings, ruleId, rule, now } = input
  await em.execute(`SELECT pg_advisory_xact_lock(hashtext(?))`, [SCORING_LOCK])
  await setBulkSession(em)
  const stats: Record<string, number> = { scoped: 1 }
  // The rule's settled entries (before the retention cut-off) stay as they are.
  const settled = settledParam(await settledBefore(em))

  await progress(0.05, rule?.kind === "fit" ? "Testing the fit rule on contacts" : "Scoring the rule's events")
  await pausePoint("matching")
  const eventRule = rule && rule.kind !== "fit" ? [rule] : []
  const rulesTable = ruleTable(eventRule)
  await stageMatches(em, eventRule, rulesTable, now, settings.time_zone, settled)
  await progress(0.4, "Updating the rule's ledger entries")
  await pausePoint("in-place changes")
  await changeRuleEntries(em, rulesTable, eventRule.length ? [0] : [], [ruleId], settled)
  await em.execute(`ANALYZE mma_diff`)

  // Per contact: engagement and loyalty points gained minus those lost (by
  // the entry's own time and component, as the entry held them before).
  const decayParams = [now.toISOString(), settings.half_life_days]
  await em.execute(
    `CREATE TEMP TABLE mma_scope ON COMMIT DROP AS
     SELECT contact_id, sum(engagement)::float8 AS engagement, sum(loyalty)::int AS loyalty_points,
            0::float8 AS fit_delta, NULL::boolean AS holds
       FROM (SELECT d.contact_id, CASE WHEN r.component = 'engagement' THEN r.points * ${decayFactorSql("d.occurred_at")} ELSE 0 END AS engagement,
                    CASE WHEN r.component = 'loyalty_rule' THEN r.points ELSE 0 END AS loyalty
               FROM mma_diff d JOIN ${rulesTable.sql} ON r.idx = d.idx WHERE d.event_id IS NOT NULL
             UNION ALL
             SELECT d.old_contact_id, CASE WHEN d.old_component = 'engagement' THEN -d.old_delta * ${decayFactorSql("d.old_occurred_at")} ELSE 0 END,
                    CASE WHEN d.old_component = 'loyalty_rule' THEN -d.old_delta ELSE 0 END
               FROM mma_diff d WHERE d.entry_id IS NOT NULL) x
      GROUP BY contact_id`,
    [...decayParams, ...rulesTable.params, ...decayParams]
  )
  const [diff] = await em.execute(
    `SELECT count(*) FILTER (WHERE entry_id IS NULL)::int AS added, count(*) FILTER (WHERE event_id IS NULL)::int AS removed,
            count(*) FILTER (WHERE entry_id IS NOT NULL AND event_id IS NOT NULL)::int AS changed
       FROM mma_diff`
  )
  Object.assign(stats, { entries_added: diff.added, entries_removed: diff.removed, entries_changed: diff.changed })
  await finishScopedLedger(em, rulesTable, [ruleId], now)

  await pausePoint("totals and fit")
  stats.fit_corrections = await correctFit(em, { ruleId, rule, now })

  await progress(0.7, "Totals of the contacts it changed")
  await stageScopedTotals(em, { settings, ruleId, fitRule: stats.fit_corrections > 0, fitRules: input.fitRules, now })
  await progress(0.85, "Updating contacts")
  await pausePoint("contacts")
  await writeContacts(em, settings, now, progress, stats, true)
  return stats
}

/**
 * The fit rule's entries corrected for contacts whose match changed (none
 * for an event rule: it holds no fit entries, unless it was a fit rule
 * before); those contacts join `mma_scope` with their fit difference.
 */
async function correctFit(em: SqlRunner, input: { ruleId: string; rule?: RuleRow; now: Date }): Promise<number> {
  const { ruleId, rule, now } = input
  const fitRule = rule?.kind === "fit" ? [rule] : []
  const { cols, params } = fitColumns(fitRule, now)
  // Who matches now, and what the ledger holds for the rule, as correctFitEntries reads them.
  await em.execute(
    `CREATE TEMP TABLE mma_fit ON COMMIT DROP AS
     SELECT id ${cols.map((c) => `, ${c}`).join("")} FROM marketing_contact c WHERE deleted_at IS NULL ${fitRule.length ? "" : "AND false"}`,
    params
  )
  await em.execute(
    `CREATE TEMP TABLE mma_ledger ON COMMIT DROP AS
     SELECT contact_id, rule_id, component, sum(delta)::float8 AS points
       FROM marketing_score_entry
      WHERE rule_id = ? AND component = 'fit' AND event_id IS NULL AND deleted_at IS NULL
      GROUP BY contact_id, rule_id, component`,
    [ruleId]
  )
  const target = fitRule.length ? `SELECT id AS contact_id, ?::float8 AS points FROM mma_fit WHERE fit0` : `SELECT NULL::text, NULL::float8 WHERE false`
  await em.execute(
    `INSERT INTO mma_scope (contact_id, engagement, loyalty_points, fit_delta, holds)
     SELECT COALESCE(t.contact_id, h.contact_id), 0, 0, COALESCE(t.points, 0) - COALESCE(h.points, 0), t.contact_id IS NOT NULL
       FROM (${target}) t (contact_id, points) FULL JOIN mma_ledger h ON h.contact_id = t.contact_id
      WHERE abs(COALESCE(t.points, 0) - COALESCE(h.points, 0)) > 1e-6`,
    fitRule.length ? [fitRule[0].points] : []
  )
  return correctFitEntries(em, fitRule, now, "mma_fit")
}

/**
 * `mma_new` (what writeContacts reads) for the contacts in `mma_scope`: their
 * stored scores moved by the difference, with the stage those scores give.
 * Fit rule ids, when fit entries changed, keep the active fit rules' order, as
 * a full recompute writes them.
 */
async function stageScopedTotals(
  em: SqlRunner,
  input: { settings: ScoringSettingsRow; ruleId: string; fitRule: boolean; fitRules: RuleRow[]; now: Date }
): Promise<void> {
  const { settings, ruleId, fitRule, fitRules, now } = input
  const nowIso = now.toISOString()
  const stage = stageTargetSql(settings, "n", "stage_before")
  await em.execute(
    `CREATE TEMP TABLE mma_new ON COMMIT DROP AS
     SELECT n.*, ${stage.sql} AS stage_after FROM (
       SELECT x.*, round(x.engagement + x.fit)::int AS acquisition_score, x.loyalty_points + ${rfmPointsOf("x")} AS loyalty_score
         FROM (
           SELECT c.id, c.lifecycle_stage AS stage_before, c.order_count,
                  c.rfm_recency, c.rfm_frequency, c.rfm_monetary, c.rfm_group,
                  c.engagement_score * ${decayFactorSql("COALESCE(c.scored_at, ?::timestamptz)")} + s.engagement AS engagement,
                  c.loyalty_points + s.loyalty_points AS loyalty_points,
                  round(c.fit_score + s.fit_delta)::int AS fit,
                  ${fitRule ? `(SELECT COALESCE(jsonb_agg(f.id ORDER BY f.ord), '[]'::jsonb)
                     FROM unnest(?::text[]) WITH ORDINALITY f (id, ord)
                    WHERE CASE WHEN s.holds IS NOT NULL AND f.id = s.rule_id THEN s.holds
                               ELSE jsonb_exists(COALESCE(c.fit_rule_ids, '[]'::jsonb), f.id) END)` : `COALESCE(c.fit_rule_ids, '[]'::jsonb)`} AS fit_rule_ids
             FROM (SELECT contact_id, sum(engagement) AS engagement, sum(loyalty_points)::int AS loyalty_points,
                          sum(fit_delta) AS fit_delta, bool_or(holds) AS holds, ?::text AS rule_id
                     FROM mma_scope GROUP BY contact_id) s
             JOIN marketing_contact c ON c.id = s.contact_id
            WHERE c.deleted_at IS NULL OFFSET 0) x OFFSET 0) n`,
    [...stage.params, nowIso, nowIso, settings.half_life_days, ...(fitRule ? [pgArray(fitRules.map((r) => r.id))] : []), ruleId]
  )
  await em.execute(`ANALYZE mma_new`)
}
