/**
 * Best send time (Medusa-free, clock passed in): each contact's hour of the
 * week with the most human opens and clicks, in the contact's time zone,
 * shrunk towards the store-wide pattern when the contact has little history.
 *
 * Hours of the week count from Monday 00:00 local time: 0 is Monday 00:00–01:00,
 * 10 is Monday 10:00, 34 is Tuesday 10:00, 167 is Sunday 23:00.
 *
 * Shrinkage: a contact's weight for hour h is `counts[h] + k × share[h]`, where
 * `share` is the store's share of human opens and clicks in hour h (summing
 * to 1) and k = SEND_TIME_PRIOR_WEIGHT. The store pattern weighs as much as
 * k of the contact's own opens: a contact with one open at an hour the store
 * rarely uses still gets the store's busiest hour, one with a dozen opens at
 * an hour gets that hour.
 */
import { inQuietHours, type QuietHours } from "../flows/pressure"
import { instantOf, localParts } from "../flows/local-time"

export const HOURS_PER_WEEK = 168
/** k: how many of a contact's own opens and clicks the store pattern counts as. */
export const SEND_TIME_PRIOR_WEIGHT = 10
/** Opens and clicks older than this do not count: habits change. */
export const SEND_TIME_HISTORY_DAYS = 365
/** A `send_email` step with `send_at: "best_time"` waits at most this long. */
export const BEST_TIME_WINDOW_HOURS = 24

const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

/** Sparse counts: hour of the week → human opens and clicks. */
export type HourCounts = Record<number, number>

/** The hour of the week of an instant in a time zone. */
export function hourOfWeek(at: Date, zone: string): number {
  const { minutes, weekday } = localParts(at, zone)
  return (weekday - 1) * 24 + Math.floor(minutes / 60)
}

/** "Tuesday 10:00": an hour of the week in words. */
export function hourOfWeekLabel(hour: number): string {
  if (!Number.isInteger(hour) || hour < 0 || hour >= HOURS_PER_WEEK) throw new RangeError(`hour of the week must be 0–167, got ${hour}`)
  return `${WEEKDAY_NAMES[Math.floor(hour / 24)]} ${String(hour % 24).padStart(2, "0")}:00`
}

/** The store's share of opens and clicks per hour (168 numbers summing to 1), or null without any. */
export function storeShares(counts: readonly number[]): number[] | null {
  if (counts.length !== HOURS_PER_WEEK) throw new RangeError(`expected ${HOURS_PER_WEEK} hourly counts, got ${counts.length}`)
  const total = counts.reduce((s, c) => s + c, 0)
  return total > 0 ? counts.map((c) => c / total) : null
}

/** The contact's weight for one hour: own counts plus k times the store's share. */
export function posteriorWeight(counts: HourCounts, shares: readonly number[] | null, hour: number, k = SEND_TIME_PRIOR_WEIGHT): number {
  return (counts[hour] ?? 0) + (shares ? k * shares[hour] : 0)
}

/**
 * The contact's best hour of the week: the highest posterior weight, ties to
 * the earliest hour. Null with neither own history nor a store pattern.
 */
export function bestHourOfWeek(counts: HourCounts, shares: readonly number[] | null, k = SEND_TIME_PRIOR_WEIGHT): number | null {
  let best: number | null = null
  let bestWeight = 0
  for (let h = 0; h < HOURS_PER_WEEK; h++) {
    const w = posteriorWeight(counts, shares, h, k)
    if (w > bestWeight) {
      best = h
      bestWeight = w
    }
  }
  return best
}

export type BestTimeChoice =
  /** Send now: the current hour is the best in the window, or nothing is known. */
  | { send_now: true; reason: "best_hour_now" | "unknown"; hour: number | null }
  /** Wait until `at`, the start of the best hour of the next 24. */
  | { send_now: false; at: Date; hour: number }

/**
 * When to send an email "at the contact's best time within the next 24
 * hours": the hour with the highest posterior weight among the current
 * local hour and the next 23 hour starts (ties to the earliest), skipping
 * hours that start in quiet hours. The current hour means now. With no own
 * history and no store pattern, now.
 */
export function chooseBestSendTime(input: {
  now: Date
  /** The contact's time zone, or the store's. */
  time_zone: string
  counts: HourCounts
  shares: readonly number[] | null
  quiet_hours?: QuietHours | null
  k?: number
}): BestTimeChoice {
  const { now, time_zone: zone, counts, shares } = input
  const k = input.k ?? SEND_TIME_PRIOR_WEIGHT
  const hasOwn = Object.values(counts).some((c) => c > 0)
  if (!hasOwn && !shares) return { send_now: true, reason: "unknown", hour: null }
  const { day, minutes } = localParts(now, zone)
  const currentHour = Math.floor(minutes / 60)
  let best: { at: Date; hour: number; weight: number; offset: number } | null = null
  let last = -Infinity
  for (let i = 0; i < BEST_TIME_WINDOW_HOURS; i++) {
    // Hour starts by the local wall clock: a skipped hour (spring forward) lands just after the jump, a repeated one counts once.
    const at = i === 0 ? now : instantOf(day, (currentHour + i) * 60, zone)
    if (at.getTime() <= last || at.getTime() - now.getTime() >= BEST_TIME_WINDOW_HOURS * 3_600_000) continue
    last = at.getTime()
    if (input.quiet_hours && inQuietHours(at, zone, input.quiet_hours)) continue
    const hour = hourOfWeek(at, zone)
    const weight = posteriorWeight(counts, shares, hour, k)
    if (!best || weight > best.weight) best = { at, hour, weight, offset: i }
  }
  if (!best) return { send_now: true, reason: "best_hour_now", hour: hourOfWeek(now, zone) }
  return best.offset === 0 ? { send_now: true, reason: "best_hour_now", hour: best.hour } : { send_now: false, at: best.at, hour: best.hour }
}

export type HeatMapDay = { weekday: number; label: string; hours: number[] }

/** The 168 hourly counts as the heat map's 7 rows (Monday first) of 24 hours. */
export function heatMapDays(counts: readonly number[]): HeatMapDay[] {
  if (counts.length !== HOURS_PER_WEEK) throw new RangeError(`expected ${HOURS_PER_WEEK} hourly counts, got ${counts.length}`)
  return WEEKDAY_NAMES.map((label, d) => ({ weekday: d + 1, label, hours: counts.slice(d * 24, d * 24 + 24) }))
}
