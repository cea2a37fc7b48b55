import { pgArray } from "../pg-array"
import type { SqlRunner } from "../sql-runner"
import { cartMerge } from "./cart-owner"
import { ConsentPolicy, analyticsAllowed } from "./consent"
import type { ContactRow, StitchLog } from "./identity"
import { mergeContact } from "./merge"
import type { ConsentStatus } from "./types"

/**
 * Cart stitching. Every event about a Medusa cart keeps the cart's id
 * (`marketing_event.cart_id`). An event about a cart no known visitor owns
 * yet (a guest's `cart_created`, say) is kept without a contact: a "pending
 * cart event". As soon as the cart's owner is known (a storefront event that
 * names the cart, a cart event carrying a customer, the order placed from
 * it), the pending events move onto the owner's contact and are scored there,
 * and a contact that already holds events of that cart merges with the owner.
 * The caller holds the cart's lock (`mma:3:<cart id>`, see lockIdentities).
 */

/**
 * `contact` showed it owns `cartId`: contacts holding events of the cart (or
 * having it as their current cart) merge with it as `cartMerge` says.
 * Returns the contact that owns the cart afterwards (the claimant, or the
 * guest it was merged into).
 */
export async function claimCart(em: SqlRunner, cartId: string, contact: ContactRow, log: StitchLog): Promise<ContactRow> {
  const holders: ContactRow[] = await em.execute(
    `SELECT c.id, c.customer_id, c.email, c.analytics_consent, c.has_account FROM marketing_contact c
      WHERE c.deleted_at IS NULL AND c.id <> ? AND c.id IN (
        SELECT e.contact_id FROM marketing_event e WHERE e.cart_id = ? AND e.contact_id IS NOT NULL AND e.deleted_at IS NULL
        UNION SELECT x.id FROM marketing_contact x WHERE x.cart_id = ? AND x.deleted_at IS NULL)
      ORDER BY c.id`,
    [contact.id, cartId, cartId]
  )
  let owner = contact
  for (const holder of holders) {
    const merge = cartMerge(owner, holder)
    if (!merge) continue
    await mergeContact(em, merge.source_id, merge.target_id)
    log.merges.push(merge)
    if (merge.target_id === holder.id) owner = holder
  }
  return owner
}

/** A pending event once attached, as live scoring reads it. */
export type AttachedEvent = {
  id: string
  contact_id: string
  type: string
  properties: Record<string, unknown>
  occurred_at: string
}

/**
 * Moves the cart's pending events onto its owner. Under the owner's consent:
 * when analytics are not allowed for them, pending events that are not
 * strictly necessary are deleted instead (they were never anyone's yet).
 */
export async function attachPendingCartEvents(
  em: SqlRunner,
  cartId: string,
  contactId: string,
  consent: { policy: ConsentPolicy; status: ConsentStatus | undefined }
): Promise<AttachedEvent[]> {
  if (!analyticsAllowed(consent.policy, undefined, consent.status)) {
    await em.execute(
      `DELETE FROM marketing_event WHERE cart_id = ? AND contact_id IS NULL AND deleted_at IS NULL AND NOT (type = ANY(?::text[]))`,
      [cartId, pgArray(consent.policy.strictlyNecessaryEvents)]
    )
  }
  const rows: AttachedEvent[] = await em.execute(
    `UPDATE marketing_event SET contact_id = ?, updated_at = now()
      WHERE cart_id = ? AND contact_id IS NULL AND deleted_at IS NULL
      RETURNING id, contact_id, type, properties, occurred_at`,
    [contactId, cartId]
  )
  return rows.map((r) => ({ ...r, occurred_at: new Date(r.occurred_at).toISOString() }))
}

/** Deletes pending cart events received more than `days` days before `now`. Returns how many. */
export async function purgePendingCartEvents(em: SqlRunner, days: number, now: Date): Promise<number> {
  const [{ n }] = await em.execute(
    `WITH d AS (
       DELETE FROM marketing_event WHERE contact_id IS NULL AND deleted_at IS NULL
          AND received_at < ?::timestamptz - make_interval(days => ?::int)
       RETURNING 1)
     SELECT count(*)::int AS n FROM d`,
    [now.toISOString(), days]
  )
  return n
}
