import { type BucketRule, type BucketState, type TakeResult, isFull, takeToken } from "./token-bucket"

/** Buckets in this process's memory: what one instance uses without Redis, and when Redis fails. */
export class MemoryBuckets {
  private readonly buckets = new Map<string, { state: BucketState; rule: BucketRule }>()
  private lastSweep = 0

  /** `maxKeys` bounds memory when a flood comes from many addresses. */
  constructor(private readonly maxKeys = 100_000, private readonly clock: () => number = Date.now) {}

  take(key: string, rule: BucketRule): TakeResult {
    const now = this.clock()
    const held = this.buckets.get(key)
    const result = takeToken(held?.state, now, rule)
    if (!held) this.sweep(now)
    this.buckets.set(key, { state: result.state, rule })
    return result
  }

  get size(): number {
    return this.buckets.size
  }

  /** At the cap: forgets full buckets (the same as unseen ones) once a second, then the oldest keys. */
  private sweep(now: number): void {
    if (this.buckets.size < this.maxKeys) return
    if (now - this.lastSweep >= 1000) {
      this.lastSweep = now
      for (const [key, { state, rule }] of this.buckets) {
        if (isFull(state, now, rule)) this.buckets.delete(key)
      }
    }
    // Still at the cap: a flood of distinct keys. Map order is insertion order, so these are the oldest.
    for (const key of this.buckets.keys()) {
      if (this.buckets.size < this.maxKeys) break
      this.buckets.delete(key)
    }
  }
}
