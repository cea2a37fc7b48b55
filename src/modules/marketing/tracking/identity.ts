import { newEntityId } from "../ids"
import { liveContactIds } from "../email/queue"
import { pgArray } from "../pg-array"
import type { SqlRunner } from "../sql-runner"
import { mergeContact } from "./merge"
import type { ConsentStatus, IngestEventsResult, PreparedEvent } from "./types"

/**
 * Identity stitching: which contact an event belongs to, creating, merging
 * and attaching visitors as identities meet. Runs in the caller's transaction.
 */

export type Identity = {
  /** A known contact (email engagement): used as is, never created. */
  contact_id?: string | null
  customer_id?: string | null
  anonymous_id?: string | null
  cart_id?: string | null
  /** Whether `customer_id` has an account (undefined: not known from this event). */
  has_account?: boolean
}

export type ContactRow = {
  id: string
  customer_id: string | null
  email: string | null
  analytics_consent: ConsentStatus
  has_account: boolean | null
}

/** What stitching records for the caller: contacts it created, merges it made. */
export type StitchLog = Pick<IngestEventsResult, "created_contact_ids" | "merges">

const CONTACT_COLUMNS = "id, customer_id, email, analytics_consent, has_account"

export function identityOf(event: PreparedEvent): Identity {
  if (event.contact_id) return { contact_id: event.contact_id }
  return {
    customer_id: event.customer_id ?? null,
    anonymous_id: event.anonymous_id ?? null,
    cart_id: event.cart_id ?? null,
    has_account: event.customer_id ? event.customer_has_account : undefined,
  }
}

export function identityKey(identity: Identity): string {
  return `${identity.contact_id ?? ""}|${identity.customer_id ?? ""}|${identity.anonymous_id ?? ""}|${identity.cart_id ?? ""}`
}

/**
 * Serialises work on the same customer, email, cart or visitor across
 * requests and instances. Keys are locked in one global order so two
 * requests can never wait on each other. Carts have their own key space
 * (`3:`): the carts identities resolve through, and `cartIds`, the carts
 * the events name (claimed or left pending, tracking/cart.ts).
 */
export async function lockIdentities(em: SqlRunner, identities: Identity[], cartIds: string[] = []): Promise<void> {
  const keys = new Set<string>(cartIds.map((id) => `3:${id}`))
  for (const identity of identities) {
    if (identity.contact_id) keys.add(`0:${identity.contact_id}`)
    if (identity.customer_id) keys.add(`1:${identity.customer_id}`)
    if (identity.cart_id) keys.add(`3:${identity.cart_id}`)
    if (identity.anonymous_id) keys.add(`4:${identity.anonymous_id}`)
  }
  const ordered = [...keys].sort()
  if (!ordered.length) {
    return
  }
  await em.execute(
    `SELECT pg_advisory_xact_lock(hashtext('mma:' || k)) FROM unnest(?::text[]) WITH ORDINALITY AS t(k, n) ORDER BY n`,
    [pgArray(ordered)]
  )
}

/** Locks two contacts for a merge, in id order (as every writer does). */
export async function lockContactPair(em: SqlRunner, sourceId: string, targetId: string): Promise<void> {
  const [a, b] = [sourceId, targetId].sort()
  await em.execute(`SELECT pg_advisory_xact_lock(hashtext(?)), pg_advisory_xact_lock(hashtext(?))`, [
    `mma:contact:${a}`,
    `mma:contact:${b}`,
  ])
}

async function findContact(em: SqlRunner, sql: string, params: unknown[]): Promise<ContactRow | null> {
  const rows: ContactRow[] = await em.execute(sql, params)
  return rows[0] ?? null
}

/** The contact of an identity; created (and its visitor attached) only when `mayCreate`. */
export async function resolveIdentity(
  em: SqlRunner,
  identity: Identity,
  seenAt: string,
  mayCreate: boolean,
  log: StitchLog
): Promise<ContactRow | null> {
  const { customer_id, anonymous_id, cart_id } = identity
  if (identity.contact_id) {
    // Follow merges: the contact may have been stitched into another one since the email went out.
    const liveId = (await liveContactIds(em, [identity.contact_id])).get(identity.contact_id)
    if (!liveId) return null
    return await findContact(em, `SELECT ${CONTACT_COLUMNS} FROM marketing_contact WHERE id = ?`, [liveId])
  }
  let anonymous: ContactRow | null = null
  if (anonymous_id) {
    anonymous = await findContact(
      em,
      `SELECT c.id, c.customer_id, c.email, c.analytics_consent, c.has_account FROM marketing_visitor v
         JOIN marketing_contact c ON c.id = v.contact_id AND c.deleted_at IS NULL
        WHERE v.anonymous_id = ? AND v.deleted_at IS NULL`,
      [anonymous_id]
    )
  }
  if (!anonymous && cart_id) {
    anonymous = await findContact(
      em,
      `SELECT ${CONTACT_COLUMNS} FROM marketing_contact WHERE cart_id = ? AND deleted_at IS NULL
        ORDER BY last_seen_at DESC LIMIT 1`,
      [cart_id]
    )
    // The cart is no longer the contact's current one, but its events name it.
    anonymous ??= await findContact(
      em,
      `SELECT ${CONTACT_COLUMNS} FROM marketing_contact WHERE deleted_at IS NULL AND id = (
         SELECT e.contact_id FROM marketing_event e WHERE e.cart_id = ? AND e.contact_id IS NOT NULL AND e.deleted_at IS NULL
          ORDER BY e.occurred_at DESC LIMIT 1)`,
      [cart_id]
    )
  }

  if (!customer_id) {
    if (anonymous || !mayCreate || !anonymous_id) {
      return anonymous
    }
    const created = await insertContact(em, { seenAt }, log)
    await attachVisitor(em, anonymous_id, created.id)
    return created
  }

  const known = await findContact(
    em,
    `SELECT ${CONTACT_COLUMNS} FROM marketing_contact WHERE customer_id = ? AND deleted_at IS NULL`,
    [customer_id]
  )
  if (known) {
    if (anonymous && anonymous.id !== known.id) {
      if (!anonymous.customer_id) {
        await mergeContact(em, anonymous.id, known.id)
        log.merges.push({ source_id: anonymous.id, target_id: known.id })
      } else if (anonymous_id) {
        // A shared device: another person's contact keeps its past, the
        // visitor id follows whoever is logged in now.
        await attachVisitor(em, anonymous_id, known.id)
      }
    } else if (!anonymous && anonymous_id) {
      await attachVisitor(em, anonymous_id, known.id)
    }
    return known
  }
  if (anonymous && !anonymous.customer_id) {
    const has_account = identity.has_account ?? null
    await em.execute(`UPDATE marketing_contact SET customer_id = ?, has_account = ?, updated_at = now() WHERE id = ?`, [
      customer_id,
      has_account,
      anonymous.id,
    ])
    return { ...anonymous, customer_id, has_account }
  }
  if (!mayCreate) {
    return null
  }
  const created = await insertContact(em, { seenAt, customer_id, has_account: identity.has_account }, log)
  if (anonymous_id) {
    await attachVisitor(em, anonymous_id, created.id)
  }
  return created
}

/** An identity that is a storefront visitor and nothing more: no contact, customer or cart to consult. */
export function isVisitorOnly(identity: Identity): boolean {
  return !!identity.anonymous_id && !identity.contact_id && !identity.customer_id && !identity.cart_id
}

/**
 * resolveIdentity for many visitor-only identities at once, in one statement:
 * each visitor's live contact, and for those without one (when `mayCreate`) a
 * new contact with the visitor attached. The same outcome as resolveIdentity
 * one by one, in one round trip instead of up to three per visitor (the
 * tracking route's commonest case: shoppers not logged in, most of them new).
 * The caller holds the visitors' identity locks. Keyed by anonymous id.
 */
export async function resolveVisitors(
  em: SqlRunner,
  visitors: { anonymous_id: string; seenAt: string; mayCreate: boolean }[],
  log: StitchLog
): Promise<Map<string, ContactRow | null>> {
  const input = visitors.map((v) => ({
    anonymous_id: v.anonymous_id,
    seen_at: v.seenAt,
    may_create: v.mayCreate,
    contact_id: newEntityId("mcon"),
    visitor_id: newEntityId("mvis"),
  }))
  const rows: (ContactRow & { anonymous_id: string; created: boolean })[] = await em.execute(
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset(?::jsonb) AS r(anonymous_id text, seen_at timestamptz, may_create boolean, contact_id text, visitor_id text)
     ),
     found AS (
       SELECT v.anonymous_id, c.id, c.customer_id, c.email, c.analytics_consent, c.has_account
         FROM marketing_visitor v JOIN marketing_contact c ON c.id = v.contact_id AND c.deleted_at IS NULL
        WHERE v.anonymous_id IN (SELECT anonymous_id FROM input) AND v.deleted_at IS NULL
     ),
     missing AS (
       SELECT i.* FROM input i WHERE i.may_create AND NOT EXISTS (SELECT 1 FROM found f WHERE f.anonymous_id = i.anonymous_id)
     ),
     created AS (
       INSERT INTO marketing_contact (id, customer_id, has_account, first_seen_at, last_seen_at)
       SELECT contact_id, NULL, NULL, seen_at, seen_at FROM missing
       RETURNING id
     ),
     attached AS (
       INSERT INTO marketing_visitor (id, anonymous_id, contact_id)
       SELECT m.visitor_id, m.anonymous_id, m.contact_id FROM missing m JOIN created c ON c.id = m.contact_id
       ON CONFLICT (anonymous_id) WHERE deleted_at IS NULL
       DO UPDATE SET contact_id = EXCLUDED.contact_id, updated_at = now()
       RETURNING id
     )
     SELECT anonymous_id, id, customer_id, email, analytics_consent, has_account, false AS created FROM found
     UNION ALL
     SELECT m.anonymous_id, c.id, NULL, NULL, 'unknown', NULL, true FROM created c JOIN missing m ON m.contact_id = c.id
     -- (attached runs to completion unread, as every data-modifying WITH does.)`,
    [JSON.stringify(input)]
  )
  const byVisitor = new Map<string, ContactRow | null>(visitors.map((v) => [v.anonymous_id, null]))
  for (const { anonymous_id, created, ...contact } of rows) {
    byVisitor.set(anonymous_id, contact)
  }
  // In the input's order, as resolveIdentity one by one would have logged them.
  for (const v of input) {
    const contact = byVisitor.get(v.anonymous_id)
    if (contact && contact.id === v.contact_id) log.created_contact_ids.push(contact.id)
  }
  return byVisitor
}

/**
 * An anonymous contact that gives an email already on another anonymous
 * contact, or on a guest customer's contact (Medusa creates guests from an
 * email typed at checkout), becomes that contact. An email that belongs to
 * a customer who has (or may have) an account is not proof of identity
 * without the customer's token (anyone can type it): nothing is merged and
 * null is returned.
 */
export async function stitchByEmail(
  em: SqlRunner,
  contact: ContactRow,
  rawEmail: string,
  log: StitchLog
): Promise<ContactRow | null> {
  const email = rawEmail.trim().toLowerCase()
  if (contact.email === email) {
    return contact
  }
  await em.execute(`SELECT pg_advisory_xact_lock(hashtext(?))`, [`mma:2:${email}`])
  const owner = await findContact(
    em,
    `SELECT ${CONTACT_COLUMNS} FROM marketing_contact
      WHERE lower(email) = ? AND deleted_at IS NULL AND id <> ?
      ORDER BY (customer_id IS NOT NULL AND has_account IS DISTINCT FROM false) DESC,
               (customer_id IS NOT NULL) DESC, first_seen_at ASC LIMIT 1`,
    [email, contact.id]
  )
  if (!owner) {
    return contact
  }
  if (owner.customer_id && owner.has_account !== false) {
    return null
  }
  await mergeContact(em, contact.id, owner.id)
  log.merges.push({ source_id: contact.id, target_id: owner.id })
  return owner
}

/**
 * Contacts with the same email join a customer's contact, by trust: an
 * account takes over guest customers' contacts (a checkout Medusa made a
 * guest for, with the visitors stitched into it); a guest takes over
 * anonymous contacts that gave the email (as stitchByEmail does the other
 * way round). Nothing joins a customer that may have an account but is not
 * known to have one.
 */
export async function takeOverByEmail(em: SqlRunner, contact: ContactRow, rawEmail: string, log: StitchLog): Promise<void> {
  if (!contact.customer_id || contact.has_account === null) return
  const email = rawEmail.trim().toLowerCase()
  await em.execute(`SELECT pg_advisory_xact_lock(hashtext(?))`, [`mma:2:${email}`])
  const others: { id: string }[] = await em.execute(
    `SELECT id FROM marketing_contact
      WHERE lower(email) = ? AND deleted_at IS NULL AND id <> ?
        AND ${contact.has_account ? "customer_id IS NOT NULL AND has_account = false" : "customer_id IS NULL"}
      ORDER BY id`,
    [email, contact.id]
  )
  for (const other of others) {
    await mergeContact(em, other.id, contact.id)
    log.merges.push({ source_id: other.id, target_id: contact.id })
  }
}

/** Records what an event says about the contact's customer having an account. */
export async function noteHasAccount(em: SqlRunner, contact: ContactRow, identity: Identity): Promise<ContactRow> {
  if (identity.has_account === undefined || !identity.customer_id || contact.customer_id !== identity.customer_id) return contact
  if (contact.has_account === identity.has_account) return contact
  await em.execute(`UPDATE marketing_contact SET has_account = ?, updated_at = now() WHERE id = ?`, [identity.has_account, contact.id])
  return { ...contact, has_account: identity.has_account }
}

async function insertContact(
  em: SqlRunner,
  input: { seenAt: string; customer_id?: string | null; has_account?: boolean },
  log: StitchLog
): Promise<ContactRow> {
  const id = newEntityId("mcon")
  const at = input.seenAt
  const hasAccount = input.customer_id ? input.has_account ?? null : null
  await em.execute(
    `INSERT INTO marketing_contact (id, customer_id, has_account, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?)`,
    [id, input.customer_id ?? null, hasAccount, at, at]
  )
  log.created_contact_ids.push(id)
  return { id, customer_id: input.customer_id ?? null, email: null, analytics_consent: "unknown", has_account: hasAccount }
}

async function attachVisitor(em: SqlRunner, anonymousId: string, contactId: string): Promise<void> {
  await em.execute(
    `INSERT INTO marketing_visitor (id, anonymous_id, contact_id) VALUES (?, ?, ?)
     ON CONFLICT (anonymous_id) WHERE deleted_at IS NULL
     DO UPDATE SET contact_id = EXCLUDED.contact_id, updated_at = now()`,
    [newEntityId("mvis"), anonymousId, contactId]
  )
}
