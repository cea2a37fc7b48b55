/** Date helpers shared by the TS evaluator and the SQL compiler, so both read dates alike. */

export const DAY_MS = 24 * 60 * 60 * 1000

// Strict ISO 8601: a real calendar date (leap years included), optionally a time
// with an explicit offset. Written without `?` or backslashes so the same text
// can sit inside SQL (`~ '...'`) and in a JS RegExp.
const YEAR = "[1-9][0-9]{3}"
const LEAP_YEAR = "([1-9][0-9](0[48]|[2468][048]|[13579][26])|([2468][048]|[13579][26])00)"
const MONTH_DAY =
  "((01|03|05|07|08|10|12)-(0[1-9]|[12][0-9]|3[01])|(04|06|09|11)-(0[1-9]|[12][0-9]|30)|02-(0[1-9]|1[0-9]|2[0-8]))"
const TIME =
  "T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{3}){0,1}){0,1}(Z|[+-](0[0-9]|1[0-4]):[0-5][0-9])"

/** `YYYY-MM-DD` (midnight UTC) or `YYYY-MM-DDTHH:MM[:SS[.mmm]]` with `Z` or `±HH:MM`. */
export const ISO_DATE_PATTERN = `^(${YEAR}-${MONTH_DAY}|${LEAP_YEAR}-02-29)(${TIME}){0,1}$`
const ISO_DATE_RE = new RegExp(ISO_DATE_PATTERN)

/** Milliseconds since the epoch for a strict ISO 8601 string, else null. */
export function parseIsoDate(value: unknown): number | null {
  if (typeof value !== "string" || !ISO_DATE_RE.test(value)) return null
  const ms = Date.parse(value) // date-only strings are UTC by the ES spec
  return Number.isNaN(ms) ? null : ms
}

/** A record's date: a valid Date, or a string Date.parse understands (e.g. from JSON). */
export function toTime(value: unknown): number | null {
  let ms = NaN
  if (value instanceof Date) ms = value.getTime()
  else if (typeof value === "string") ms = Date.parse(value)
  return Number.isNaN(ms) ? null : ms
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
}

/**
 * Whether the yearly anniversary of `date` falls within `days` calendar days
 * counted from today, today included (UTC calendar): Dec 28 + 7 days covers
 * Dec 28 … Jan 3. A Feb 29 anniversary is kept on Feb 28 in other years, which
 * is also what Postgres does when adding years to a date.
 */
export function anniversaryWithinNext(date: number, now: number, days: number): boolean {
  const d = new Date(date)
  const n = new Date(now)
  const today = Date.UTC(n.getUTCFullYear(), n.getUTCMonth(), n.getUTCDate())
  // days ≤ 366, so the window never reaches past next year's anniversary.
  for (const year of [n.getUTCFullYear(), n.getUTCFullYear() + 1]) {
    const month = d.getUTCMonth()
    const anniversary = Date.UTC(year, month, Math.min(d.getUTCDate(), daysInMonth(year, month)))
    if (anniversary >= today && anniversary < today + days * DAY_MS) return true
  }
  return false
}
