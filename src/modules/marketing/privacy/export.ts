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
  // Rows of one table about the person's contacts, oldest first (`a` is the table's alias).
  const ofContacts = (select: string, a: string, order: string) =>
    em.execute(`${select} WHERE ${a}.contact_id = ANY(?::text[]) ORDER BY ${a}.${order}, ${a}.id`, [ids])
  const visitors = await ofContacts(`SELECT v.* FROM marketing_visitor v`, "v", "created_at")
  // Theirs, and the pending events of their carts (about the person, attached to no one yet).
  const events = await em.execute(
    `SELECT e.* FROM marketing_event e
      WHERE e.contact_id = ANY(?::text[]) OR (e.contact_id IS NULL AND e.cart_id = ANY(?::text[]))
      ORDER BY e.occurred_at, e.id`,
    [ids, pgArray(person.cart_ids)]
  )
  const scoreEntries = await ofContacts(
    `SELECT e.*, r.name AS rule_name FROM marketing_score_entry e LEFT JOIN marketing_scoring_rule r ON r.id = e.rule_id`,
    "e",
    "occurred_at"
  )
  const stageChanges = await ofContacts(`SELECT c.* FROM marketing_lifecycle_stage_change c`, "c", "changed_at")
  const memberships = await ofContacts(
    `SELECT m.*, s.name AS segment_name FROM marketing_segment_membership m LEFT JOIN marketing_segment s ON s.id = m.segment_id`,
    "m",
    "entered_at"
  )
  const messages: Record<string, any>[] = await em.execute(
    `SELECT * FROM marketing_message WHERE contact_id = ANY(?::text[]) OR lower(email) = ANY(?::text[])
      ORDER BY queued_at, id`,
    [ids, emails]
  )
  const consentRecords = await ofContacts(`SELECT r.* FROM marketing_consent_record r`, "r", "occurred_at")
  const flowEnrollments = await ofContacts(
    `SELECT e.*, f.name AS flow_name FROM marketing_flow_enrollment e LEFT JOIN marketing_flow f ON f.id = e.flow_id`,
    "e",
    "entered_at"
  )
  const flowStepRuns = await ofContacts(`SELECT r.* FROM marketing_flow_step_run r`, "r", "started_at")
  const attributions = await ofContacts(`SELECT a.* FROM marketing_attribution a`, "a", "ordered_at")
  const predictions = await ofContacts(`SELECT p.* FROM marketing_contact_prediction p`, "p", "currency_code")
  const propensities = await ofContacts(`SELECT p.* FROM marketing_contact_propensity p`, "p", "predicted_at")
  const sendTimes = await ofContacts(`SELECT s.* FROM marketing_contact_send_time s`, "s", "computed_at")
  // Rows of an import still staged (or rejected) with one of their addresses.
  const importRows = await em.execute(
    `SELECT * FROM marketing_contact_import_row WHERE email = ANY(?::text[]) ORDER BY created_at, id`,
    [emails]
  )
  const sessions = await ofContacts(`SELECT s.* FROM marketing_session s`, "s", "started_at")
  // Their form submissions, by contact or by one of their addresses, with the form's name.
  const formSubmissions = await em.execute(
    `SELECT s.*, f.name AS form_name FROM marketing_form_submission s LEFT JOIN marketing_form f ON f.id = s.form_id
      WHERE s.contact_id = ANY(?::text[]) OR s.email = ANY(?::text[])
      ORDER BY s.created_at, s.id`,
    [ids, emails]
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
    flow_enrollments: flowEnrollments,
    flow_step_runs: flowStepRuns,
    attributions,
    predictions,
    propensities,
    send_times: sendTimes,
    import_rows: importRows,
    sessions,
    form_submissions: formSubmissions,
  }
}
