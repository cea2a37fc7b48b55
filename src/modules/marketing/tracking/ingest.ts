import { newEntityId } from "../ids"
import type { EmailSettings } from "../email/settings"
import type { MarketingOptions } from "../options"
import { pgArray } from "../pg-array"
import type { SqlRunner } from "../sql-runner"
import { analyticsAllowed, isStrictlyNecessary } from "./consent"
import { AttachedEvent, attachPendingCartEvents, claimCart } from "./cart"
import { cartIdOf } from "./cart-owner"
import { channelMappings, withChannel } from "./channel"
import {
  ContactRow, Identity, identityKey, identityOf, isVisitorOnly, lockIdentities, noteHasAccount, resolveIdentity, resolveVisitors,
  stitchByEmail, takeOverByEmail,
} from "./identity"
import { applyEmailConsent, applyProfile, mergePatch, withoutBehaviour } from "./profile"
import { storeSessions, storeTimeZone } from "./session-store"
import { engagedMsOf, type SessionEvent } from "./sessions"
import type { ConsentStatus, ContactProfilePatch, IngestEventsInput, IngestEventsResult, PreparedEvent } from "./types"

/** An event this call stored, as live scoring reads it. */
export type StoredEvent = {
  id: string
  contact_id: string
  type: string
  properties: Record<string, unknown>
  occurred_at: string
}

export type StoreEventsConfig = {
  policy: MarketingOptions["consent"]
  email: EmailSettings
}


/** What ingesting `eventCount` events reports before any is stored. */
export function emptyIngestResult(eventCount: number): IngestEventsResult {
  return {
    event_ids: [],
    created_contact_ids: [],
    contact_ids: Array.from({ length: eventCount }, () => null),
    outcomes: Array.from({ length: eventCount }, () => "dropped"),
    recorded: 0,
    duplicates: 0,
    dropped: 0,
    pending: 0,
    stored: [],
    attached: [],
    merges: [],
    stage_changes: [],
    crossings: [],
    email_consent_changes: [],
  }
}
/**
 * Stores a batch of events in the caller's transaction: resolves (and
 * stitches) each event's contact, applies the consent policy, writes the
 * events idempotently and updates the contacts' profiles. Returns what it
 * did, the events it inserted and the contacts whose profile it touched
 * (both for live scoring, which the caller runs next).
 */
export async function storeEvents(
  em: SqlRunner,
  input: IngestEventsInput,
  { policy, email }: StoreEventsConfig
): Promise<{ result: IngestEventsResult; stored: StoredEvent[]; profileContactIds: string[] }> {
  const result = emptyIngestResult(input.events.length)

  // Resolve each identity once. A contact is created only when at least
  // one of its events may be stored; otherwise existing contacts are only
  // looked up (to record a withdrawal of consent, for example).
  const identities = new Map<string, { identity: Identity; mayCreate: boolean; seenAt: string }>()
  for (const event of input.events) {
    const identity = identityOf(event)
    const key = identityKey(identity)
    const mayCreate =
      isStrictlyNecessary(policy, event.type) ||
      event.analytics_consent === true ||
      (event.analytics_consent === undefined && !policy.requireOptIn)
    const entry = identities.get(key)
    if (entry) {
      entry.mayCreate ||= mayCreate
      entry.seenAt = minDate(entry.seenAt, event.occurred_at)
    } else {
      identities.set(key, { identity, mayCreate, seenAt: event.occurred_at })
    }
  }
  const cartIds = input.events.map(cartIdOf)
  await lockIdentities(
    em,
    [...identities.values()].map((entry) => entry.identity),
    cartIds.filter((id): id is string => !!id)
  )

  // Visitors who are nothing more (not logged in, no cart named) resolve together in one statement, unless the
  // batch also names them with more (a login midway): those resolve one by one, in the events' order.
  const namedWithMore = new Set([...identities.values()].filter((e) => !isVisitorOnly(e.identity)).map((e) => e.identity.anonymous_id))
  const bulk = (identity: Identity) => isVisitorOnly(identity) && !namedWithMore.has(identity.anonymous_id)
  const visitorOnly = [...identities.values()].filter((entry) => bulk(entry.identity))
  const byVisitor = visitorOnly.length
    ? await resolveVisitors(
        em,
        visitorOnly.map(({ identity, seenAt, mayCreate }) => ({ anonymous_id: identity.anonymous_id!, seenAt, mayCreate })),
        result
      )
    : new Map<string, ContactRow | null>()
  const contactByIdentity = new Map<string, ContactRow | null>()
  for (const [key, { identity, mayCreate, seenAt }] of identities) {
    const contact = bulk(identity)
      ? byVisitor.get(identity.anonymous_id!) ?? null
      : await resolveIdentity(em, identity, seenAt, mayCreate, result)
    contactByIdentity.set(key, contact && (await noteHasAccount(em, contact, identity)))
  }
  // Emails a customer's contact owns, claimed without that customer's token.
  const unverifiedEmails = new Set<number>()
  for (const [index, event] of input.events.entries()) {
    const key = identityKey(identityOf(event))
    let contact = contactByIdentity.get(key) ?? null
    if (contact && event.profile.email && !contact.customer_id) {
      const stitched = await stitchByEmail(em, contact, event.profile.email, result)
      if (stitched) {
        contact = stitched
        contactByIdentity.set(key, contact)
      } else {
        unverifiedEmails.add(index)
      }
    }
    if (contact && takesOverByEmail(event, contact)) {
      const email = event.profile.email ?? contact.email
      if (email) await takeOverByEmail(em, contact, email, result)
    }
    result.contact_ids[index] = contact?.id ?? null
  }

  // Carts: the contact of an event that names a cart owns it; contacts
  // holding that cart's events join it (or it joins a guest's), see cart.ts.
  const claims = new Map<string, string>()
  const rowsById = new Map<string, ContactRow>()
  for (const contact of contactByIdentity.values()) if (contact) rowsById.set(contact.id, contact)
  for (const [index, cartId] of cartIds.entries()) {
    const contactId = result.contact_ids[index]
    if (cartId && contactId && !claims.has(cartId)) claims.set(cartId, contactId)
  }
  for (const [cartId, contactId] of claims) {
    const claimant = rowsById.get(followMerges(result.merges, contactId))
    if (!claimant) continue
    const owner = await claimCart(em, cartId, claimant, result)
    rowsById.set(owner.id, owner)
  }
  if (result.merges.length) {
    result.contact_ids = result.contact_ids.map((id) => id && followMerges(result.merges, id))
    for (const [key, contact] of contactByIdentity) {
      if (contact) contactByIdentity.set(key, rowsById.get(followMerges(result.merges, contact.id)) ?? contact)
    }
  }

  // Apply the consent policy with what each contact said before or now.
  const storedConsent = new Map<string, ConsentStatus>()
  for (const contact of contactByIdentity.values()) {
    if (contact) {
      storedConsent.set(contact.id, contact.analytics_consent)
    }
  }
  const rows: StoredEvent[] = []
  const eventRows: Record<string, unknown>[] = []
  // The input index of each row in eventRows.
  const rowIndexes: number[] = []
  const patches = new Map<string, { patch: ContactProfilePatch; first: string; last: string }>()
  // Storefront events whose behaviour may be kept, by row id: grouped into sessions once stored.
  const sessionEvents = new Map<string, SessionEvent>()
  const mappings = input.events.some((e) => e.touch) ? await channelMappings(em) : []
  input.events.forEach((event, index) => {
    const contactId = result.contact_ids[index]
    if (!contactId) {
      if (cartIds[index] && event.analytics_consent !== false) {
        // About a cart no known visitor owns yet: kept until its owner is known.
        result.pending++
        rowIndexes.push(index)
        eventRows.push({
          id: newEntityId("mevt"),
          contact_id: null,
          cart_id: cartIds[index],
          type: event.type,
          properties: event.properties ?? {},
          occurred_at: event.occurred_at,
          received_at: event.received_at,
          session_id: null,
          source: event.source,
          idempotency_key: event.idempotency_key ?? null,
        })
      } else {
        result.dropped++
      }
      return
    }
    if (event.analytics_consent !== undefined) {
      storedConsent.set(contactId, event.analytics_consent ? "granted" : "denied")
    }
    const allowed = analyticsAllowed(policy, event.analytics_consent, storedConsent.get(contactId))
    const necessary = isStrictlyNecessary(policy, event.type)
    const touched = withChannel(event, mappings)
    let profile = allowed ? touched.profile : withoutBehaviour(touched.profile)
    if (unverifiedEmails.has(index)) profile = { ...profile, email: undefined }
    const entry = patches.get(contactId)
    if (entry) {
      entry.patch = mergePatch(entry.patch, profile)
      entry.first = minDate(entry.first, event.occurred_at)
      entry.last = maxDate(entry.last, event.occurred_at)
    } else {
      patches.set(contactId, { patch: { ...profile }, first: event.occurred_at, last: event.occurred_at })
    }
    if (!allowed && !necessary) {
      result.dropped++
      result.contact_ids[index] = null
      return
    }
    const row = {
      id: newEntityId("mevt"),
      contact_id: contactId,
      type: event.type,
      properties: event.properties ?? {},
      occurred_at: event.occurred_at,
    }
    rows.push(row)
    rowIndexes.push(index)
    if (allowed && event.source === "storefront") {
      sessionEvents.set(row.id, {
        contact_id: contactId,
        type: event.type,
        occurred_at: event.occurred_at,
        utm_campaign: touched.profile.utm_campaign ?? null,
        utm_source: touched.profile.utm_source ?? null,
        channel: touched.channel,
        page_url: touched.profile.landing_page ?? null,
        engaged_ms: engagedMsOf(event.type, event.properties ?? {}),
      })
    }
    eventRows.push({
      ...row,
      cart_id: cartIds[index],
      received_at: event.received_at,
      session_id: allowed ? event.session_id ?? null : null,
      channel: allowed ? touched.channel : null,
      source: event.source,
      idempotency_key: event.idempotency_key ?? null,
    })
  })

  if (eventRows.length) {
    const inserted: { id: string }[] = await em.execute(
      `INSERT INTO marketing_event
         (id, contact_id, cart_id, type, properties, occurred_at, received_at, session_id, channel, source, idempotency_key)
       SELECT r.id, r.contact_id, r.cart_id, r.type, r.properties, r.occurred_at, r.received_at, r.session_id, r.channel, r.source, r.idempotency_key
       FROM jsonb_to_recordset(?::jsonb) AS r(
         id text, contact_id text, cart_id text, type text, properties jsonb, occurred_at timestamptz,
         received_at timestamptz, session_id text, channel text, source text, idempotency_key text)
       ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL AND deleted_at IS NULL DO NOTHING
       RETURNING id`,
      [JSON.stringify(eventRows)]
    )
    result.event_ids = inserted.map((r) => r.id)
    result.recorded = inserted.length
    result.duplicates = eventRows.length - inserted.length
    const insertedIds = new Set(result.event_ids)
    eventRows.forEach((row, i) => {
      result.outcomes[rowIndexes[i]] = insertedIds.has(row.id as string) ? "recorded" : "duplicate"
    })
  }

  // The claimed carts' pending events (earlier ones, and any this batch left) move onto their owners.
  const attached: AttachedEvent[] = []
  for (const [cartId, claimantId] of claims) {
    const ownerId = followMerges(result.merges, claimantId)
    const rows = await attachPendingCartEvents(em, cartId, ownerId, {
      policy,
      status: storedConsent.get(ownerId) ?? rowsById.get(ownerId)?.analytics_consent,
    })
    if (!rows.length) continue
    attached.push(...rows)
    result.attached.push({ contact_id: ownerId, types: [...new Set(rows.map((r) => r.type))], count: rows.length })
  }

  const inserted = new Set(result.event_ids)
  // Sessions: one statement for the batch, over the events it stored (a duplicate counts once); the contacts'
  // session totals go into their profile update below.
  const sessionBatch = [...sessionEvents].filter(([id]) => inserted.has(id)).map(([, e]) => e)
  const sessions = sessionBatch.length
    ? await storeSessions(em, sessionBatch, await storeTimeZone(em), new Date().toISOString())
    : { started: [], totals: new Map() }

  // Rows are locked in id order everywhere, so concurrent writers never deadlock.
  for (const [contactId, { patch, first, last }] of [...patches].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const { email_marketing_consent: emailConsent, ...profile } = patch
    await applyProfile(em, contactId, profile, first, last, sessions.totals.get(contactId))
    if (emailConsent) await applyEmailConsent(em, contactId, emailConsent, email, result)
  }

  return {
    result,
    stored: [...rows.filter((row) => inserted.has(row.id)), ...attached, ...sessions.started],
    profileContactIds: [...patches.keys()],
  }
}

/**
 * When a customer's contact takes over others with its email: an account on
 * customer.created or a login's identify; a guest on Medusa's cart and order
 * events (the email typed at checkout).
 */
function takesOverByEmail(event: PreparedEvent, contact: ContactRow): boolean {
  if (!event.customer_id || contact.customer_id !== event.customer_id) return false
  if (contact.has_account === true) return event.type === "customer_created" || event.type === "identify"
  return contact.has_account === false && event.source === "medusa"
}

/** Where a contact lives on after this call's merges (a merge chain is followed to its end). */
function followMerges(merges: { source_id: string; target_id: string }[], id: string): string {
  let current = id
  for (let hops = 0; hops <= merges.length; hops++) {
    const next = merges.find((m) => m.source_id === current)
    if (!next) return current
    current = next.target_id
  }
  return current
}

/** Compensation for storeEvents: removes the rows one call wrote. */
export async function revertStoredEvents(
  em: SqlRunner,
  written: Pick<IngestEventsResult, "event_ids" | "created_contact_ids">
): Promise<void> {
  if (written.event_ids.length) {
    await em.execute(`DELETE FROM marketing_event WHERE id = ANY(?::text[])`, [pgArray(written.event_ids)])
  }
  if (written.created_contact_ids.length) {
    const ids = pgArray(written.created_contact_ids)
    await em.execute(`DELETE FROM marketing_visitor WHERE contact_id = ANY(?::text[])`, [ids])
    await em.execute(
      `DELETE FROM marketing_contact c WHERE c.id = ANY(?::text[])
         AND NOT EXISTS (SELECT 1 FROM marketing_event e WHERE e.contact_id = c.id)`,
      [ids]
    )
  }
}

/**
 * An `inactivity` event for each contact not seen for `days` days, once per
 * absence (keyed by the contact's last seen time). Returns the new events.
 * An absence whose event falls before the retention cut-off (the latest purge's)
 * got its event then: the purge deleted it, and recording it again would
 * score it twice.
 */
export async function storeInactivityEvents(em: SqlRunner, days: number, now: Date): Promise<StoredEvent[]> {
  const rows: StoredEvent[] = await em.execute(
    `INSERT INTO marketing_event (id, contact_id, type, properties, occurred_at, received_at, source, idempotency_key)
     SELECT 'mevt_' || replace(gen_random_uuid()::text, '-', ''), c.id, 'inactivity',
            jsonb_build_object('days', ?::int), ?::timestamptz, ?::timestamptz, 'medusa',
            'inactivity:' || c.id || ':' || extract(epoch FROM c.last_seen_at)::bigint
       FROM marketing_contact c
      WHERE c.deleted_at IS NULL AND c.last_seen_at < ?::timestamptz - make_interval(days => ?::int)
        AND c.last_seen_at + make_interval(days => ?::int)
            >= COALESCE((SELECT max(cutoff) FROM marketing_retention_run WHERE deleted_at IS NULL), '-infinity'::timestamptz)
     ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL AND deleted_at IS NULL DO NOTHING
     RETURNING id, contact_id, type, properties, occurred_at`,
    [days, now.toISOString(), now.toISOString(), now.toISOString(), days, days]
  )
  return rows
}

// ISO 8601 strings in UTC compare in time order.
const minDate = (a: string, b: string) => (a < b ? a : b)
const maxDate = (a: string, b: string) => (a > b ? a : b)
