/**
 * A send step's `send_at: "best_time"` (Medusa-free, clock passed in): hold
 * the email until the start of the contact's best hour within the next 24
 * hours, once per visit; when that hour comes, frequency cap and quiet hours
 * apply as to any email.
 */
import { chooseBestSendTime, hourOfWeekLabel, type HourCounts } from "../predictions/send-time"
import type { QuietHours } from "./pressure"
import type { SendEmailStep, StepRunResult } from "./types"

export type BestTimeFacts = {
  /** The contact's time zone, or the store's. */
  time_zone: string
  /** The contact's own human opens and clicks per hour of the week (none: the store pattern decides). */
  counts: HourCounts
  /** The store pattern's shares, or null without one. */
  shares: readonly number[] | null
  /** This visit was already held for the best time: its hour has come. */
  held_before: boolean
}

/** The held step run, or null when the email goes now (not `best_time`, held before, the best hour is now, nothing known). */
export function bestTimeHold(
  step: SendEmailStep,
  facts: BestTimeFacts | undefined,
  input: { now: Date; quiet_hours: QuietHours | null; variant?: string | null }
): StepRunResult | null {
  if (step.send_at !== "best_time" || !facts || facts.held_before) return null
  const choice = chooseBestSendTime({
    now: input.now, time_zone: facts.time_zone, counts: facts.counts, shares: facts.shares, quiet_hours: input.quiet_hours,
  })
  if (choice.send_now) return null
  const retryAt = choice.at.toISOString()
  return {
    outcome: "held",
    reason: "best_time",
    retry_at: retryAt,
    variant: input.variant ?? undefined,
    data: { retry_at: retryAt, time_zone: facts.time_zone, best_hour: choice.hour, best_hour_label: hourOfWeekLabel(choice.hour) },
  }
}
