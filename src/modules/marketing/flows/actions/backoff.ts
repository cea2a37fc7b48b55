/** Attempts in all, the first included, before a webhook step fails. */
export const WEBHOOK_MAX_ATTEMPTS = 5
/** The first retry waits this long; each next one twice as long. */
export const WEBHOOK_BASE_DELAY_SECONDS = 60
export const WEBHOOK_MAX_DELAY_SECONDS = 6 * 3600

/**
 * When to try again after attempt number `attempt` (1-based) failed, or null
 * when the attempt budget is spent: 1 min, 2 min, 4 min, 8 min… capped at
 * 6 hours. No jitter: one enrolment's retries are not a thundering herd, and
 * a fixed schedule is what a receiver's operator can reason about.
 */
export function webhookRetryAt(
  attempt: number,
  now: Date,
  maxAttempts = WEBHOOK_MAX_ATTEMPTS,
  baseDelaySeconds = WEBHOOK_BASE_DELAY_SECONDS
): Date | null {
  if (attempt >= maxAttempts) return null
  const seconds = Math.min(baseDelaySeconds * 2 ** (attempt - 1), WEBHOOK_MAX_DELAY_SECONDS)
  return new Date(now.getTime() + seconds * 1000)
}

/** Whether a response status means "try again" (the receiver may recover) rather than "give up". */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500
}
