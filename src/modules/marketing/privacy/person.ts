import { pgArray } from "../pg-array"
import { PersonKeys, distinctEmails, newKeys, personLockKeys } from "./plan"

/** Raw SQL with `?` placeholders, in the caller's transaction. */
export type { SqlRunner } from "../sql-runner"
import type { SqlRunner } from "../sql-runner"

/**
 * One person as the plugin knows them: the live contact and every contact
 * merged into it (recursively), with the identities those carry.
 */
export type Person = PersonKeys & {
  /** The contact the others were merged into. */
  root_id: string
  contacts: Record<string, any>[]
}

/**
 * Finds the person a contact id belongs to: up the `merged_into_id` chain to
 * the contact that was not merged into another, then down to every contact
 * merged into it. Null when no contact has this id.
 */
export async function loadPerson(em: SqlRunner, contactId: string): Promise<Person | null> {
  // UNION (not UNION ALL) stops at a row already seen, so even a cycle ends.
  const [root]: { id: string }[] = await em.execute(
    `WITH RECURSIVE up(id, merged_into_id, depth) AS (
       SELECT id, merged_into_id, 0 FROM marketing_contact WHERE id = ?
       UNION
       SELECT c.id, c.merged_into_id, up.depth + 1 FROM marketing_contact c JOIN up ON c.id = up.merged_into_id
        WHERE up.depth < 100
     )
     SELECT id FROM up ORDER BY (merged_into_id IS NULL) DESC, depth DESC LIMIT 1`,
    [contactId]
  )
  if (!root) return null
  const contacts: Record<string, any>[] = await em.execute(
    `WITH RECURSIVE person(id) AS (
       SELECT id FROM marketing_contact WHERE id = ?
       UNION
       -- A merged contact is soft-deleted: the condition lets the walk use its index.
       SELECT c.id FROM marketing_contact c JOIN person p ON c.merged_into_id = p.id WHERE c.deleted_at IS NOT NULL
     )
     SELECT c.* FROM marketing_contact c JOIN person p ON p.id = c.id
      ORDER BY (c.id = ?) DESC, c.created_at, c.id`,
    [root.id, root.id]
  )
  const contactIds = contacts.map((c) => c.id as string)
  const ids = pgArray(contactIds)
  const visitors: { anonymous_id: string }[] = await em.execute(
    `SELECT anonymous_id FROM marketing_visitor WHERE contact_id = ANY(?::text[])`,
    [ids]
  )
  const eventCarts: { cart_id: string }[] = await em.execute(
    `SELECT DISTINCT cart_id FROM marketing_event WHERE contact_id = ANY(?::text[]) AND cart_id IS NOT NULL`,
    [ids]
  )
  const messageEmails: { email: string }[] = await em.execute(
    `SELECT DISTINCT email FROM marketing_message WHERE contact_id = ANY(?::text[])`,
    [ids]
  )
  const present = <T>(values: (T | null | undefined)[]) => [...new Set(values.filter((v): v is T => v != null && v !== ""))].sort()
  return {
    root_id: root.id,
    contacts,
    contact_ids: contactIds,
    customer_ids: present(contacts.map((c) => c.customer_id as string | null)),
    cart_ids: present([...contacts.map((c) => c.cart_id as string | null), ...eventCarts.map((e) => e.cart_id)]),
    anonymous_ids: present(visitors.map((v) => v.anonymous_id)),
    emails: distinctEmails([...contacts.map((c) => c.email as string | null), ...messageEmails.map((m) => m.email)]),
  }
}

async function lockAll(em: SqlRunner, keys: string[], orderInSql = false): Promise<void> {
  if (!keys.length) return
  await em.execute(
    orderInSql
      ? `SELECT pg_advisory_xact_lock(hashtext(k)) FROM (SELECT k FROM unnest(?::text[]) k ORDER BY k) s`
      : `SELECT pg_advisory_xact_lock(hashtext(k)) FROM unnest(?::text[]) WITH ORDINALITY AS t(k, n) ORDER BY n`,
    [pgArray(keys)]
  )
}

/**
 * Takes the locks ingestion, merges and segment evaluation take for this
 * person, so none of them can write a row for the person while it is being
 * erased, then reads the person again. Someone who gained an identity (a new
 * visitor, a merge) while erasure waited has those locked too, until nothing
 * new turns up.
 */
export async function lockPerson(em: SqlRunner, contactId: string): Promise<Person | null> {
  const held = new Set<string>()
  let person = await loadPerson(em, contactId)
  for (let round = 0; person && round < 5; round++) {
    const keys = personLockKeys(person)
    const groups = [
      newKeys(held, keys.identities),
      newKeys(held, keys.emails),
      newKeys(held, keys.contacts),
      newKeys(held, keys.segment_contacts),
    ]
    if (!groups.some((g) => g.length)) return person
    await lockAll(em, groups[0])
    await lockAll(em, groups[1])
    await lockAll(em, groups[2])
    await lockAll(em, groups[3], true)
    for (const g of groups) for (const k of g) held.add(k)
    person = await loadPerson(em, person.root_id)
  }
  return person
}

/**
 * Shared locks on every segment, as the per-contact evaluation takes them: a
 * full build (which holds its segment alone) cannot then add the person back
 * to a segment from a snapshot taken before the erasure committed.
 */
export async function lockSegmentsShared(em: SqlRunner): Promise<void> {
  const segments: { id: string }[] = await em.execute(`SELECT id FROM marketing_segment`)
  if (!segments.length) return
  await em.execute(
    `SELECT pg_advisory_xact_lock_shared(hashtext(k)) FROM (SELECT k FROM unnest(?::text[]) k ORDER BY k) s`,
    [pgArray(segments.map((s) => `mma:segment:${s.id}`))]
  )
}
