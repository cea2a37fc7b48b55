/**
 * Small conversions the step forms share: durations as an amount and a
 * unit, tags typed as a list, weekdays. Pure; unit tested.
 */

export const DURATION_UNITS = [
  { value: "60", label: "minutes" },
  { value: "3600", label: "hours" },
  { value: "86400", label: "days" },
]

/** The largest unit that divides the seconds, so 7200 reads "2 hours". */
export const durationUnitOf = (seconds: number) =>
  [...DURATION_UNITS].reverse().find((u) => seconds > 0 && seconds % Number(u.value) === 0)?.value ?? "60"

/** "vip, newsletter ,," -> ["vip", "newsletter"]: commas separate, blanks and repeats dropped. */
export const parseTags = (text: string) => [...new Set(text.split(",").map((t) => t.trim()).filter(Boolean))]

/** ISO weekdays, Monday = 1. */
export const WEEKDAY_OPTIONS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].map((label, i) => ({ day: i + 1, label }))

/** Adds or removes a weekday, keeping Monday-first order. */
export const toggleWeekday = (days: number[] | undefined, day: number, on: boolean) =>
  [...new Set([...(days ?? []).filter((d) => d !== day), ...(on ? [day] : [])])].sort((a, b) => a - b)
