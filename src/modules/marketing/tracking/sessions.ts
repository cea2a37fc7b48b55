/**
 * Sessions: a contact's storefront events grouped into visits. Pure logic,
 * no Medusa import; ingest (storeSessions) runs it over a stored batch and
 * writes the result in one statement.
 *
 * An event starts a new session when the session's latest event is more than
 * 30 minutes older, when it brings a UTM campaign other than the session's,
 * or when it falls on another day in the store's time zone. An event older
 * than the session's latest (a queue flushed late) joins it on the same day.
 */

export const SESSION_GAP_MS = 30 * 60 * 1000
/** Page views: what a session's `pages` counts. */
export const PAGE_EVENT_TYPES = ["page_viewed", "product_viewed", "category_viewed"] as const
/** The tracker's engaged-time report (`properties.engaged_ms`). */
export const ENGAGED_EVENT_TYPE = "page_engaged"
/** Written by ingest for every new session, so scoring rules, segments and the timeline see sessions. */
export const SESSION_STARTED_EVENT_TYPE = "session_started"
/** At most this much engaged time per report: one day (a value beyond is the client's error). */
export const MAX_ENGAGED_MS = 86_400_000

/** One stored storefront event, as sessions read it. */
export type SessionEvent = {
  contact_id: string
  type: string
  /** ISO 8601. */
  occurred_at: string
  utm_campaign: string | null
  utm_source: string | null
  /** The event's touch channel (null without a touch). */
  channel: string | null
  page_url: string | null
  /** Engaged time the event reports (page_engaged), 0 otherwise. */
  engaged_ms: number
}

/** The part of a session the next event is compared with. */
export type SessionEdge = { ended_at: string; utm_campaign: string | null }

/** A run of one contact's events in a batch that belongs to one session. */
export type SessionPart = {
  contact_id: string
  /** 0 for the contact's first part in the batch: it may continue the contact's latest stored session. */
  seq: number
  started_at: string
  ended_at: string
  pages: number
  engaged_ms: number
  landing_page: string | null
  utm_source: string | null
  utm_campaign: string | null
  /** The first event's touch channel, "direct" without one. */
  channel: string
}

const formatters = new Map<string, Intl.DateTimeFormat>()

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function localDay(iso: string, timeZone: string): string {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" })
    formatters.set(timeZone, f)
  }
  return f.format(new Date(iso))
}

/** Whether an event belongs to the session that ended with `edge` (see the file's comment). */
export function continuesSession(edge: SessionEdge, event: Pick<SessionEvent, "occurred_at" | "utm_campaign">, timeZone: string): boolean {
  if (Date.parse(event.occurred_at) - Date.parse(edge.ended_at) > SESSION_GAP_MS) return false
  if (event.utm_campaign != null && event.utm_campaign !== edge.utm_campaign) return false
  return localDay(event.occurred_at, timeZone) === localDay(edge.ended_at, timeZone)
}

const later = (a: string, b: string) => (Date.parse(a) >= Date.parse(b) ? a : b)

/**
 * Splits a batch's events into session parts, per contact in time order.
 * Whether each contact's first part continues its stored session is decided
 * in SQL with the same rule (`continuesSession`), where that session is read.
 */
export function splitSessions(events: SessionEvent[], timeZone: string): SessionPart[] {
  const byContact = new Map<string, SessionEvent[]>()
  for (const event of events) {
    const list = byContact.get(event.contact_id)
    if (list) list.push(event)
    else byContact.set(event.contact_id, [event])
  }
  const parts: SessionPart[] = []
  for (const [contactId, list] of byContact) {
    list.sort((a, b) => Date.parse(a.occurred_at) - Date.parse(b.occurred_at))
    let part: SessionPart | null = null
    for (const event of list) {
      if (!part || !continuesSession(part, event, timeZone)) {
        part = {
          contact_id: contactId,
          seq: part ? part.seq + 1 : 0,
          started_at: event.occurred_at,
          ended_at: event.occurred_at,
          pages: 0,
          engaged_ms: 0,
          landing_page: event.page_url,
          utm_source: event.utm_source,
          utm_campaign: event.utm_campaign,
          channel: event.channel ?? "direct",
        }
        parts.push(part)
      }
      part.ended_at = later(part.ended_at, event.occurred_at)
      part.landing_page ??= event.page_url
      if ((PAGE_EVENT_TYPES as readonly string[]).includes(event.type)) part.pages++
      part.engaged_ms += event.engaged_ms
    }
  }
  return parts
}

/** The engaged time an event reports: a page_engaged event's `engaged_ms`, clamped; 0 for any other. */
export function engagedMsOf(type: string, properties: Record<string, unknown>): number {
  if (type !== ENGAGED_EVENT_TYPE) return 0
  const ms = properties.engaged_ms
  return typeof ms === "number" && Number.isFinite(ms) && ms > 0 ? Math.min(Math.round(ms), MAX_ENGAGED_MS) : 0
}
