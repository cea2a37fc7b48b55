import type { SqlRunner } from "../sql-runner"
import { bulkIdPrefix, setBulkSession } from "./bulk"
import { stageTargetSql } from "./compile"
import { pausePoint } from "./pause-points"
import { RfmBoundaries, rfmGroupSql } from "./rfm"
import type { ContactState, ScoringSettingsRow } from "./store"

// RFM in SQL: quintile cut points over all customers, and every customer's bands.

/**
 * Quintile cut points over every customer (contacts with orders), with the
 * contacts being scored counted at their new values.
 */
export async function computeRfmBoundaries(em: SqlRunner, pending: ContactState[] = []): Promise<RfmBoundaries | null> {
  const overrides = pending
    .filter((c) => c.orders_changed)
    .map((c) => ({ id: c.id, order_count: c.order_count, total_spent: Number(c.total_spent), last_order_at: c.last_order_at }))
  const [row] = await em.execute(
    `WITH o AS (SELECT * FROM jsonb_to_recordset(?::jsonb) AS o(id text, order_count int, total_spent float8, last_order_at timestamptz)),
     customers AS (
       SELECT COALESCE(o.order_count, c.order_count) AS order_count,
              COALESCE(o.total_spent, c.total_spent) AS total_spent,
              COALESCE(o.last_order_at, c.last_order_at) AS last_order_at
         FROM marketing_contact c LEFT JOIN o ON o.id = c.id
        WHERE c.deleted_at IS NULL
     )
     SELECT count(*)::int AS customers,
            percentile_disc(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY extract(epoch FROM last_order_at)::float8) AS recency,
            percentile_disc(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY order_count::float8) AS frequency,
            percentile_disc(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY total_spent::float8) AS monetary
       FROM customers WHERE order_count > 0`,
    [JSON.stringify(overrides)]
  )
  const asNumbers = (xs: unknown) => (Array.isArray(xs) ? xs.map(Number) : [])
  if (!row || Number(row.customers) < MIN_RFM_CUSTOMERS) return null
  return { recency: asNumbers(row.recency), frequency: asNumbers(row.frequency), monetary: asNumbers(row.monetary) }
}

/** Quintiles need at least five customers; below that, nobody gets an RFM group. */
export const MIN_RFM_CUSTOMERS = 5

/**
 * Full RFM: new quintile cut points over all customers, then every
 * customer's bands, group and loyalty score, set-based. Ledger entries record
 * each change of RFM points.
 *
 * With `updateStages: false` (the full recompute), the new bands are left in
 * the transaction's temporary table `mma_rfm` instead of being written to the
 * contacts: `recomputeAll`, which must follow in the same transaction, writes
 * them together with the scores and stages, so each contact is rewritten once.
 */
export async function recomputeRfm(
  em: SqlRunner,
  settings: ScoringSettingsRow,
  now: Date,
  { updateStages = true }: { updateStages?: boolean } = {}
): Promise<{ customers: number; boundaries: RfmBoundaries | null }> {
  await pausePoint("RFM")
  await setBulkSession(em)
  await em.execute(`DROP TABLE IF EXISTS pg_temp.mma_rfm`)
  const boundaries = await computeRfmBoundaries(em)
  if (!boundaries) {
    await em.execute(
      `UPDATE marketing_contact SET rfm_recency = NULL, rfm_frequency = NULL, rfm_monetary = NULL, rfm_group = NULL,
              loyalty_score = loyalty_points WHERE rfm_recency IS NOT NULL`
    )
    await em.execute(
      `UPDATE marketing_scoring_settings SET rfm_boundaries = NULL, rfm_computed_at = ?::timestamptz WHERE id = ?`,
      [now.toISOString(), settings.id]
    )
    if (updateStages) await recomputeStages(em, settings, now, "RFM recomputed")
    return { customers: 0, boundaries: null }
  }
  // A band is 1 + the number of cut points below the value, as `band` counts.
  const bandSql = (value: string, cuts: number[]) =>
    `(1${cuts.map(() => ` + COALESCE(?::float8 < ${value}, false)::int`).join("")})`
  await em.execute(
    `CREATE TEMP TABLE mma_rfm ON COMMIT DROP AS
     SELECT id, r, f, m, ${rfmGroupSql("r", "f", "m")} AS grp, round(((r + f + m - 3) / 12.0) * 100)::int AS points, old_points
       FROM (
         SELECT c.id, ${bandSql("extract(epoch FROM c.last_order_at)::float8", boundaries.recency)} AS r,
                ${bandSql("c.order_count::float8", boundaries.frequency)} AS f,
                ${bandSql("c.total_spent::float8", boundaries.monetary)} AS m,
                CASE WHEN c.rfm_recency IS NULL THEN 0 ELSE round(((c.rfm_recency + c.rfm_frequency + c.rfm_monetary - 3) / 12.0) * 100)::int END AS old_points
           FROM marketing_contact c WHERE c.deleted_at IS NULL AND c.order_count > 0) b`,
    [...boundaries.recency, ...boundaries.frequency, ...boundaries.monetary]
  )
  await em.execute(`ALTER TABLE mma_rfm ADD PRIMARY KEY (id)`)
  await em.execute(`ANALYZE mma_rfm`)
  await em.execute(
    `INSERT INTO marketing_score_entry (id, contact_id, score, component, delta, reason, occurred_at)
     SELECT ? || lpad((row_number() OVER ())::text, 12, '0'), id, 'loyalty', 'rfm', points - old_points,
            'RFM ' || r || '-' || f || '-' || m || ' (' || grp || ')', ?::timestamptz
       FROM mma_rfm WHERE points <> old_points`,
    [bulkIdPrefix(now, "rfm"), now.toISOString()]
  )
  const [{ n: customers }] = await em.execute(`SELECT count(*)::int AS n FROM mma_rfm`)
  if (updateStages) {
    await em.execute(
      `UPDATE marketing_contact c SET rfm_recency = x.r, rfm_frequency = x.f, rfm_monetary = x.m, rfm_group = x.grp,
              loyalty_score = x.points + c.loyalty_points, updated_at = now()
         FROM mma_rfm x WHERE c.id = x.id`
    )
  }
  await em.execute(
    `UPDATE marketing_scoring_settings SET rfm_boundaries = ?::jsonb, rfm_computed_at = ?::timestamptz, updated_at = now() WHERE id = ?`,
    [JSON.stringify(boundaries), now.toISOString(), settings.id]
  )
  if (updateStages) {
    await recomputeStages(em, settings, now, "RFM recomputed")
    await em.execute(`DROP TABLE mma_rfm`)
  }
  return { customers, boundaries }
}

/** Every contact's stage from its scores, in SQL that mirrors `stageFor`. */
async function recomputeStages(em: SqlRunner, t: ScoringSettingsRow, now: Date, reason = "Scores recomputed"): Promise<number> {
  const { sql: target, params } = stageTargetSql(t, "c")
  const changed = await em.execute(
    `WITH n AS (SELECT c.id, c.lifecycle_stage AS before, ${target} AS after FROM marketing_contact c WHERE c.deleted_at IS NULL),
     u AS (
       UPDATE marketing_contact c SET lifecycle_stage = n.after, lifecycle_stage_at = ?::timestamptz
         FROM n WHERE c.id = n.id AND n.after IS DISTINCT FROM n.before
       RETURNING c.id, n.before, n.after
     )
     , ins AS (
       INSERT INTO marketing_lifecycle_stage_change (id, contact_id, from_stage, to_stage, reason, changed_at)
       SELECT 'mstage_' || replace(gen_random_uuid()::text, '-', ''), id, before, after, ?, ?::timestamptz FROM u
       RETURNING 1)
     SELECT count(*)::int AS n FROM ins`,
    [...params, now.toISOString(), reason, now.toISOString()]
  )
  return changed[0].n
}
