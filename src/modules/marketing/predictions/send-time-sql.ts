import type { SqlRunner } from "../sql-runner"
import { pgArray } from "../pg-array"
import { FIT_FRESH_HOURS } from "./fit-store"
import { HOURS_PER_WEEK, SEND_TIME_HISTORY_DAYS, SEND_TIME_PRIOR_WEIGHT, storeShares, type HourCounts } from "./send-time"

// Best send times in SQL: human opens and clicks per contact and hour of the week, the store pattern, each contact's best hour.

/** Taken for the whole computation: one instance computes, the others skip. */
export const SEND_TIMES_LOCK = "mma:send-times"

export type SendTimesSummary = { contacts: number; engagements: number; best_hour: number | null }

const HOURS = "mma_send_hours"

/**
 * Recomputes the store pattern and every contact's best hour from the human
 * opens and clicks (`email_opened` / `email_clicked` events: proxy prefetches
 * and link scanners are only counted on the message, never recorded as
 * events) of the last SEND_TIME_HISTORY_DAYS, each in its contact's time zone
 * (the store's when the contact has none Postgres knows). The best hour is
 * the posterior's argmax, ties to the earliest hour: a contact's own hours,
 * or the store's busiest hour (every other hour weighs less), as
 * `bestHourOfWeek` decides it. Null when another instance holds the lock or
 * (unless `force`) the pattern is under FIT_FRESH_HOURS old.
 */
export async function computeSendTimes(
  em: SqlRunner,
  input: { storeTimeZone: string; now: Date; force?: boolean }
): Promise<SendTimesSummary | null> {
  const { now } = input
  const nowIso = now.toISOString()
  const [{ locked }] = await em.execute(`SELECT pg_try_advisory_xact_lock(hashtext(?)) AS locked`, [SEND_TIMES_LOCK])
  if (!locked) return null
  if (!input.force) {
    const [fresh] = await em.execute(
      `SELECT 1 FROM marketing_send_time_pattern WHERE computed_at > ?::timestamptz - make_interval(hours => ?) AND computed_at <= ?::timestamptz AND deleted_at IS NULL LIMIT 1`,
      [nowIso, FIT_FRESH_HOURS, nowIso]
    )
    if (fresh) return null
  }
  await em.execute(`DROP TABLE IF EXISTS ${HOURS}`)
  await em.execute(
    `CREATE TEMP TABLE ${HOURS} AS
     WITH zones AS MATERIALIZED (SELECT name FROM pg_timezone_names),
     e AS (
       SELECT e.contact_id, e.occurred_at AT TIME ZONE COALESCE(z.name, ?::text) AS local
         FROM marketing_event e
         JOIN marketing_contact c ON c.id = e.contact_id AND c.deleted_at IS NULL
         LEFT JOIN zones z ON z.name = c.timezone
        WHERE e.type IN ('email_opened', 'email_clicked') AND e.deleted_at IS NULL AND e.contact_id IS NOT NULL
          AND e.occurred_at > ?::timestamptz - make_interval(days => ?) AND e.occurred_at <= ?::timestamptz)
     SELECT contact_id, ((extract(isodow FROM local)::int - 1) * 24 + extract(hour FROM local)::int) AS hour, count(*)::int AS n
       FROM e GROUP BY 1, 2`,
    [input.storeTimeZone, nowIso, SEND_TIME_HISTORY_DAYS, nowIso]
  )
  const byHour: { hour: number; n: number }[] = await em.execute(`SELECT hour, sum(n)::int AS n FROM ${HOURS} GROUP BY hour`)
  const counts = new Array<number>(HOURS_PER_WEEK).fill(0)
  for (const r of byHour) counts[Number(r.hour)] = Number(r.n)
  const engagements = counts.reduce((s, c) => s + c, 0)
  const shares = storeShares(counts)
  const [{ contacts }] = await em.execute(`SELECT count(DISTINCT contact_id)::int AS contacts FROM ${HOURS}`)
  // The store's busiest hour, earliest on ties: the best hour of every hour a contact has no opens in.
  const storeBest = shares ? shares.indexOf(Math.max(...shares)) : null

  await em.execute(`DELETE FROM marketing_contact_send_time`)
  await em.execute(`DELETE FROM marketing_send_time_pattern`)
  const stamp = `${now.getTime().toString(36)}${Math.random().toString(36).slice(2, 8)}`
  await em.execute(
    `INSERT INTO marketing_send_time_pattern (id, counts, engagements, contacts, prior_weight, history_days, computed_at)
     VALUES (?, ?::jsonb, ?, ?, ?, ?, ?::timestamptz)`,
    [`msendp_${stamp}`, JSON.stringify(counts), engagements, contacts, SEND_TIME_PRIOR_WEIGHT, SEND_TIME_HISTORY_DAYS, nowIso]
  )
  if (shares && storeBest !== null) {
    // Weights in float8, as the shares are in JS (count / total): the same argmax bestHourOfWeek finds.
    await em.execute(
      `WITH s AS (SELECT ordinality - 1 AS hour, share FROM unnest(?::float8[]) WITH ORDINALITY AS u(share, ordinality)),
       candidates AS (
         SELECT h.contact_id, h.hour, h.n + ? * s.share AS weight FROM ${HOURS} h JOIN s ON s.hour = h.hour
         UNION ALL
         SELECT DISTINCT h.contact_id, ?::int AS hour, ? * s.share AS weight FROM ${HOURS} h JOIN s ON s.hour = ?::int
       ),
       best AS (SELECT DISTINCT ON (contact_id) contact_id, hour FROM candidates ORDER BY contact_id, weight DESC, hour),
       own AS (SELECT contact_id, jsonb_object_agg(hour::text, n) AS hours, sum(n)::int AS engagements FROM ${HOURS} GROUP BY contact_id)
       INSERT INTO marketing_contact_send_time (id, contact_id, best_hour, engagements, hours, computed_at)
       SELECT 'msend_' || ? || '_' || row_number() OVER (), own.contact_id, best.hour, own.engagements, own.hours, ?::timestamptz
         FROM own JOIN best USING (contact_id)`,
      [pgArray(shares.map(String)), SEND_TIME_PRIOR_WEIGHT, storeBest, SEND_TIME_PRIOR_WEIGHT, storeBest, stamp, nowIso]
    )
  }
  await em.execute(`DROP TABLE ${HOURS}`)
  return { contacts, engagements, best_hour: storeBest }
}

export type SendTimeFacts = {
  /** The store's share per hour of the week, or null without a pattern (or without opens). */
  shares: number[] | null
  /** Own counts of the contacts that have any. */
  counts: Map<string, HourCounts>
}

/** What a send step needs to choose each contact's best time: the store pattern and their own counts. */
export async function readSendTimeFacts(em: SqlRunner, contactIds: string[]): Promise<SendTimeFacts> {
  const [pattern] = await em.execute(
    `SELECT counts FROM marketing_send_time_pattern WHERE deleted_at IS NULL ORDER BY computed_at DESC LIMIT 1`
  )
  const rows: { contact_id: string; hours: Record<string, number> }[] = contactIds.length
    ? await em.execute(
        `SELECT contact_id, hours FROM marketing_contact_send_time WHERE contact_id = ANY(?::text[]) AND deleted_at IS NULL`,
        [pgArray(contactIds)]
      )
    : []
  const counts = new Map<string, HourCounts>()
  for (const r of rows) counts.set(r.contact_id, Object.fromEntries(Object.entries(r.hours ?? {}).map(([h, n]) => [Number(h), Number(n)])))
  return { shares: pattern?.counts ? storeShares(pattern.counts as number[]) : null, counts }
}

/**
 * The visits (step run keys) among `keys` already held once for the best
 * time: when that hour comes they send, instead of looking 24 hours further.
 * A held run's key is the visit's key + `:held:` + the time it was held.
 */
export async function keysHeldForBestTime(em: SqlRunner, input: { enrollment_ids: string[]; keys: string[] }): Promise<Set<string>> {
  if (!input.keys.length) return new Set()
  const rows: { key: string }[] = await em.execute(
    `SELECT DISTINCT split_part(idempotency_key, ':held:', 1) AS key FROM marketing_flow_step_run
      WHERE enrollment_id = ANY(?::text[]) AND reason = 'best_time' AND deleted_at IS NULL`,
    [pgArray([...new Set(input.enrollment_ids)])]
  )
  const wanted = new Set(input.keys)
  return new Set(rows.map((r) => r.key).filter((k) => wanted.has(k)))
}
