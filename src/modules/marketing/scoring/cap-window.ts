/**
 * Cap windows in the store's time zone (Medusa-free): a daily cap resets at
 * local midnight, a weekly one at Monday's local midnight, a monthly one at
 * local midnight on the 1st. SQL partitions by
 * `date_trunc('day' | 'week' | 'month', occurred_at AT TIME ZONE <zone>)`, which agrees.
 */
import { Lru } from "../lru"
import type { CapPeriod } from "./rules"

/** Whether Node (ICU) knows the IANA zone name. */
export function isTimeZone(name: unknown): name is string {
  if (typeof name !== "string" || !name || name.length > 64) return false
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name })
    return true
  } catch {
    return false
  }
}

/**
 * The zone's canonical name as Node resolves it ("asia/tokyo" and "JST" are
 * Asia/Tokyo), so live scoring and Postgres read the same zone by the same name.
 */
export function canonicalTimeZone(name: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone
}

const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    })
    formatters.set(timeZone, f)
  }
  return f
}

/** The wall-clock time in `timeZone` at instant `ms`, as if it were UTC (ms since epoch), to the second. */
function wallClock(ms: number, timeZone: string): number {
  const second = Math.floor(ms / 1000) * 1000
  if (timeZone === "UTC") return second
  // formatToParts is the cost of live scoring's caps (several calls per capped rule and event): the zone's
  // offset is kept per minute, as zones change offset on whole minutes.
  const minute = Math.floor(ms / 60_000)
  const key = `${timeZone}|${minute}`
  let offset = offsets.get(key)
  if (offset === undefined) {
    const parts: Record<string, number> = {}
    for (const p of formatter(timeZone).formatToParts(new Date(minute * 60_000))) {
      if (p.type !== "literal") parts[p.type] = Number(p.value)
    }
    offset = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - minute * 60_000
    offsets.set(key, offset)
  }
  return second + offset
}
const offsets = new Lru<number>(10_000)

/** The zone's offset from UTC at instant `ms`, in ms (Tokyo: +9 h). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  return wallClock(Math.floor(ms / 1000) * 1000, timeZone) - Math.floor(ms / 1000) * 1000
}

/**
 * The instant when the zone's clocks show `wall` (a wall-clock time written as
 * UTC ms). Two tries settle a change of offset between the guess and the answer.
 */
function instantOfWallClock(wall: number, timeZone: string): number {
  let t = wall - zoneOffsetMs(wall, timeZone)
  const second = wall - zoneOffsetMs(t, timeZone)
  if (second !== t) t = second
  return t
}

/**
 * The cap window an event falls in: its local day, its local ISO week (from
 * Monday), its local calendar month, or all time (null). `start` and `end` are UTC instants; a day
 * across a change to or from summer time lasts 23 or 25 hours.
 */
export function capWindow(period: CapPeriod, occurredAt: string | Date, timeZone = "UTC"): { start: string; end: string } | null {
  if (period === "ever") return null
  const wall = new Date(wallClock(new Date(occurredAt).getTime(), timeZone))
  const day = new Date(Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate()))
  if (period === "week") day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7))
  if (period === "month") day.setUTCDate(1)
  const next = new Date(day)
  if (period === "month") next.setUTCMonth(next.getUTCMonth() + 1)
  else next.setUTCDate(next.getUTCDate() + (period === "week" ? 7 : 1))
  return {
    start: new Date(instantOfWallClock(day.getTime(), timeZone)).toISOString(),
    end: new Date(instantOfWallClock(next.getTime(), timeZone)).toISOString(),
  }
}
