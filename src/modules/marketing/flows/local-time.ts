/**
 * Local wall-clock arithmetic in an IANA time zone (Medusa-free): what a
 * "09:00 on Tuesday in Europe/Paris" means as an instant, across DST changes.
 */
import { isTimeZone, zoneOffsetMs } from "../scoring/cap-window"
import type { LocalTime, Weekday } from "./types"

const MINUTE = 60_000
const DAY = 86_400_000

/** "HH:MM" → minutes after midnight; throws on anything else. */
export function minutesOf(at: LocalTime): number {
  const match = /^([01][0-9]|2[0-3]):([0-5][0-9])$/.exec(at)
  if (!match) throw new Error(`Invalid local time "${at}" (expected HH:MM)`)
  return Number(match[1]) * 60 + Number(match[2])
}

/** The zone to use: the contact's when Node knows it, else the fallback. */
export function zoneOr(zone: string | null | undefined, fallback: string): string {
  return zone && isTimeZone(zone) ? zone : isTimeZone(fallback) ? fallback : "UTC"
}

/** The local date (as a UTC midnight) and minutes after local midnight of an instant. */
export function localParts(at: Date, zone: string): { day: number; minutes: number; weekday: Weekday } {
  const wall = at.getTime() + zoneOffsetMs(at.getTime(), zone)
  const day = Math.floor(wall / DAY) * DAY
  const iso = new Date(day).getUTCDay()
  return { day, minutes: Math.floor((wall - day) / MINUTE), weekday: (iso === 0 ? 7 : iso) as Weekday }
}

/**
 * The instant a local wall time names. A time skipped by a DST jump lands
 * just after the jump (02:30 on a spring-forward night is 03:30); a repeated
 * one takes its first occurrence.
 */
export function instantOf(day: number, minutes: number, zone: string): Date {
  const wall = day + minutes * MINUTE
  const first = wall - zoneOffsetMs(wall, zone)
  const second = wall - zoneOffsetMs(first, zone)
  const earlier = Math.min(first, second)
  if (earlier + zoneOffsetMs(earlier, zone) === wall) return new Date(earlier)
  return new Date(Math.max(first, second))
}

/** The first instant at or after `from` whose local time is `at`, on one of `weekdays` (any day when absent). */
export function nextLocalTime(from: Date, at: LocalTime, zone: string, weekdays?: readonly Weekday[]): Date {
  const minutes = minutesOf(at)
  const { day } = localParts(from, zone)
  for (let d = 0; d <= 8; d++) {
    const candidateDay = day + d * DAY
    const iso = new Date(candidateDay).getUTCDay()
    const weekday = (iso === 0 ? 7 : iso) as Weekday
    if (weekdays?.length && !weekdays.includes(weekday)) continue
    const candidate = instantOf(candidateDay, minutes, zone)
    if (candidate.getTime() >= from.getTime()) return candidate
  }
  throw new Error("No matching local time within 8 days") // unreachable with a non-empty weekday list
}
