import { LIFECYCLE_STAGES } from "../scoring/stages"
import type { SqlRunner } from "../sql-runner"
import type { FunnelResponse, ReportPeriod } from "./types"

/**
 * Contacts per lifecycle stage now (live contacts, merged ones left out) and
 * entries into each stage in the period (stage changes whose `to_stage` it is),
 * in the stages' order.
 */
export async function funnelReport(em: SqlRunner, period: ReportPeriod): Promise<FunnelResponse> {
  const [now, entered] = await Promise.all([
    em.execute(
      `SELECT lifecycle_stage AS stage, count(*)::int AS n FROM marketing_contact
        WHERE deleted_at IS NULL AND merged_into_id IS NULL GROUP BY 1`
    ),
    em.execute(
      `SELECT to_stage AS stage, count(*)::int AS n FROM marketing_lifecycle_stage_change
        WHERE deleted_at IS NULL AND changed_at >= ? AND changed_at < ? GROUP BY 1`,
      [period.from, period.to]
    ),
  ])
  const count = (rows: any[], stage: string) => rows.find((r) => r.stage === stage)?.n ?? 0
  return { period, stages: LIFECYCLE_STAGES.map((stage) => ({ stage, contacts: count(now, stage), entered: count(entered, stage) })) }
}
