import { newEntityId } from "../ids"
import { pgArray } from "../pg-array"
import type { SqlRunner } from "../sql-runner"
import type { VariantCounts } from "./stats"
import type { FormViewAction } from "./types"
import type { FormVisitor } from "./visibility"

/** YYYY-MM-DD of a moment, in UTC. */
export const utcDay = (at: Date) => at.toISOString().slice(0, 10)

export type FormCount = { form_id: string; variant: string; action: FormViewAction | "submitted"; at: Date | string; /** 1 by default; -1 takes a count back (compensation). */ delta?: number }

const COLUMN: Record<FormCount["action"], string> = { viewed: "views", closed: "closes", submitted: "submissions" }

/** Adds one to a form variant's counter of the day (one upsert; concurrent ones add up), never below 0. */
export async function countFormActivity(em: SqlRunner, input: FormCount): Promise<void> {
  const column = COLUMN[input.action]
  const delta = input.delta ?? 1
  await em.execute(
    `INSERT INTO marketing_form_stat (id, form_id, variant, day, ${column}, created_at, updated_at)
     VALUES (?, ?, ?, ?, GREATEST(?::int, 0), now(), now())
     ON CONFLICT (form_id, variant, day) DO UPDATE
       SET ${column} = GREATEST(marketing_form_stat.${column} + ?::int, 0), updated_at = now()`,
    [newEntityId("mfst"), input.form_id, input.variant, utcDay(new Date(input.at)), delta, delta]
  )
}

/** Each form's counters per variant over the `days` UTC days up to `now` (today included). */
export async function formVariantCounts(
  em: SqlRunner,
  formIds: string[],
  now: Date,
  days: number
): Promise<Map<string, VariantCounts[]>> {
  const out = new Map<string, VariantCounts[]>()
  if (!formIds.length) return out
  const from = utcDay(new Date(now.getTime() - (days - 1) * 86_400_000))
  const rows: { form_id: string; variant: string; views: string; closes: string; submissions: string }[] = await em.execute(
    `SELECT form_id, variant, SUM(views) AS views, SUM(closes) AS closes, SUM(submissions) AS submissions
       FROM marketing_form_stat
      WHERE form_id = ANY(?::text[]) AND day >= ? AND day <= ? AND deleted_at IS NULL
      GROUP BY form_id, variant
      ORDER BY form_id, variant`,
    [pgArray(formIds), from, utcDay(now)]
  )
  for (const r of rows) {
    const list = out.get(r.form_id) ?? []
    list.push({ id: r.variant, views: Number(r.views), closes: Number(r.closes), submissions: Number(r.submissions) })
    out.set(r.form_id, list)
  }
  return out
}

/** The live contact behind an anonymous id, its consent, country and segments (nothing known: all empty). */
export async function loadFormVisitor(em: SqlRunner, anonymousId: string): Promise<FormVisitor> {
  const [contact]: { id: string; email_marketing_consent: string | null; country_code: string | null }[] = await em.execute(
    `SELECT c.id, c.email_marketing_consent, c.country_code
       FROM marketing_visitor v JOIN marketing_contact c ON c.id = v.contact_id
      WHERE v.anonymous_id = ? AND v.deleted_at IS NULL AND c.deleted_at IS NULL
      LIMIT 1`,
    [anonymousId]
  )
  if (!contact) return { contact_id: null, email_marketing_consent: null, country_code: null, segment_ids: [] }
  const memberships: { segment_id: string }[] = await em.execute(
    `SELECT segment_id FROM marketing_segment_membership WHERE contact_id = ? AND exited_at IS NULL AND deleted_at IS NULL`,
    [contact.id]
  )
  return {
    contact_id: contact.id,
    email_marketing_consent: contact.email_marketing_consent,
    country_code: contact.country_code,
    segment_ids: memberships.map((m) => m.segment_id),
  }
}

/** A contact's fields a submission changes besides its profile, as they were (for compensation). */
export type ContactFormFields = { contact_id: string; metadata: Record<string, unknown> | null; email_topics_opted_out: string[] | null }

/**
 * What a submission sets on its contact beyond the identify: custom fields
 * into `metadata`, and the topics not ticked added to its opt-outs (ticked
 * ones taken out). Returns the previous values.
 */
export async function applyFormToContact(
  em: SqlRunner,
  input: { contact_id: string; metadata: Record<string, string>; opted_out: string[]; opted_in: string[] }
): Promise<ContactFormFields | null> {
  const [before]: ContactFormFields[] = await em.execute(
    `SELECT id AS contact_id, metadata, email_topics_opted_out FROM marketing_contact WHERE id = ? AND deleted_at IS NULL FOR UPDATE`,
    [input.contact_id]
  )
  if (!before) return null
  const hasMetadata = Object.keys(input.metadata).length > 0
  const changesTopics = input.opted_out.length > 0 || input.opted_in.length > 0
  if (!hasMetadata && !changesTopics) return before
  const current = Array.isArray(before.email_topics_opted_out) ? before.email_topics_opted_out : []
  const topics = [...new Set([...current.filter((t) => !input.opted_in.includes(t)), ...input.opted_out])]
  await em.execute(
    `UPDATE marketing_contact
        SET metadata = CASE WHEN ?::boolean THEN COALESCE(metadata, '{}'::jsonb) || ?::jsonb ELSE metadata END,
            email_topics_opted_out = CASE WHEN ?::boolean THEN ?::jsonb ELSE email_topics_opted_out END,
            updated_at = now()
      WHERE id = ?`,
    [hasMetadata, JSON.stringify(input.metadata), changesTopics, JSON.stringify(topics), input.contact_id]
  )
  return before
}

/** Puts back what `applyFormToContact` changed. */
export async function restoreContactFormFields(em: SqlRunner, before: ContactFormFields): Promise<void> {
  await em.execute(
    `UPDATE marketing_contact SET metadata = ?::jsonb, email_topics_opted_out = ?::jsonb, updated_at = now() WHERE id = ?`,
    [before.metadata == null ? null : JSON.stringify(before.metadata), before.email_topics_opted_out == null ? null : JSON.stringify(before.email_topics_opted_out), before.contact_id]
  )
}

/** A contact's email consent now (null when gone). */
export async function contactEmailConsent(em: SqlRunner, contactId: string): Promise<string | null> {
  const [row]: { email_marketing_consent: string }[] = await em.execute(
    `SELECT email_marketing_consent FROM marketing_contact WHERE id = ? AND deleted_at IS NULL`,
    [contactId]
  )
  return row?.email_marketing_consent ?? null
}
