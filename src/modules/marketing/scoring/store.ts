import { randomUUID } from "crypto"
import type { SqlRunner } from "../sql-runner"
import type { RfmBoundaries } from "./rfm"
import type { ScoringRuleDefinition } from "./rules"
import type { LifecycleStage, StageThresholds, ThresholdCrossing } from "./stages"

// The rows scoring reads and writes (settings, active rules, contacts' score
// columns) and what a scoring pass reports.

export type ScoringSettingsRow = StageThresholds & {
  id: string
  half_life_days: number
  inactivity_days: number
  sales_notification_email: string | null
  sales_notification_feed: boolean
  recency_floor_days: number
  time_zone: string
  rfm_boundaries: RfmBoundaries | null
  rfm_computed_at: string | null
  /** Thresholds of active flows' `score_threshold` triggers: live scoring reports their crossings too. */
  flow_thresholds: { score: "acquisition" | "loyalty"; value: number }[]
}

export type RuleRow = Required<Pick<ScoringRuleDefinition, "kind" | "points">> &
  ScoringRuleDefinition & { id: string; name: string }

export type StageChange = {
  contact_id: string
  from_stage: LifecycleStage | null
  to_stage: LifecycleStage
  reason: string
  changed_at: string
}

export type ScoreCrossing = ThresholdCrossing & { contact_id: string; score: "acquisition" | "loyalty"; score_value: number }

export type ScoringOutcome = { stage_changes: StageChange[]; crossings: ScoreCrossing[] }

/** The values of active flows' thresholds on one score. */
export const flowThresholdValues = (settings: Pick<ScoringSettingsRow, "flow_thresholds">, score: "acquisition" | "loyalty") =>
  (settings.flow_thresholds ?? []).filter((t) => t.score === score).map((t) => Number(t.value))

export const id = (prefix: string) => `${prefix}_${randomUUID().replace(/-/g, "").slice(0, 26).toUpperCase()}`

export async function loadSettings(em: SqlRunner): Promise<ScoringSettingsRow> {
  // The active flows' score thresholds ride along: no extra round trip on the ingest path.
  const find = async () =>
    (
      await em.execute(
        `SELECT s.*, (
           SELECT coalesce(jsonb_agg(DISTINCT jsonb_build_object('score', v.definition->'trigger'->>'score',
                    'value', (v.definition->'trigger'->>'threshold')::float8)), '[]'::jsonb)
             FROM marketing_flow f JOIN marketing_flow_version v ON v.id = f.active_version_id
            WHERE f.status = 'active' AND f.deleted_at IS NULL AND v.definition->'trigger'->>'type' = 'score_threshold'
         ) AS flow_thresholds
           FROM marketing_scoring_settings s WHERE s.deleted_at IS NULL ORDER BY s.created_at LIMIT 1`
      )
    )[0]
  let row = await find()
  if (!row) {
    await em.execute(`SELECT pg_advisory_xact_lock(hashtext('mma:scoring-settings'))`)
    row = await find()
    if (!row) {
      await em.execute(`INSERT INTO marketing_scoring_settings (id) VALUES (?)`, [id("mssets")])
      row = await find()
    }
  }
  return { ...row, half_life_days: Number(row.half_life_days) }
}

export async function loadActiveRules(em: SqlRunner): Promise<RuleRow[]> {
  return em.execute(
    `SELECT id, name, kind, event_type, conditions, points, cap_count, cap_period, active
       FROM marketing_scoring_rule WHERE active AND deleted_at IS NULL ORDER BY created_at, id`
  )
}

export type ContactState = Record<string, any> & {
  id: string
  engagement_score: number
  fit_score: number
  acquisition_score: number
  loyalty_points: number
  loyalty_score: number
  scored_at: string | null
  fit_rule_ids: string[] | null
  order_count: number
  total_spent: number
  last_order_at: string | null
  rfm_recency: number | null
  rfm_frequency: number | null
  rfm_monetary: number | null
  rfm_group: string | null
  lifecycle_stage: LifecycleStage
}

/** A rule entry's reason; live scoring and the recompute must write the same text (the recompute compares them). */
export function reasonFor(rule: RuleRow, eventType: string): string {
  const sign = rule.points > 0 ? `+${rule.points}` : `${rule.points}`
  return `${sign} "${rule.name}" (${eventType})`
}
