import type { SqlRunner } from "../sql-runner"
import type { ReportPeriod } from "./types"

/**
 * Daily rollups of the message counts the reports show. Counting a period's
 * messages row by row reads every one of them (about 250 ms per million on
 * two cores); a closed UTC day is read from its rollup instead, while it
 * stays true:
 * - `marketing_message_rollup` holds a day's counts per kind, flow, step and
 *   variant, rebuilt from the messages as a whole (never incremented);
 * - `marketing_message_rollup_day` says which days were built;
 * - `marketing_message_rollup_stale` holds the days whose messages changed
 *   since, written by a trigger on marketing_message in the changing
 *   transaction (see the migration).
 * A report reads a day from the rollup only when it is built and not stale,
 * in the same statement (one snapshot) as it reads the other days' messages
 * live. The builder removes a day's stale mark before it counts the day, so
 * a change committing meanwhile either is counted or marks the day again.
 */

const DAY_MS = 86_400_000

/** Days kept built: the longest report period (period.ts MAX_PERIOD_DAYS) and one. */
export const ROLLUP_DAYS = 401

/** What a message counts as, per row; the rollup stores the sums under these names. */
export const MESSAGE_COUNTS = {
  recipients: "TRUE",
  handed: "(m.sent_at IS NOT NULL OR m.bounced_at IS NOT NULL OR m.soft_bounced_at IS NOT NULL)",
  delivered: "(m.sent_at IS NOT NULL AND m.bounced_at IS NULL AND m.soft_bounced_at IS NULL)",
  opens: "m.opened_at IS NOT NULL",
  clicks: "m.clicked_at IS NOT NULL",
  machine_opens: "m.opened_at IS NULL AND m.machine_open_count > 0",
  machine_clicks: "m.clicked_at IS NULL AND m.machine_click_count > 0",
  hard_bounces: "m.bounced_at IS NOT NULL",
  soft_bounces: "m.bounced_at IS NULL AND m.soft_bounced_at IS NOT NULL",
  complaints: "m.complained_at IS NOT NULL",
  unsubscribes: "m.unsubscribed_at IS NOT NULL",
} as const

export type MessageCountName = keyof typeof MESSAGE_COUNTS
const NAMES = Object.keys(MESSAGE_COUNTS) as MessageCountName[]

/** The messages a rollup covers: flow messages and marketing messages (what the reports read). */
const COVERED = "(m.flow_id IS NOT NULL OR m.kind = 'marketing')"

const countsOfRows = () => NAMES.map((n) => `count(*) FILTER (WHERE ${MESSAGE_COUNTS[n]})::int AS ${n}`).join(",\n            ")

/** Midnight UTC of the day `t` falls in. */
export const utcDayStart = (t: number) => Math.floor(t / DAY_MS) * DAY_MS

/**
 * The days a period touches (midnight UTC, oldest first), and which of them
 * it covers whole: only those may come from a rollup.
 */
export function periodUtcDays(period: ReportPeriod): { first: string; last: string; wholeFrom: string; wholeTo: string } {
  const from = Date.parse(period.from), to = Date.parse(period.to)
  const first = utcDayStart(from), last = utcDayStart(to - 1)
  const wholeFrom = from === first ? first : first + DAY_MS
  const wholeTo = utcDayStart(to)
  const iso = (t: number) => new Date(t).toISOString()
  return { first: iso(first), last: iso(last), wholeFrom: iso(wholeFrom), wholeTo: iso(Math.max(wholeTo, wholeFrom)) }
}

/** A grouping key of the counts: a message column, or its UTC day (`YYYY-MM-DD`). */
export type MessageCountKey = "flow_id" | "step_id" | "variant" | "day"

/**
 * Message counts over the messages queued in the period, grouped by `keys`,
 * filtered by `where` (over columns the rollup keeps too: kind, flow_id,
 * step_id, variant; alias `m`): built and unchanged whole days from the
 * rollup, every other day from the messages, in one statement.
 */
export async function messageCountsByDay(
  em: SqlRunner, period: ReportPeriod, keys: MessageCountKey[], where: string, params: unknown[]
): Promise<Record<string, any>[]> {
  const days = periodUtcDays(period)
  const rollupKey = (k: MessageCountKey) => (k === "day" ? `to_char(m.day AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day` : `m.${k}`)
  const liveKey = (k: MessageCountKey) => (k === "day" ? `to_char(m.queued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day` : `m.${k}`)
  const groupBy = (n: number) => (n ? `GROUP BY ${keys.map((_, i) => i + 1).join(", ")}` : "")
  const outKeys = keys.join(", ")
  const sel = (list: string[]) => (list.length ? list.join(", ") + ", " : "")
  const rows = await em.execute(
    `WITH trusted AS (
       SELECT d.day FROM marketing_message_rollup_day d
        WHERE d.day >= ? AND d.day < ?
          AND NOT EXISTS (SELECT 1 FROM marketing_message_rollup_stale s WHERE s.day = d.day)
     ), live AS (
       SELECT greatest(g, ?::timestamptz) AS lo, least(g + interval '24 hours', ?::timestamptz) AS hi
         FROM generate_series(?::timestamptz, ?::timestamptz, interval '24 hours') g
        WHERE NOT EXISTS (SELECT 1 FROM trusted t WHERE t.day = g)
     ), parts AS (
       SELECT ${sel(keys.map(rollupKey))}${NAMES.map((n) => `sum(m.${n})::int AS ${n}`).join(", ")}
         FROM marketing_message_rollup m JOIN trusted t ON t.day = m.day
        WHERE m.deleted_at IS NULL AND ${where}
        ${groupBy(keys.length)}
       UNION ALL
       SELECT ${sel(keys.map(liveKey))}${countsOfRows()}
         FROM live JOIN marketing_message m ON m.queued_at >= live.lo AND m.queued_at < live.hi
        WHERE m.deleted_at IS NULL AND ${where}
        ${groupBy(keys.length)}
     )
     SELECT ${sel(keys)}${NAMES.map((n) => `sum(${n})::int AS ${n}`).join(", ")}
       FROM parts ${outKeys ? `GROUP BY ${outKeys}` : ""}`,
    [days.wholeFrom, days.wholeTo, period.from, period.to, days.first, days.last, ...params, ...params]
  )
  return rows as Record<string, any>[]
}

/**
 * Closed days (before `now`'s UTC day, within ROLLUP_DAYS) that are not built
 * or are stale, oldest first.
 */
export async function rollupDaysToBuild(em: SqlRunner, now: Date): Promise<string[]> {
  const today = utcDayStart(now.getTime())
  const rows = await em.execute(
    `SELECT to_char(g AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"00:00:00.000"Z"') AS day
       FROM generate_series(?::timestamptz, ?::timestamptz, interval '24 hours') g
      WHERE NOT EXISTS (SELECT 1 FROM marketing_message_rollup_day d WHERE d.day = g)
         OR EXISTS (SELECT 1 FROM marketing_message_rollup_stale s WHERE s.day = g)
      ORDER BY g`,
    [new Date(today - ROLLUP_DAYS * DAY_MS).toISOString(), new Date(today - DAY_MS).toISOString()]
  )
  return rows.map((r: any) => r.day as string)
}

/**
 * Rebuilds one day's rollup (midnight UTC), inside the caller's transaction:
 * takes the day's lock (builders of the same day wait for each other), drops
 * its stale mark, then counts its messages, so a change that commits after
 * the mark is dropped marks it again. Returns the rows written.
 */
export async function buildRollupDay(em: SqlRunner, day: string, now: Date): Promise<number> {
  const start = Date.parse(day)
  if (start !== utcDayStart(start)) throw new Error(`not a UTC midnight: ${day}`)
  const end = new Date(start + DAY_MS).toISOString()
  const tag = new Date(start).toISOString().slice(0, 10).replace(/-/g, "")
  await em.execute(`SELECT pg_advisory_xact_lock(hashtext('marketing_message_rollup'), ?)`, [start / DAY_MS])
  await em.execute(`DELETE FROM marketing_message_rollup_stale WHERE day = ?`, [day])
  await em.execute(`DELETE FROM marketing_message_rollup WHERE day = ?`, [day])
  const inserted = await em.execute(
    `INSERT INTO marketing_message_rollup (id, day, kind, flow_id, step_id, variant, ${NAMES.join(", ")})
     SELECT 'mmrl_' || ? || '_' || row_number() OVER (), ?, m.kind, m.flow_id, m.step_id, m.variant,
            ${countsOfRows()}
       FROM marketing_message m
      WHERE m.deleted_at IS NULL AND ${COVERED} AND m.queued_at >= ? AND m.queued_at < ?
      GROUP BY m.kind, m.flow_id, m.step_id, m.variant
     RETURNING id`,
    [tag, day, day, end]
  )
  await em.execute(`DELETE FROM marketing_message_rollup_day WHERE day = ?`, [day])
  await em.execute(
    `INSERT INTO marketing_message_rollup_day (id, day, built_at) VALUES (?, ?, ?)`,
    [`mmrd_${tag}`, day, now.toISOString()]
  )
  return inserted.length
}
