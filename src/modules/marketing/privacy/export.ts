import { ContactExport } from "./plan"
import { pgArray } from "../pg-array"
import { Person, SqlRunner } from "./person"

/**
 * Everything the plugin holds on a person (GDPR art. 15 and 20), every row
 * whole, soft-deleted ones included: what erasure would delete.
 * `hash` is the keyed suppression hash of an address.
 */
export async function exportPerson(
  em: SqlRunner,
  person: Person,
  hash: (email: string) => string,
  now: Date = new Date()
): Promise<ContactExport> {
  const ids = pgArray(person.contact_ids)
  const emails = pgArray(person.emails)
  const [contact, ...merged] = person.contacts
  const visitors = await em.execute(`SELECT * FROM marketing_visitor WHERE contact_id = ANY(?::text[]) ORDER BY created_at, id`, [ids])
  const events = await em.execute(
    `SELECT * FROM marketing_event WHERE contact_id = ANY(?::text[]) ORDER BY occurred_at, id`,
    [ids]
  )
  const scoreEntries = await em.execute(
    `SELECT e.*, r.name AS rule_name FROM marketing_score_entry e LEFT JOIN marketing_scoring_rule r ON r.id = e.rule_id
      WHERE e.contact_id = ANY(?::text[]) ORDER BY e.occurred_at, e.id`,
    [ids]
  )
  const stageChanges = await em.execute(
    `SELECT * FROM marketing_lifecycle_stage_change WHERE contact_id = ANY(?::text[]) ORDER BY changed_at, id`,
    [ids]
  )
  const memberships = await em.execute(
    `SELECT m.*, s.name AS segment_name FROM marketing_segment_membership m LEFT JOIN marketing_segment s ON s.id = m.segment_id
      WHERE m.contact_id = ANY(?::text[]) ORDER BY m.entered_at, m.id`,
    [ids]
  )
  const messages: Record<string, any>[] = await em.execute(
    `SELECT * FROM marketing_message WHERE contact_id = ANY(?::text[]) OR lower(email) = ANY(?::text[])
      ORDER BY queued_at, id`,
    [ids, emails]
  )
  const consentRecords = await em.execute(
    `SELECT * FROM marketing_consent_record WHERE contact_id = ANY(?::text[]) ORDER BY occurred_at, id`,
    [ids]
  )
  const suppressions = await em.execute(
    `SELECT * FROM marketing_suppression
      WHERE contact_id = ANY(?::text[]) OR email_hash = ANY(?::text[]) OR message_id = ANY(?::text[])
      ORDER BY created_at, id`,
    [ids, pgArray(person.emails.map(hash)), pgArray(messages.map((m) => m.id))]
  )
  return {
    exported_at: now.toISOString(),
    contact: contact ?? null,
    merged_contacts: merged,
    visitors,
    events,
    score_entries: scoreEntries,
    stage_changes: stageChanges,
    segment_memberships: memberships,
    messages,
    consent_records: consentRecords,
    suppressions,
  }
}
