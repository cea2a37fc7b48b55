/**
 * Message pressure (Medusa-free, clock passed in): the global frequency cap
 * and quiet hours in the contact's time zone. Either the email may go now,
 * or the earliest time it may, with the reason it is held.
 */
import { localParts, minutesOf, nextLocalTime } from "./local-time"
import type { LocalTime, StepRunResult } from "./types"

export type QuietHours = { start: LocalTime; end: LocalTime }

export type PressureInput = {
  now: Date
  /** The contact's time zone, or the store's. */
  time_zone: string
  /** When the contact was last sent (or queued) a marketing email, by any flow. */
  last_marketing_email_at: Date | null
  /** 0: no cap. */
  frequency_cap_hours: number
  quiet_hours: QuietHours | null
  bypass_frequency_cap?: boolean
  bypass_quiet_hours?: boolean
}

export type PressureVerdict =
  | { allowed: true }
  | { allowed: false; reason: "frequency_cap" | "quiet_hours"; next_at: Date }

/** Whether local time `at` falls in the quiet hours (an interval across midnight when start > end). */
export function inQuietHours(at: Date, zone: string, quiet: QuietHours): boolean {
  const m = localParts(at, zone).minutes
  const start = minutesOf(quiet.start)
  const end = minutesOf(quiet.end)
  if (start === end) return false
  return start < end ? m >= start && m < end : m >= start || m < end
}

export function checkPressure(input: PressureInput): PressureVerdict {
  let at = input.now
  let reason: "frequency_cap" | "quiet_hours" | null = null
  if (!input.bypass_frequency_cap && input.frequency_cap_hours > 0 && input.last_marketing_email_at) {
    const free = new Date(input.last_marketing_email_at.getTime() + input.frequency_cap_hours * 3_600_000)
    if (free.getTime() > at.getTime()) {
      at = free
      reason = "frequency_cap"
    }
  }
  // Moving forward out of quiet hours never brings the cap back.
  if (!input.bypass_quiet_hours && input.quiet_hours && inQuietHours(at, input.time_zone, input.quiet_hours)) {
    at = nextLocalTime(at, input.quiet_hours.end, input.time_zone)
    reason ??= "quiet_hours"
  }
  return reason ? { allowed: false, reason, next_at: at } : { allowed: true }
}

/**
 * The step run of an email pressure stopped: held until `next_at`, or skipped
 * when the flow says so. `data` keeps the time and the zone it was decided in,
 * so the enrollment's history can say "held by quiet hours until 08:00 Europe/Paris".
 */
export function pressureResult(
  verdict: Extract<PressureVerdict, { allowed: false }>,
  input: { when_held?: "delay" | "skip"; variant?: string | null; time_zone: string }
): StepRunResult {
  const variant = input.variant ?? undefined
  const data = { retry_at: verdict.next_at.toISOString(), time_zone: input.time_zone }
  return input.when_held === "skip"
    ? { outcome: "skipped", reason: verdict.reason, variant, data }
    : { outcome: "held", reason: verdict.reason, retry_at: data.retry_at, variant, data }
}
