/** A bucket's refill rate and size. */
export type BucketRule = { perSecond: number; burst: number }

/** What a bucket holds between requests: its tokens when last touched, and when that was (ms). */
export type BucketState = { tokens: number; at: number }

export type TakeResult = { allowed: boolean; retryAfterMs: number; state: BucketState }

/**
 * Takes one token. A bucket never seen starts full; it refills at
 * `perSecond` up to `burst`. When empty, `retryAfterMs` says when the next
 * token arrives. The Redis script in redis-buckets.ts does the same arithmetic.
 */
export function takeToken(state: BucketState | undefined, now: number, rule: BucketRule): TakeResult {
  const elapsed = state ? Math.max(0, now - state.at) : 0
  const tokens = state ? Math.min(rule.burst, state.tokens + (elapsed / 1000) * rule.perSecond) : rule.burst
  if (tokens >= 1) return { allowed: true, retryAfterMs: 0, state: { tokens: tokens - 1, at: now } }
  return { allowed: false, retryAfterMs: Math.ceil(((1 - tokens) / rule.perSecond) * 1000), state: { tokens, at: now } }
}

/** True when the bucket has refilled to the brim: keeping it or forgetting it is the same. */
export function isFull(state: BucketState, now: number, rule: BucketRule): boolean {
  return state.tokens + (Math.max(0, now - state.at) / 1000) * rule.perSecond >= rule.burst
}

/** How long a bucket takes to refill from empty: a stored bucket may expire after that. */
export function refillMs(rule: BucketRule): number {
  return Math.ceil((rule.burst / rule.perSecond) * 1000)
}
