import type { SqlRunner } from "../../sql-runner"
import { secondaryIndexes } from "../bulk"
import { decayFactorSql } from "../decay"
import type { ScoringSettingsRow } from "../store"
import type { RecomputeProgress } from "./index"

/**
 * From this many contacts to rewrite, and this share of all contacts, a
 * recompute rebuilds the contact indexes instead of updating them row by row:
 * the rebuild costs the same whatever the number of rows written (about 10 s
 * for the 14 indexes of 1M contacts), the updates cost per row. At 1M
 * contacts, 160k contacts written with their indexes took 24 s against 38 s
 * dropping and rebuilding them; 300k took 29 s against 23 s.
 */
export const BULK_CONTACT_WRITES = 50_000
export const BULK_CONTACT_SHARE = 0.2

/**
 * Phase "contacts": one write per changed contact (scores, fit, RFM bands,
 * stage) from `mma_new`, with its stage changes recorded. A
 * contact whose engagement only decayed since it was scored, and whose
 * rounded scores did not move, is left as it is: its stored values are
 * exact as of its `scored_at`, as after the nightly decay.
 */
export async function writeContacts(
  em: SqlRunner,
  settings: ScoringSettingsRow,
  now: Date,
  progress: RecomputeProgress,
  stats: Record<string, number>,
  scoped = false
): Promise<void> {
  const nowIso = now.toISOString()
  const rfmMoved = `(c.rfm_recency, c.rfm_frequency, c.rfm_monetary, c.rfm_group) IS DISTINCT FROM (n.rfm_recency, n.rfm_frequency, n.rfm_monetary, n.rfm_group)`
  const changedSql = `(${rfmMoved}
      OR (c.fit_score, c.loyalty_points, c.acquisition_score, c.loyalty_score, COALESCE(c.fit_rule_ids, '[]'::jsonb), c.lifecycle_stage)
         IS DISTINCT FROM (n.fit, n.loyalty_points, n.acquisition_score, n.loyalty_score, n.fit_rule_ids, n.stage_after)
      OR abs(c.engagement_score * ${decayFactorSql("COALESCE(c.scored_at, ?::timestamptz)")} - n.engagement) > 1e-4 * greatest(1, abs(n.engagement)))`
  const changedParams = [nowIso, nowIso, settings.half_life_days]
  // A scoped apply's `mma_new` holds only the contacts whose entries changed,
  // nearly all of which change: its size is estimate enough, without a join.
  const [{ n: toWrite, contacts }] = await em.execute(
    scoped
      ? `SELECT count(*)::int AS n, (SELECT reltuples FROM pg_class WHERE oid = 'marketing_contact'::regclass)::float8 AS contacts FROM mma_new`
      : `SELECT count(*)::int AS n, (SELECT reltuples FROM pg_class WHERE oid = 'marketing_contact'::regclass)::float8 AS contacts
           FROM mma_new n JOIN marketing_contact c ON c.id = n.id WHERE ${changedSql}`,
    scoped ? [] : changedParams
  )
  // Rewriting many rows costs an entry in every index of the table per row,
  // at random places; past BULK_CONTACT_WRITES rows (and BULK_CONTACT_SHARE of the table) it is cheaper to drop the
  // secondary indexes and build them again afterwards. That needs the table
  // alone (readers of contacts wait until the commit, a few seconds per 100k
  // contacts); otherwise writers are kept out (they would wait on the rows
  // anyway): take the table first, so a writer that already holds a row
  // finishes before, and none can interleave. This also waits for every
  // ingestion that parked events during the recompute (each updated its
  // contact first): the backlog pass after the commit sees all of them.
  const bulk = toWrite >= Math.max(BULK_CONTACT_WRITES, BULK_CONTACT_SHARE * Number(contacts))
  await em.execute(`LOCK TABLE marketing_contact IN ${bulk ? "ACCESS EXCLUSIVE" : "SHARE ROW EXCLUSIVE"} MODE`)
  const contactIndexes: { name: string; def: string }[] = bulk ? await secondaryIndexes(em, "marketing_contact") : []
  for (const { name } of contactIndexes) await em.execute(`DROP INDEX ${name}`)
  const changed: { n: number; stages: number }[] = await em.execute(
    `WITH u AS (
       UPDATE marketing_contact c SET
         engagement_score = n.engagement, fit_score = n.fit, fit_rule_ids = n.fit_rule_ids,
         acquisition_score = n.acquisition_score, loyalty_points = n.loyalty_points, loyalty_score = n.loyalty_score,
         rfm_recency = n.rfm_recency, rfm_frequency = n.rfm_frequency, rfm_monetary = n.rfm_monetary, rfm_group = n.rfm_group,
         updated_at = CASE WHEN ${rfmMoved} THEN now() ELSE c.updated_at END,
         lifecycle_stage = n.stage_after,
         lifecycle_stage_at = CASE WHEN n.stage_after IS DISTINCT FROM c.lifecycle_stage THEN ?::timestamptz ELSE c.lifecycle_stage_at END,
         scored_at = ?::timestamptz
         FROM mma_new n
        WHERE c.id = n.id AND ${changedSql}
       RETURNING c.id, n.stage_before, n.stage_after),
     ins AS (
       INSERT INTO marketing_lifecycle_stage_change (id, contact_id, from_stage, to_stage, reason, changed_at)
       SELECT 'mstage_' || replace(gen_random_uuid()::text, '-', ''), id, stage_before, stage_after, ?, ?::timestamptz
         FROM u WHERE stage_after IS DISTINCT FROM stage_before
       RETURNING 1)
     SELECT (SELECT count(*) FROM u)::int AS n, (SELECT count(*) FROM ins)::int AS stages`,
    [nowIso, nowIso, ...changedParams, "Scores recomputed", nowIso]
  )
  if (contactIndexes.length) await progress(0.95, "Indexing contacts")
  for (const { def } of contactIndexes) await em.execute(def)
  stats.contacts_changed = changed[0].n
  stats.stage_changes = changed[0].stages
}
