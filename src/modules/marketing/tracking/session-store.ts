import type { SqlRunner } from "../sql-runner"
import type { StoredEvent } from "./ingest"
import { SESSION_GAP_MS, SESSION_STARTED_EVENT_TYPE, SessionEvent, splitSessions } from "./sessions"

/** How long an instance reuses the store's time zone before reading it again (as channel mappings). */
const TIME_ZONE_TTL_MS = 30_000
let cachedZone: { at: number; zone: string } | null = null
/** Engaged times are integer columns: a total stops at their largest value (24 days) rather than fail ingest. */
export const MAX_INT = 2_147_483_647

/** The store's time zone (the scoring settings'), read at most every 30 s per instance so ingest adds no query per batch. */
export async function storeTimeZone(em: SqlRunner, nowMs = Date.now()): Promise<string> {
  if (cachedZone && nowMs - cachedZone.at < TIME_ZONE_TTL_MS) return cachedZone.zone
  const [row] = await em.execute(
    `SELECT time_zone FROM marketing_scoring_settings WHERE deleted_at IS NULL ORDER BY created_at LIMIT 1`
  )
  cachedZone = { at: nowMs, zone: typeof row?.time_zone === "string" && row.time_zone ? row.time_zone : "UTC" }
  return cachedZone.zone
}

/** A settings change clears this instance's copy; other instances pick it up within the TTL. */
export function forgetStoreTimeZone(): void {
  cachedZone = null
}

/** What a batch's sessions add to one contact's totals; ingest writes them with the contact's profile. */
export type SessionTotals = { opened: number; engaged_ms: number; last_started_at: string | null }

/**
 * Groups a stored batch's storefront events into sessions, in one statement:
 * each contact's first part continues its latest session when
 * `continuesSession` holds (the same rule, in SQL), every other part is a new
 * session with a `session_started` event. The caller holds the contacts'
 * identity locks (ingest), so one visitor's concurrent requests run this one
 * after the other. Returns the `session_started` events (for live scoring
 * and segments) and what each contact's totals gain, which the caller writes
 * in the contact's one profile update of the batch.
 */
export async function storeSessions(
  em: SqlRunner,
  events: SessionEvent[],
  timeZone: string,
  receivedAt: string
): Promise<{ started: StoredEvent[]; totals: Map<string, SessionTotals> }> {
  const totals = new Map<string, SessionTotals>()
  if (!events.length) return { started: [], totals }
  const parts = splitSessions(events, timeZone)
  const rows: StoredEvent[] = await em.execute(
    `WITH part AS (
       SELECT * FROM jsonb_to_recordset(?::jsonb) AS r(
         contact_id text, seq int, started_at timestamptz, ended_at timestamptz, pages int, engaged_ms bigint,
         landing_page text, utm_source text, utm_campaign text, channel text)
     ),
     latest AS (
       SELECT DISTINCT ON (s.contact_id) s.id, s.contact_id, s.ended_at, s.utm_campaign
         FROM marketing_session s
        WHERE s.contact_id IN (SELECT contact_id FROM part WHERE seq = 0) AND s.deleted_at IS NULL
        ORDER BY s.contact_id, s.ended_at DESC, s.id DESC
     ),
     continued AS (
       SELECT p.contact_id, l.id AS session_id
         FROM part p JOIN latest l ON l.contact_id = p.contact_id
        WHERE p.seq = 0
          AND p.started_at <= l.ended_at + ?::int * interval '1 millisecond'
          AND (p.utm_campaign IS NULL OR p.utm_campaign = l.utm_campaign)
          AND (p.started_at AT TIME ZONE ?::text)::date = (l.ended_at AT TIME ZONE ?::text)::date
     ),
     grown AS (
       UPDATE marketing_session s SET
         started_at = LEAST(s.started_at, p.started_at), ended_at = GREATEST(s.ended_at, p.ended_at),
         pages = s.pages + p.pages, engaged_ms = LEAST(s.engaged_ms::bigint + p.engaged_ms, ${MAX_INT}), updated_at = now()
         FROM continued c JOIN part p ON p.contact_id = c.contact_id AND p.seq = 0
        WHERE s.id = c.session_id
       RETURNING s.id
     ),
     fresh AS (
       SELECT 'mses_' || replace(gen_random_uuid()::text, '-', '') AS id, p.*
         FROM part p
        WHERE NOT (p.seq = 0 AND EXISTS (SELECT 1 FROM continued c WHERE c.contact_id = p.contact_id))
     ),
     opened AS (
       INSERT INTO marketing_session
         (id, contact_id, started_at, ended_at, pages, engaged_ms, landing_page, utm_source, utm_campaign, channel)
       SELECT id, contact_id, started_at, ended_at, pages, LEAST(engaged_ms, ${MAX_INT}), landing_page, utm_source, utm_campaign, channel FROM fresh
       RETURNING id
     )
     INSERT INTO marketing_event (id, contact_id, type, properties, occurred_at, received_at, channel, source, idempotency_key)
     SELECT 'mevt_' || replace(gen_random_uuid()::text, '-', ''), f.contact_id, '${SESSION_STARTED_EVENT_TYPE}',
            jsonb_strip_nulls(jsonb_build_object('session_id', f.id, 'landing_page', f.landing_page,
              'utm_source', f.utm_source, 'utm_campaign', f.utm_campaign, 'channel', f.channel)),
            f.started_at, ?::timestamptz, NULL, 'storefront', 'session:' || f.id
       FROM fresh f
     -- (grown and opened run to completion unread, as every data-modifying WITH does.)
     RETURNING id, contact_id, type, properties, occurred_at`,
    [JSON.stringify(parts), SESSION_GAP_MS, timeZone, timeZone, receivedAt]
  )
  const started = rows.map((r) => ({ ...r, occurred_at: new Date(r.occurred_at).toISOString() }))
  for (const part of parts) {
    const t = totals.get(part.contact_id) ?? { opened: 0, engaged_ms: 0, last_started_at: null }
    t.engaged_ms += part.engaged_ms
    totals.set(part.contact_id, t)
  }
  for (const e of started) {
    const t = totals.get(e.contact_id)!
    t.opened++
    if (!t.last_started_at || e.occurred_at > t.last_started_at) t.last_started_at = e.occurred_at
  }
  return { started, totals }
}

/** A contact's sessions and where its engaged time went, as the admin shows them. */
export type ContactSessions = {
  sessions: {
    id: string
    started_at: string
    ended_at: string
    duration_ms: number
    pages: number
    engaged_ms: number
    landing_page: string | null
    utm_source: string | null
    utm_campaign: string | null
    channel: string | null
  }[]
  sessions_count: number
  engaged_ms: number
  average_engaged_ms: number | null
  last_session_at: string | null
  top_pages: { path: string; engaged_ms: number }[]
  top_categories: { category: string; engaged_ms: number }[]
}

/** Newest sessions shown, and pages and categories ranked. */
export const CONTACT_SESSIONS_LIMIT = 50
export const TOP_ENGAGED_LIMIT = 10

/**
 * The contact's latest sessions and its totals (kept on the contact by
 * ingest), and its pages and categories by engaged time, summed on read from
 * its page_engaged events (one index range: contact, type, time).
 */
export async function contactSessions(em: SqlRunner, contactId: string): Promise<ContactSessions> {
  const [contact] = await em.execute(
    `SELECT sessions_count, engaged_ms, last_session_at FROM marketing_contact WHERE id = ?`,
    [contactId]
  )
  const sessions: Record<string, any>[] = await em.execute(
    `SELECT id, started_at, ended_at, pages, engaged_ms, landing_page, utm_source, utm_campaign, channel
       FROM marketing_session WHERE contact_id = ? AND deleted_at IS NULL
      ORDER BY ended_at DESC, id DESC LIMIT ?`,
    [contactId, CONTACT_SESSIONS_LIMIT]
  )
  const ranked = (key: string): Promise<{ key: string; engaged_ms: number }[]> =>
    em.execute(
      `SELECT e.properties ->> '${key}' AS key, sum((e.properties ->> 'engaged_ms')::numeric) AS engaged_ms
         FROM marketing_event e
        WHERE e.contact_id = ? AND e.type = 'page_engaged' AND e.deleted_at IS NULL
          AND jsonb_typeof(e.properties -> '${key}') = 'string' AND jsonb_typeof(e.properties -> 'engaged_ms') = 'number'
        GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?`,
      [contactId, TOP_ENGAGED_LIMIT]
    )
  const [pages, categories] = [await ranked("path"), await ranked("category")]
  const iso = (d: unknown) => (d == null ? null : new Date(d as string).toISOString())
  const count = Number(contact?.sessions_count ?? 0)
  const engaged = Number(contact?.engaged_ms ?? 0)
  return {
    sessions: sessions.map((s) => ({
      id: s.id,
      started_at: iso(s.started_at)!,
      ended_at: iso(s.ended_at)!,
      duration_ms: Date.parse(iso(s.ended_at)!) - Date.parse(iso(s.started_at)!),
      pages: Number(s.pages),
      engaged_ms: Number(s.engaged_ms),
      landing_page: s.landing_page,
      utm_source: s.utm_source,
      utm_campaign: s.utm_campaign,
      channel: s.channel,
    })),
    sessions_count: count,
    engaged_ms: engaged,
    average_engaged_ms: count > 0 ? Math.round(engaged / count) : null,
    last_session_at: iso(contact?.last_session_at),
    top_pages: pages.map((r) => ({ path: r.key, engaged_ms: Number(r.engaged_ms) })),
    top_categories: categories.map((r) => ({ category: r.key, engaged_ms: Number(r.engaged_ms) })),
  }
}
