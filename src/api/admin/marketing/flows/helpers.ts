import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { FLOW_FIELDS } from "./query-config"

const DAY = 86_400_000

/**
 * Flows with `active_enrollment_count` (contacts in the flow now) and
 * `entered_last_30_days`, counted in one query over marketing_flow_enrollment.
 */
export async function withEnrollmentCounts<T extends { id: string }>(scope: MedusaContainer, flows: T[], now = new Date()) {
  if (!flows.length) return []
  const pg = scope.resolve(ContainerRegistrationKeys.PG_CONNECTION) as { raw(sql: string, params: unknown[]): Promise<{ rows: any[] }> }
  const ids = flows.map((f) => f.id)
  const { rows } = await pg.raw(
    `SELECT flow_id,
            count(*) FILTER (WHERE status = 'active')::int AS active,
            count(*) FILTER (WHERE entered_at >= ?)::int AS entered
       FROM marketing_flow_enrollment
      WHERE deleted_at IS NULL AND flow_id IN (${ids.map(() => "?").join(", ")})
      GROUP BY flow_id`,
    [new Date(now.getTime() - 30 * DAY).toISOString(), ...ids]
  )
  const counts = new Map(rows.map((r: { flow_id: string; active: number; entered: number }) => [r.flow_id, r]))
  return flows.map((f) => ({
    ...f,
    active_enrollment_count: counts.get(f.id)?.active ?? 0,
    entered_last_30_days: counts.get(f.id)?.entered ?? 0,
  }))
}

/** One flow as the routes answer it (after a write too), with its counts; a 404 when unknown. */
export async function refetchFlow(scope: MedusaContainer, id: string) {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "flow", fields: FLOW_FIELDS, filters: { id } }, { throwIfKeyNotFound: true })
  const [flow] = await withEnrollmentCounts(scope, [data[0]])
  return flow
}
