import type { SqlRunner } from "../sql-runner"
import { decayFactorSql } from "./decay"
import { thresholdsCrossed } from "./stages"
import { flowThresholdValues, type ScoreCrossing, type ScoringSettingsRow } from "./store"

// Stored scores kept right outside live scoring: the nightly decay, and totals summed again after a merge.

/**
 * Moves every stored engagement score to `now` (the nightly job), so lists
 * and segments sort by what screens show. Returns threshold crossings.
 */
export async function decayAll(em: SqlRunner, settings: ScoringSettingsRow, now: Date): Promise<ScoreCrossing[]> {
  const rows: { id: string; before: number; after: number }[] = await em.execute(
    `WITH d AS (
       SELECT id, acquisition_score AS before,
              engagement_score * ${decayFactorSql("COALESCE(scored_at, ?::timestamptz)")} AS engagement
         FROM marketing_contact WHERE deleted_at IS NULL AND engagement_score <> 0
     )
     UPDATE marketing_contact c SET engagement_score = d.engagement,
            acquisition_score = round(d.engagement + c.fit_score)::int, scored_at = ?::timestamptz
       FROM d WHERE c.id = d.id
       RETURNING c.id, d.before, c.acquisition_score AS after`,
    [now.toISOString(), now.toISOString(), settings.half_life_days, now.toISOString()]
  )
  const crossings: ScoreCrossing[] = []
  const flowValues = flowThresholdValues(settings, "acquisition")
  for (const row of rows) {
    for (const c of thresholdsCrossed(row.before, row.after, settings, flowValues)) {
      crossings.push({ ...c, contact_id: row.id, score: "acquisition", score_value: row.after })
    }
  }
  return crossings
}

/**
 * One contact's engagement, fit and loyalty points summed again from its
 * ledger (after a merge brought another contact's entries over), with the
 * same decay formula as everywhere else.
 */
export async function retotalContact(em: SqlRunner, contactId: string, settings: ScoringSettingsRow, now: Date): Promise<void> {
  const nowIso = now.toISOString()
  await em.execute(
    `WITH s AS (
       SELECT COALESCE(sum(CASE WHEN component = 'engagement' THEN delta * ${decayFactorSql("occurred_at")} END), 0) AS engagement,
              COALESCE(sum(CASE WHEN component = 'fit' THEN delta END), 0)::int AS fit,
              COALESCE(sum(CASE WHEN component = 'loyalty_rule' THEN delta END), 0)::int AS loyalty_points,
              COALESCE(sum(CASE WHEN component = 'rfm' THEN delta END), 0)::int AS rfm
         FROM marketing_score_entry WHERE contact_id = ? AND deleted_at IS NULL
     )
     UPDATE marketing_contact c SET engagement_score = s.engagement, fit_score = s.fit,
            acquisition_score = round(s.engagement + s.fit)::int, loyalty_points = s.loyalty_points,
            loyalty_score = s.loyalty_points + CASE WHEN c.rfm_recency IS NULL THEN 0
              ELSE round(((c.rfm_recency + c.rfm_frequency + c.rfm_monetary - 3) / 12.0) * 100)::int END,
            scored_at = ?::timestamptz
       FROM s WHERE c.id = ?`,
    [nowIso, settings.half_life_days, contactId, nowIso, contactId]
  )
}
