export * from "./token-bucket"
export { MemoryBuckets } from "./memory-buckets"
export { RateLimiter, type RateLimitVerdict } from "./rate-limiter"
