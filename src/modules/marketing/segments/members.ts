import { pgArray } from "../pg-array"
import type { SqlRunner } from "../sql-runner"
import { ELIGIBLE, compileSegment } from "./sql"
import { TrendPoint, membershipTrend } from "./trend"
import { membershipChangesByDay } from "./engine"

/** What segment member lists and previews show of a contact. */
const MEMBER_COLUMNS =
  "c.id, c.email, c.first_name, c.last_name, c.customer_id, c.acquisition_score, c.loyalty_score, c.lifecycle_stage, c.country_code, c.last_seen_at"

const OPEN = "m.exited_at IS NULL AND m.deleted_at IS NULL"

/** Count and a sample of 20 for an unsaved, valid definition. */
export async function previewSegment(
  em: SqlRunner,
  definition: unknown,
  now: Date
): Promise<{ count: number; contacts: Record<string, unknown>[] }> {
  const cond = compileSegment(definition, { mode: "set", now })
  const [{ n }] = await em.execute(`SELECT count(*)::int AS n FROM marketing_contact c WHERE ${ELIGIBLE} AND ${cond.sql}`, cond.params)
  const contacts = await em.execute(
    `SELECT ${MEMBER_COLUMNS} FROM marketing_contact c WHERE ${ELIGIBLE} AND ${cond.sql}
      ORDER BY c.last_seen_at DESC, c.id LIMIT 20`,
    cond.params
  )
  return { count: n, contacts }
}

/** Current members, most recent first. */
export async function listSegmentMembers(
  em: SqlRunner,
  segmentId: string,
  { limit, offset }: { limit: number; offset: number }
): Promise<{ contacts: Record<string, unknown>[]; count: number }> {
  const [{ n }] = await em.execute(
    `SELECT count(*)::int AS n FROM marketing_segment_membership m WHERE m.segment_id = ? AND ${OPEN}`,
    [segmentId]
  )
  const contacts = await em.execute(
    `SELECT ${MEMBER_COLUMNS}, m.entered_at FROM marketing_segment_membership m
       JOIN marketing_contact c ON c.id = m.contact_id
      WHERE m.segment_id = ? AND ${OPEN}
      ORDER BY m.entered_at DESC, m.contact_id LIMIT ? OFFSET ?`,
    [segmentId, limit, offset]
  )
  return { contacts, count: n }
}

/** Medusa customer ids of current members (all, or among the given contacts). */
export async function segmentMemberCustomerIds(em: SqlRunner, segmentId: string, contactIds: string[] | null): Promise<string[]> {
  const rows: { customer_id: string }[] = await em.execute(
    `SELECT DISTINCT c.customer_id FROM marketing_segment_membership m JOIN marketing_contact c ON c.id = m.contact_id
      WHERE m.segment_id = ? AND ${OPEN} AND c.customer_id IS NOT NULL
        ${contactIds ? "AND m.contact_id = ANY(?::text[])" : ""}`,
    contactIds ? [segmentId, pgArray(contactIds)] : [segmentId]
  )
  return rows.map((r) => r.customer_id)
}

/** Member counts at the end of each of the last 30 days, per segment. */
export async function segmentTrends(
  em: SqlRunner,
  segments: { id: string; member_count: number }[],
  now: Date
): Promise<Record<string, TrendPoint[]>> {
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - 29 * 86400000)
  const rows = await membershipChangesByDay(em, segments.map((s) => s.id), since)
  const out: Record<string, TrendPoint[]> = {}
  for (const s of segments) {
    out[s.id] = membershipTrend(s.member_count, rows.filter((r) => r.segment_id === s.id), now)
  }
  return out
}

/** The most common contact countries (lowercase ISO-2), for the built-in segments. */
export async function contactCountries(em: SqlRunner, limit: number): Promise<string[]> {
  const rows: { country_code: string }[] = await em.execute(
    `SELECT country_code FROM marketing_contact WHERE country_code IS NOT NULL AND deleted_at IS NULL
      GROUP BY country_code ORDER BY count(*) DESC LIMIT ?`,
    [limit]
  )
  return rows.map((r) => r.country_code.toLowerCase())
}

/**
 * The most common industries of live contacts, for the built-in segments:
 * values that differ only in case or surrounding spaces count as one, shown
 * as most of their contacts spell it. Values too long for a built-in key are left out.
 */
export async function contactIndustries(em: SqlRunner, limit: number, maxLength: number): Promise<string[]> {
  const rows: { industry: string }[] = await em.execute(
    `SELECT (array_agg(industry ORDER BY n DESC, industry))[1] AS industry
       FROM (SELECT btrim(industry) AS industry, count(*) AS n FROM marketing_contact
              WHERE industry IS NOT NULL AND btrim(industry) <> '' AND char_length(btrim(industry)) <= ? AND deleted_at IS NULL
              GROUP BY btrim(industry)) spelled
      GROUP BY lower(industry) ORDER BY sum(n) DESC, lower(industry) LIMIT ?`,
    [maxLength, limit]
  )
  return rows.map((r) => r.industry)
}

/** Removes deleted segments' memberships for good (their history goes with them). */
export async function purgeSegmentMemberships(em: SqlRunner, segmentIds: string[]): Promise<void> {
  await em.execute(`DELETE FROM marketing_segment_membership WHERE segment_id = ANY(?::text[])`, [pgArray(segmentIds)])
}
