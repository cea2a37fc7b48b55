import { compileCondition } from "../conditions"
import { LIFECYCLE_STAGES } from "../models/lifecycle-stage-change"
import type { SqlRunner } from "../sql-runner"
import { RFM_GROUPS } from "./rfm"
import { ScoringRuleDefinition, ruleCatalog } from "./rules"

/**
 * Read-only counts for the Scoring page and the rule editor. Kept apart from
 * the engine: nothing here writes or locks.
 */

/** Contacts a rule would affect: with a matching event, or whose attributes match a fit rule. */
export async function countContactsForRule(em: SqlRunner, rule: ScoringRuleDefinition): Promise<number> {
  const catalog = ruleCatalog(rule.kind, rule.event_type, rule.conditions)
  if (rule.kind === "fit") {
    const cond = rule.conditions ? compileCondition(rule.conditions, catalog, { alias: "c" }) : { sql: "true", params: [] }
    const [{ n }] = await em.execute(
      `SELECT count(*)::int AS n FROM marketing_contact c WHERE c.deleted_at IS NULL AND (${cond.sql})`,
      cond.params
    )
    return n
  }
  const cond = rule.conditions ? compileCondition(rule.conditions, catalog, { alias: "e" }) : { sql: "true", params: [] }
  const [{ n }] = await em.execute(
    `SELECT count(DISTINCT e.contact_id)::int AS n FROM marketing_event e
       JOIN marketing_contact c ON c.id = e.contact_id AND c.deleted_at IS NULL
      WHERE e.type = ? AND e.deleted_at IS NULL AND e.contact_id IS NOT NULL AND (${cond.sql})`,
    [rule.event_type, ...cond.params]
  )
  return n
}

/** Ten buckets of one score over live contacts, always covering 0 to 100. */
async function scoreHistogram(em: SqlRunner, column: "acquisition_score" | "loyalty_score") {
  const [range] = await em.execute(
    `SELECT min(${column})::int AS lo, max(${column})::int AS hi FROM marketing_contact WHERE deleted_at IS NULL`
  )
  const lo = Math.min(0, range?.lo ?? 0)
  const hi = Math.max(100, range?.hi ?? 0)
  const width = Math.max(1, Math.ceil((hi - lo + 1) / 10))
  const rows: { bucket: number; count: number }[] = await em.execute(
    `SELECT floor((${column} - ?) / ?::float8)::int AS bucket, count(*)::int AS count
       FROM marketing_contact WHERE deleted_at IS NULL GROUP BY 1 ORDER BY 1`,
    [lo, width]
  )
  const counts = new Map(rows.map((r) => [r.bucket, r.count]))
  return Array.from({ length: Math.ceil((hi - lo + 1) / width) }, (_, i) => ({
    from: lo + i * width,
    to: lo + (i + 1) * width - 1,
    count: counts.get(i) ?? 0,
  }))
}

/** Counts for the Scoring page: score distributions, stages and RFM groups. */
export async function scoringOverview(em: SqlRunner) {
  const stages = await em.execute(
    `SELECT lifecycle_stage AS stage, count(*)::int AS count FROM marketing_contact WHERE deleted_at IS NULL GROUP BY 1`
  )
  const groups = await em.execute(
    `SELECT rfm_group AS group, count(*)::int AS count FROM marketing_contact
      WHERE deleted_at IS NULL AND rfm_group IS NOT NULL GROUP BY 1`
  )
  const [{ contacts }] = await em.execute(`SELECT count(*)::int AS contacts FROM marketing_contact WHERE deleted_at IS NULL`)
  const stageOrder = [...LIFECYCLE_STAGES]
  const groupOrder = [...RFM_GROUPS] as string[]
  return {
    acquisition_histogram: await scoreHistogram(em, "acquisition_score"),
    loyalty_histogram: await scoreHistogram(em, "loyalty_score"),
    stages: stageOrder.map((stage) => ({ stage, count: stages.find((s: any) => s.stage === stage)?.count ?? 0 })),
    rfm_groups: groupOrder.map((group) => ({ group, count: groups.find((g: any) => g.group === group)?.count ?? 0 })),
    contacts,
  }
}
