import { suppressionHash } from "../email/headers"
import { lockScoringShared } from "../scoring/engine"
import type { SqlRunner } from "../sql-runner"
import { ErasureResult, erasePerson } from "./erase"
import { exportPerson } from "./export"
import { loadPerson, lockPerson, lockSegmentsShared } from "./person"
import type { ContactExport } from "./plan"

/**
 * Everything the plugin holds on the person this contact belongs to (any of
 * their contact ids, merged ones included); null for an unknown id.
 */
export async function exportContact(em: SqlRunner, contactId: string, secret: string): Promise<ContactExport | null> {
  const person = await loadPerson(em, contactId)
  if (!person) return null
  return exportPerson(em, person, (email) => suppressionHash(email, secret))
}

/**
 * Erases the person this contact belongs to, in the caller's transaction:
 * hard deletes of every row about them, a suppression hash per address kept.
 * Holds the locks ingestion, merges and segment evaluation take for the
 * person, so nothing recreates a row mid-erasure. Null for an unknown id.
 */
export async function eraseContact(
  em: SqlRunner,
  contactId: string,
  secret: string,
  source: string
): Promise<ErasureResult | null> {
  // A running score recompute rewrites every contact's ledger: wait for it, as the nightly jobs do.
  await lockScoringShared(em)
  const person = await lockPerson(em, contactId)
  if (!person) return null
  await lockSegmentsShared(em)
  return erasePerson(em, person, (email) => suppressionHash(email, secret), source)
}
