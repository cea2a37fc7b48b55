import { randomUUID } from "crypto"
import type { SqlRunner } from "../sql-runner"

// Helpers of the statements that rewrite scores in bulk (the recompute, full RFM).

/**
 * Settings for the rest of a transaction that rewrites scores in bulk: sorts
 * (caps), hashes and index builds stay in memory as far as they can, and no
 * JIT: compiling the long CASE expressions of RFM groups, stages and rule
 * conditions took longer than running them (15 s of JIT for a 3 s scan).
 */
export async function setBulkSession(em: SqlRunner): Promise<void> {
  await em.execute(`SET LOCAL work_mem = '256MB'`)
  await em.execute(`SET LOCAL maintenance_work_mem = '512MB'`)
  await em.execute(`SET LOCAL jit = off`)
}

/** A table's indexes other than those of its constraints, with their definitions. */
export async function secondaryIndexes(em: SqlRunner, table: string): Promise<{ name: string; def: string }[]> {
  return em.execute(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i
      WHERE i.indrelid = ?::regclass
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
    [table]
  )
}

/**
 * Ids for bulk-inserted ledger rows, in insertion order, so the primary key
 * index is appended to, not scattered. The random part keeps two runs at the
 * same `now` apart (RFM entries outlive a recompute).
 */
export function bulkIdPrefix(now: Date, part: string): string {
  return `mscore_r${now.getTime().toString(36)}${randomUUID().slice(0, 6)}${part}_`
}
