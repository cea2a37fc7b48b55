import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { FLOW_FIELDS } from "./query-config"

const DAY = 86_400_000
/** The window of the list's figures and of its entries sparkline. */
const WINDOW_DAYS = 30

type Raw = { raw(sql: string, params: unknown[]): Promise<{ rows: any[] }> }
const pgOf = (scope: MedusaContainer) => scope.resolve(ContainerRegistrationKeys.PG_CONNECTION) as Raw

/** YYYY-MM-DD in UTC. */
const dayOf = (date: Date) => date.toISOString().slice(0, 10)

/**
 * Flows with `active_enrollment_count` (contacts in the flow now),
 * `entered_last_30_days`, `converted_last_30_days` and `entries` (contacts
 * entered per UTC day over the last 30 days, oldest first, for a sparkline),
 * counted in two queries over marketing_flow_enrollment.
 */
export async function withEnrollmentCounts<T extends { id: string }>(scope: MedusaContainer, flows: T[], now = new Date()) {
  if (!flows.length) return []
  const pg = pgOf(scope)
  const ids = flows.map((f) => f.id)
  const inIds = ids.map(() => "?").join(", ")
  const since = new Date(now.getTime() - WINDOW_DAYS * DAY).toISOString()
  const { rows } = await pg.raw(
    `SELECT flow_id,
            count(*) FILTER (WHERE status = 'active')::int AS active,
            count(*) FILTER (WHERE entered_at >= ?)::int AS entered,
            count(*) FILTER (WHERE status = 'converted' AND converted_at >= ?)::int AS converted
       FROM marketing_flow_enrollment
      WHERE deleted_at IS NULL AND flow_id IN (${inIds})
      GROUP BY flow_id`,
    [since, since, ...ids]
  )
  // Days with no entry are absent here and filled with zeros below.
  const firstDay = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (WINDOW_DAYS - 1) * DAY)
  const { rows: daily } = await pg.raw(
    `SELECT flow_id, to_char(entered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*)::int AS n
       FROM marketing_flow_enrollment
      WHERE deleted_at IS NULL AND entered_at >= ? AND flow_id IN (${inIds})
      GROUP BY 1, 2`,
    [firstDay.toISOString(), ...ids]
  )
  const perDay = new Map(daily.map((r: { flow_id: string; day: string; n: number }) => [`${r.flow_id} ${r.day}`, r.n]))
  const days = Array.from({ length: WINDOW_DAYS }, (_, i) => dayOf(new Date(firstDay.getTime() + i * DAY)))
  const counts = new Map(rows.map((r: { flow_id: string; active: number; entered: number; converted: number }) => [r.flow_id, r]))
  return flows.map((f) => ({
    ...f,
    active_enrollment_count: counts.get(f.id)?.active ?? 0,
    entered_last_30_days: counts.get(f.id)?.entered ?? 0,
    converted_last_30_days: counts.get(f.id)?.converted ?? 0,
    entries: days.map((day) => ({ day, count: perDay.get(`${f.id} ${day}`) ?? 0 })),
  }))
}

/** One flow as the routes answer it (after a write too), with its counts; a 404 when unknown. */
export async function refetchFlow(scope: MedusaContainer, id: string) {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "flow", fields: FLOW_FIELDS, filters: { id } }, { throwIfKeyNotFound: true })
  const [flow] = await withEnrollmentCounts(scope, [data[0]])
  return flow
}

export type FlowStepStats = {
  /** Enrollments that reached the step (at least one run of it). */
  entered: number
  /** Active enrollments whose next step is this one. */
  waiting: number
  /** Emails: messages sent, opened and clicked (each message once). */
  sent: number
  opened: number
  clicked: number
  /** Runs per branch taken ("yes", "no", a split's key). */
  branches: Record<string, number>
  /** Runs per email variant ("a", "b", "holdout"). */
  variants: Record<string, number>
}

/**
 * Each step's numbers for one version of a flow (all versions when none is
 * given), read from the step-run, enrollment and message rows.
 */
export async function stepStats(scope: MedusaContainer, flowId: string, versionId?: string) {
  const pg = pgOf(scope)
  const version = versionId ? " AND flow_version_id = ?" : ""
  const params = versionId ? [flowId, versionId] : [flowId]
  const [runs, branches, variants, waiting] = await Promise.all([
    pg.raw(
      `SELECT r.step_id, count(DISTINCT r.enrollment_id)::int AS entered,
              count(DISTINCT m.id) FILTER (WHERE m.sent_at IS NOT NULL)::int AS sent,
              count(DISTINCT m.id) FILTER (WHERE m.opened_at IS NOT NULL)::int AS opened,
              count(DISTINCT m.id) FILTER (WHERE m.clicked_at IS NOT NULL)::int AS clicked
         FROM marketing_flow_step_run r
         LEFT JOIN marketing_message m ON m.id = r.message_id AND m.deleted_at IS NULL
        WHERE r.deleted_at IS NULL AND r.flow_id = ?${version.replace("flow_version_id", "r.flow_version_id")}
        GROUP BY r.step_id`,
      params
    ),
    pg.raw(
      `SELECT step_id, branch AS key, count(*)::int AS n FROM marketing_flow_step_run
        WHERE deleted_at IS NULL AND branch IS NOT NULL AND flow_id = ?${version} GROUP BY 1, 2`,
      params
    ),
    pg.raw(
      `SELECT step_id, variant AS key, count(*)::int AS n FROM marketing_flow_step_run
        WHERE deleted_at IS NULL AND variant IS NOT NULL AND flow_id = ?${version} GROUP BY 1, 2`,
      params
    ),
    pg.raw(
      `SELECT current_step_id AS step_id, count(*)::int AS n FROM marketing_flow_enrollment
        WHERE deleted_at IS NULL AND status = 'active' AND current_step_id IS NOT NULL AND flow_id = ?${version} GROUP BY 1`,
      params
    ),
  ])
  const steps: Record<string, FlowStepStats> = {}
  const of = (id: string) =>
    (steps[id] ??= { entered: 0, waiting: 0, sent: 0, opened: 0, clicked: 0, branches: {}, variants: {} })
  for (const r of runs.rows) Object.assign(of(r.step_id), { entered: r.entered, sent: r.sent, opened: r.opened, clicked: r.clicked })
  for (const r of branches.rows) of(r.step_id).branches[r.key] = r.n
  for (const r of variants.rows) of(r.step_id).variants[r.key] = r.n
  for (const r of waiting.rows) of(r.step_id).waiting = r.n
  return steps
}
