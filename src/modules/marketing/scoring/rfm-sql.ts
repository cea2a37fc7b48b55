import type { SqlRunner } from "../sql-runner"
import { bulkIdPrefix, setBulkSession } from "./bulk"
import { stageTargetSql } from "./compile"
import { pausePoint } from "./pause-points"
import { FLOORED_RECENCY_BAND, MIN_REPEAT_CUSTOMERS, MIN_RFM_CUSTOMERS, RfmBoundaries, effectiveRecencyFloorDays, rfmGroupSql } from "./rfm"
import type { ContactState, ScoringSettingsRow } from "./store"

// RFM in SQL: quintile cut points over all customers, the store's order gap, and every customer's bands.

export { MIN_RFM_CUSTOMERS }

/**
 * The store's median gap in days between a customer's consecutive orders
 * (canceled orders left out), or null while fewer than MIN_REPEAT_CUSTOMERS
 * customers have ordered twice.
 */
export async function computeOrderGapDays(em: SqlRunner): Promise<number | null> {
  const [row] = await em.execute(
    `WITH o AS (
       SELECT e.contact_id, e.occurred_at,
              lag(e.occurred_at) OVER (PARTITION BY e.contact_id ORDER BY e.occurred_at, e.id) AS prev
         FROM marketing_event e JOIN marketing_contact c ON c.id = e.contact_id AND c.deleted_at IS NULL
        WHERE e.type = 'order_placed' AND e.deleted_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM marketing_event x WHERE x.type = 'order_canceled' AND x.deleted_at IS NULL
                            AND x.contact_id = e.contact_id AND x.properties->>'order_id' = e.properties->>'order_id'))
     SELECT count(DISTINCT contact_id) FILTER (WHERE prev IS NOT NULL)::int AS repeat_customers,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM occurred_at - prev)::float8 / 86400)
              FILTER (WHERE prev IS NOT NULL) AS gap_days
       FROM o`
  )
  if (!row || Number(row.repeat_customers) < MIN_REPEAT_CUSTOMERS || row.gap_days == null) return null
  return Math.round(Number(row.gap_days) * 1000) / 1000
}

/** Orders take this lock in turn while no cut points are stored, so that one of them stores them. */
export const RFM_CUT_POINTS_LOCK = "mma:rfm-cut-points"

export const isOrderEvent = (e: { type: string }) => e.type === "order_placed" || e.type === "order_canceled"

/**
 * The stored cut points; while there are none, first waits for any other
 * transaction that may be storing them (and reads again after it). Take it
 * before locking any contact row: the transaction that stores the cut points
 * locks every customer.
 */
export async function lockUntilCutPointsStored(em: SqlRunner): Promise<RfmBoundaries | null> {
  const read = async (): Promise<RfmBoundaries | null> =>
    (await em.execute(`SELECT rfm_boundaries FROM marketing_scoring_settings WHERE deleted_at IS NULL ORDER BY created_at LIMIT 1`))[0]
      ?.rfm_boundaries ?? null
  const stored = await read()
  if (stored) return stored
  await em.execute(`SELECT pg_advisory_xact_lock(hashtext(?))`, [RFM_CUT_POINTS_LOCK])
  return read()
}

/** Saves cut points (or none) with the time they were computed. */
export async function storeRfmBoundaries(em: SqlRunner, settingsId: string, boundaries: RfmBoundaries | null, now: Date): Promise<void> {
  await em.execute(
    `UPDATE marketing_scoring_settings SET rfm_boundaries = ?::jsonb, rfm_computed_at = ?::timestamptz, updated_at = now() WHERE id = ?`,
    [boundaries ? JSON.stringify(boundaries) : null, now.toISOString(), settingsId]
  )
}

/**
 * Quintile cut points over every customer (contacts with orders), with the
 * contacts being scored counted at their new values, and the store's order
 * gap; null below MIN_RFM_CUSTOMERS customers.
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
  return {
    recency: asNumbers(row.recency),
    frequency: asNumbers(row.frequency),
    monetary: asNumbers(row.monetary),
    order_gap_days: await computeOrderGapDays(em),
  }
}

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
    await storeRfmBoundaries(em, settings.id, null, now)
    if (updateStages) await recomputeStages(em, settings, now, "RFM recomputed")
    return { customers: 0, boundaries: null }
  }
  // A band is 1 + the number of cut points below the value, as `band` counts;
  // recency is at least FLOORED_RECENCY_BAND within the floor, as `recencyBand` does.
  const bandSql = (value: string, cuts: number[]) =>
    `(1${cuts.map(() => ` + COALESCE(?::float8 < ${value}, false)::int`).join("")})`
  const floorDays = effectiveRecencyFloorDays(settings.recency_floor_days, boundaries.order_gap_days)
  const lastOrder = "extract(epoch FROM c.last_order_at)::float8"
  const recencySql = `greatest(
      CASE WHEN extract(epoch FROM ?::timestamptz)::float8 * 1000 - ${lastOrder} * 1000 < ?::float8 * 86400000 THEN ${FLOORED_RECENCY_BAND} ELSE 1 END,
      ${bandSql(lastOrder, boundaries.recency)})`
  await em.execute(
    `CREATE TEMP TABLE mma_rfm ON COMMIT DROP AS
     SELECT id, r, f, m, ${rfmGroupSql("r", "f", "m")} AS grp, round(((r + f + m - 3) / 12.0) * 100)::int AS points, old_points
       FROM (
         SELECT c.id, ${recencySql} AS r,
                ${bandSql("c.order_count::float8", boundaries.frequency)} AS f,
                ${bandSql("c.total_spent::float8", boundaries.monetary)} AS m,
                CASE WHEN c.rfm_recency IS NULL THEN 0 ELSE round(((c.rfm_recency + c.rfm_frequency + c.rfm_monetary - 3) / 12.0) * 100)::int END AS old_points
           FROM marketing_contact c WHERE c.deleted_at IS NULL AND c.order_count > 0) b`,
    [now.toISOString(), floorDays, ...boundaries.recency, ...boundaries.frequency, ...boundaries.monetary]
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
  await storeRfmBoundaries(em, settings.id, boundaries, now)
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
