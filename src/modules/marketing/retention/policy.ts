/**
 * The storage limitation (GDPR art. 5(1)(e)) for behavioural events, Medusa-free:
 * what the nightly purge deletes, and from when.
 */

/**
 * Event types the purge keeps: the orders' facts on the contact. RFM, order
 * counts, predictions, first-order date triggers, purchase segment conditions
 * and the cost of acquisition read them, so they stay as long as the contact.
 */
export const RETAINED_EVENT_TYPES: readonly string[] = ["order_placed", "order_canceled"]

/** Events deleted per statement (each its own short transaction). */
export const PURGE_BATCH_SIZE = 10_000

/** Whether the purge deletes events of this type once they are past the period. */
export function isPurgeable(type: string): boolean {
  return !RETAINED_EVENT_TYPES.includes(type)
}

/**
 * The instant before which behavioural events are deleted: `days` before the
 * start of `now`'s UTC day, so every run of one day agrees on it. Null when
 * retention is off (`days` 0 or null).
 */
export function retentionCutoff(now: Date, days: number | null | undefined): Date | null {
  if (!days) return null
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
  return new Date(day - days * 86_400_000)
}

/** The UTC day a run belongs to (`YYYY-MM-DD`): one run per day across instances. */
export function runDay(now: Date): string {
  return now.toISOString().slice(0, 10)
}

/**
 * A run another instance claimed but that never finished (the instance died)
 * may be taken over after this long; a failed run at once.
 */
export const STALE_RUN_HOURS = 6
