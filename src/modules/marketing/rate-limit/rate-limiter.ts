import { createHash } from "crypto"
import { MemoryBuckets } from "./memory-buckets"
import { RedisBuckets } from "./redis-buckets"
import type { BucketRule } from "./token-bucket"

export type RateLimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number; bucket: string }

/**
 * Named token buckets, in Redis when a URL is given (one count for every
 * instance), else in this process. When Redis fails, the same request is
 * counted in memory instead: a Redis outage never blocks the store's traffic.
 */
export class RateLimiter {
  private readonly memory = new MemoryBuckets()
  private readonly redis: RedisBuckets | null
  private readonly onRedisError?: (error: unknown) => void
  private lastWarning = 0

  constructor(options: { redisUrl?: string | null; keyPrefix: string; onRedisError?: (error: unknown) => void }) {
    this.redis = options.redisUrl ? new RedisBuckets(options.redisUrl, options.keyPrefix) : null
    this.onRedisError = options.onRedisError
  }

  /**
   * Takes a token from each bucket in order; the first one empty decides. The
   * keys are hashed: they come from the request (addresses, publishable keys).
   */
  async check(buckets: { name: string; key: string; rule: BucketRule }[]): Promise<RateLimitVerdict> {
    for (const { name, key, rule } of buckets) {
      const id = `${name}:${createHash("sha256").update(key).digest("base64url").slice(0, 22)}`
      const { allowed, retryAfterMs } = await this.take(id, rule)
      if (!allowed) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)), bucket: name }
    }
    return { allowed: true }
  }

  private async take(id: string, rule: BucketRule): Promise<{ allowed: boolean; retryAfterMs: number }> {
    if (this.redis) {
      try {
        return await this.redis.take(id, rule)
      } catch (e) {
        if (Date.now() - this.lastWarning > 60_000) {
          this.lastWarning = Date.now()
          this.onRedisError?.(e)
        }
      }
    }
    return this.memory.take(id, rule)
  }

  async close(): Promise<void> {
    await this.redis?.close()
  }
}
