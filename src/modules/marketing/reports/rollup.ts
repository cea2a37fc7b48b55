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
 * and every other part of its period from the messages. The builder removes
 * a day's stale mark before it counts the day, so a change committing
 * meanwhile either is counted or marks the day again.
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

/** The whole UTC days a period covers (midnight UTC): only those may come from a rollup. */
export function wholeDays(period: ReportPeriod): { from: string; to: string } {
  const from = Date.parse(period.from), to = Date.parse(period.to)
  const first = utcDayStart(from) === from ? from : utcDayStart(from) + DAY_MS
  return { from: new Date(first).toISOString(), to: new Date(Math.max(utcDayStart(to), first)).toISOString() }
}

/**
 * The parts of the period left to count from the messages: the period minus
 * the `rollupDays` (midnight UTC, whole days inside it), as few [from, to)
 * ranges as can be (neighbouring days joined).
 */
export function liveRanges(period: ReportPeriod, rollupDays: string[]): [string, string][] {
  const out: [number, number][] = []
  let at = Date.parse(period.from)
  const end = Date.parse(period.to)
  for (const t of rollupDays.map((d) => Date.parse(d)).sort((a, b) => a - b)) {
    if (t < at || t + DAY_MS > end) continue
    if (t > at) out.push([at, t])
    at = t + DAY_MS
  }
  if (at < end) out.push([at, end])
  return out.map(([a, b]) => [new Date(a).toISOString(), new Date(b).toISOString()])
}

/** A grouping key of the counts: a message column, or its UTC day (`YYYY-MM-DD`). */
export type MessageCountKey = "flow_id" | "step_id" | "variant" | "day"

/**
 * Message counts over the messages queued in the period, grouped by `keys`,
 * filtered by `where` (over columns the rollup keeps too: kind, flow_id,
 * step_id, variant; alias `m`): whole days that are built and unchanged from
 * the rollup, the rest from the messages. Two statements: the first finds the
 * days, so the second gives the planner the live ranges as values (estimated
 * right, read through the queued_at indexes). A day changed in between is
 * read as it was a moment before; each day is always whole and consistent.
 */
export async function messageCountsByDay(
  em: SqlRunner, period: ReportPeriod, keys: MessageCountKey[], where: string, params: unknown[]
): Promise<Record<string, any>[]> {
  const whole = wholeDays(period)
  const rollupDays: string[] = whole.from < whole.to
    ? (await em.execute(
        `SELECT to_char(d.day AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"00:00:00.000"Z"') AS day FROM marketing_message_rollup_day d
          WHERE d.day >= ? AND d.day < ?
            AND NOT EXISTS (SELECT 1 FROM marketing_message_rollup_stale s WHERE s.day = d.day)`,
        [whole.from, whole.to]
      )).map((r: any) => r.day)
    : []
  const ranges = liveRanges(period, rollupDays)

  const keyOf = (k: MessageCountKey, dayColumn: string) => (k === "day" ? `to_char(${dayColumn} AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day` : `m.${k}`)
  const sel = (list: string[]) => list.map((x) => x + ", ").join("")
  const groupBy = keys.length ? `GROUP BY ${keys.map((_, i) => i + 1).join(", ")}` : ""
  const parts: string[] = []
  const values: unknown[] = []
  if (rollupDays.length) {
    parts.push(
      `SELECT ${sel(keys.map((k) => keyOf(k, "m.day")))}${NAMES.map((n) => `sum(m.${n})::int AS ${n}`).join(", ")}
         FROM marketing_message_rollup m
        WHERE m.day IN (SELECT jsonb_array_elements_text(?::jsonb)::timestamptz) AND m.deleted_at IS NULL AND ${where}
        ${groupBy}`
    )
    values.push(JSON.stringify(rollupDays), ...params)
  }
  if (ranges.length) {
    parts.push(
      `SELECT ${sel(keys.map((k) => keyOf(k, "m.queued_at")))}${countsOfRows()}
         FROM marketing_message m
        WHERE m.deleted_at IS NULL AND (${ranges.map(() => "(m.queued_at >= ? AND m.queued_at < ?)").join(" OR ")}) AND ${where}
        ${groupBy}`
    )
    values.push(...ranges.flat(), ...params)
  }
  if (!parts.length) return []
  return (await em.execute(
    `SELECT ${sel(keys)}${NAMES.map((n) => `sum(${n})::int AS ${n}`).join(", ")}
       FROM (${parts.join("\n UNION ALL\n")}) parts ${keys.length ? `GROUP BY ${keys.join(", ")}` : ""}`,
    values
  )) as Record<string, any>[]
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
