import type { SqlRunner } from "../sql-runner"

/** At most this many contacts match one identifier (an id names one person; a shared cart or device a few). */
const MAX_MATCHES = 100

/**
 * The live contacts an identifier names exactly: a contact id, a visitor's
 * anonymous id, a Medusa customer id, or a cart id (the contact's current
 * cart, or a cart its events name). For the admin's contact search, beside
 * the email search; every branch reads an index.
 */
export async function findContactIdsByIdentifier(em: SqlRunner, identifier: string): Promise<string[]> {
  const rows: { id: string }[] = await em.execute(
    `SELECT c.id FROM marketing_contact c
      WHERE c.deleted_at IS NULL AND c.id IN (
        SELECT ?::text
        UNION SELECT v.contact_id FROM marketing_visitor v WHERE v.anonymous_id = ? AND v.deleted_at IS NULL
        UNION SELECT x.id FROM marketing_contact x WHERE x.customer_id = ? AND x.deleted_at IS NULL
        UNION SELECT x.id FROM marketing_contact x WHERE x.cart_id = ? AND x.deleted_at IS NULL
        UNION SELECT e.contact_id FROM marketing_event e
               WHERE e.cart_id = ? AND e.contact_id IS NOT NULL AND e.deleted_at IS NULL)
      ORDER BY c.id LIMIT ${MAX_MATCHES}`,
    [identifier, identifier, identifier, identifier, identifier]
  )
  return rows.map((r) => r.id)
}
