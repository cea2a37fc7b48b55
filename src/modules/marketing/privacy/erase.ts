import { newEntityId } from "../ids"
import { ERASURE_ORDER, ErasedTable, ErasureCounts, emptyCounts } from "./plan"
import { pgArray } from "../pg-array"
import { Person, SqlRunner } from "./person"

export type ErasureResult = {
  /** The person's contact (the one the others were merged into). */
  contact_id: string
  /** Every contact id erased: that one and those merged into it. */
  contact_ids: string[]
  /** Rows hard-deleted per table. */
  deleted: ErasureCounts
  /** Suppressions added for the person's addresses (an address already suppressed keeps its reason). */
  suppressions_added: number
  /** Existing suppressions whose contact, message and detail were cleared. */
  suppressions_unlinked: number
  /** Segments the person was a member of when erased. */
  segment_ids: string[]
  /** Of those, the ones mirrored into a Medusa customer group. */
  mirrored_segment_ids: string[]
}

const count = async (em: SqlRunner, statement: string, params: unknown[]): Promise<number> => {
  const [{ n }] = await em.execute(`WITH d AS (${statement} RETURNING 1) SELECT count(*)::int AS n FROM d`, params)
  return n
}

/**
 * Erases a person (GDPR art. 17): hard-deletes every row about them in every
 * plugin table, and keeps only a keyed hash of each of their addresses as a
 * suppression, so the address is not mailed again if it comes back. The
 * caller holds the person's locks (lockPerson) and a transaction.
 */
export async function erasePerson(
  em: SqlRunner,
  person: Person,
  hash: (email: string) => string,
  source: string
): Promise<ErasureResult> {
  const ids = pgArray(person.contact_ids)
  const emails = pgArray(person.emails)
  const hashes = pgArray(person.emails.map(hash))
  const messages: { id: string }[] = await em.execute(
    `SELECT id FROM marketing_message WHERE contact_id = ANY(?::text[]) OR lower(email) = ANY(?::text[])`,
    [ids, emails]
  )
  const messageIds = pgArray(messages.map((m) => m.id))
  const personEvents = `SELECT id FROM marketing_event WHERE contact_id = ANY(?::text[])`
  const deleted = emptyCounts()
  const memberships: { segment_id: string; open: boolean; mirrored: boolean | null }[] = []

  const statements: Record<ErasedTable, () => Promise<number>> = {
    marketing_scoring_backlog: () =>
      count(em, `DELETE FROM marketing_scoring_backlog WHERE contact_id = ANY(?::text[]) OR event_id IN (${personEvents})`, [ids, ids]),
    // By contact alone, through its index: entries move with their events when
    // contacts merge (same transaction), and every contact of the person goes.
    // Adding "or of one of their events" read the whole ledger (5 s at 10M).
    marketing_score_entry: () => count(em, `DELETE FROM marketing_score_entry WHERE contact_id = ANY(?::text[])`, [ids]),
    marketing_contact_prediction: () =>
      count(em, `DELETE FROM marketing_contact_prediction WHERE contact_id = ANY(?::text[])`, [ids]),
    marketing_contact_propensity: () =>
      count(em, `DELETE FROM marketing_contact_propensity WHERE contact_id = ANY(?::text[])`, [ids]),
    marketing_contact_send_time: () =>
      count(em, `DELETE FROM marketing_contact_send_time WHERE contact_id = ANY(?::text[])`, [ids]),
    marketing_session: () => count(em, `DELETE FROM marketing_session WHERE contact_id = ANY(?::text[])`, [ids]),
    marketing_lifecycle_stage_change: () =>
      count(em, `DELETE FROM marketing_lifecycle_stage_change WHERE contact_id = ANY(?::text[])`, [ids]),
    marketing_segment_membership: async () => {
      // Open stays leave their segment's member count, as an exit would.
      const rows: { segment_id: string; open: boolean; mirrored: boolean | null }[] = await em.execute(
        `WITH d AS (
           DELETE FROM marketing_segment_membership WHERE contact_id = ANY(?::text[])
           RETURNING segment_id, (exited_at IS NULL AND deleted_at IS NULL) AS open
         ), counted AS (
           UPDATE marketing_segment s SET member_count = GREATEST(0, s.member_count - x.n), updated_at = now()
             FROM (SELECT segment_id, count(*)::int AS n FROM d WHERE open GROUP BY segment_id) x
            WHERE s.id = x.segment_id
           RETURNING s.id
         )
         SELECT d.segment_id, d.open, s.mirror_to_customer_group AS mirrored
           FROM d LEFT JOIN marketing_segment s ON s.id = d.segment_id`,
        [ids]
      )
      memberships.push(...rows)
      return rows.length
    },
    marketing_flow_step_run: () => count(em, `DELETE FROM marketing_flow_step_run WHERE contact_id = ANY(?::text[])`, [ids]),
    marketing_flow_enrollment: () => count(em, `DELETE FROM marketing_flow_enrollment WHERE contact_id = ANY(?::text[])`, [ids]),
    marketing_attribution: () => count(em, `DELETE FROM marketing_attribution WHERE contact_id = ANY(?::text[])`, [ids]),
    marketing_consent_record: () =>
      count(em, `DELETE FROM marketing_consent_record WHERE contact_id = ANY(?::text[]) OR message_id = ANY(?::text[])`, [ids, messageIds]),
    marketing_form_submission: () =>
      count(em, `DELETE FROM marketing_form_submission WHERE contact_id = ANY(?::text[]) OR email = ANY(?::text[])`, [ids, emails]),
    marketing_contact_import_row: () =>
      count(em, `DELETE FROM marketing_contact_import_row WHERE email = ANY(?::text[])`, [emails]),
    marketing_message: () =>
      count(
        em,
        `DELETE FROM marketing_message WHERE id = ANY(?::text[]) OR contact_id = ANY(?::text[]) OR lower(email) = ANY(?::text[])`,
        [messageIds, ids, emails]
      ),
    marketing_event: () =>
      count(
        em,
        `DELETE FROM marketing_event WHERE contact_id = ANY(?::text[]) OR (contact_id IS NULL AND cart_id = ANY(?::text[]))`,
        [ids, pgArray(person.cart_ids)]
      ),
    marketing_visitor: () => count(em, `DELETE FROM marketing_visitor WHERE contact_id = ANY(?::text[])`, [ids]),
    marketing_contact: () => count(em, `DELETE FROM marketing_contact WHERE id = ANY(?::text[])`, [ids]),
  }

  let unlinked = 0
  for (const table of ERASURE_ORDER) {
    if (table === "marketing_message") {
      // Before the messages go: suppressions keep their hash and reason, lose everything pointing at the person.
      unlinked = await count(
        em,
        `UPDATE marketing_suppression SET contact_id = NULL, message_id = NULL, detail = NULL, updated_at = now()
          WHERE contact_id = ANY(?::text[]) OR message_id = ANY(?::text[]) OR email_hash = ANY(?::text[])`,
        [ids, messageIds, hashes]
      )
    }
    deleted[table] = await statements[table]()
  }

  let added = 0
  if (person.emails.length) {
    const rows = person.emails.map((email) => ({ id: newEntityId("msup"), email_hash: hash(email) }))
    added = await count(
      em,
      `INSERT INTO marketing_suppression (id, email_hash, reason, source)
       SELECT r.id, r.email_hash, 'erased', ? FROM jsonb_to_recordset(?::jsonb) AS r(id text, email_hash text)
       ON CONFLICT (email_hash) WHERE deleted_at IS NULL DO NOTHING`,
      [source, JSON.stringify(rows)]
    )
  }

  const open = memberships.filter((m) => m.open)
  return {
    contact_id: person.root_id,
    contact_ids: person.contact_ids,
    deleted,
    suppressions_added: added,
    suppressions_unlinked: unlinked,
    segment_ids: [...new Set(open.map((m) => m.segment_id))].sort(),
    mirrored_segment_ids: [...new Set(open.filter((m) => m.mirrored).map((m) => m.segment_id))].sort(),
  }
}
