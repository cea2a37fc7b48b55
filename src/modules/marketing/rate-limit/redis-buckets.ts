import Redis from "ioredis"
import { type BucketRule, refillMs } from "./token-bucket"

// takeToken's arithmetic, atomic in Redis, on the Redis server's clock (instances' clocks may differ).
const TAKE_SCRIPT = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local held = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = burst
if held[1] then
  tokens = math.min(burst, tonumber(held[1]) + math.max(0, now - tonumber(held[2])) / 1000 * rate)
end
local allowed = 0
local retry = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  retry = math.ceil((1 - tokens) / rate * 1000)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]))
return { allowed, retry }
`

type TakeCommand = (key: string, perSecond: number, burst: number, ttlMs: number) => Promise<[number, number]>

/** Buckets every instance shares through one Redis. */
export class RedisBuckets {
  private readonly redis: Redis & { mmaTakeToken?: TakeCommand }
  private readonly firstConnection: Promise<unknown>

  constructor(url: string, private readonly prefix: string) {
    // Fail fast instead of queueing: a request must never wait on a Redis that is down.
    this.redis = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2000,
      commandTimeout: 500,
    })
    this.redis.defineCommand("mmaTakeToken", { numberOfKeys: 1, lua: TAKE_SCRIPT })
    // ioredis reconnects by itself; errors are reported by the callers that meet them.
    this.redis.on("error", () => undefined)
    this.firstConnection = this.redis.connect().catch(() => undefined)
  }

  async take(key: string, rule: BucketRule): Promise<{ allowed: boolean; retryAfterMs: number }> {
    // Right after start the connection is still opening: wait for it briefly rather than count in memory.
    if (this.redis.status !== "ready") await Promise.race([this.firstConnection, new Promise((r) => setTimeout(r, 1000).unref())])
    const [allowed, retry] = await this.redis.mmaTakeToken!(this.prefix + key, rule.perSecond, rule.burst, refillMs(rule) + 1000)
    return { allowed: allowed === 1, retryAfterMs: Number(retry) }
  }

  async close(): Promise<void> {
    this.redis.disconnect()
  }
}
