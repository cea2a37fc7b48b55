import { MemoryBuckets } from "../memory-buckets"
import { isFull, takeToken } from "../token-bucket"

describe("takeToken", () => {
  const rule = { perSecond: 2, burst: 3 }

  it("starts full, empties after the burst, and says when the next token comes", () => {
    let state = undefined as ReturnType<typeof takeToken>["state"] | undefined
    const allowed: boolean[] = []
    for (let i = 0; i < 4; i++) {
      const r = takeToken(state, 1000, rule)
      allowed.push(r.allowed)
      state = r.state
    }
    expect(allowed).toEqual([true, true, true, false])
    expect(takeToken(state, 1000, rule).retryAfterMs).toBe(500)
    // Half a token after 250 ms: still no, and 250 ms more to wait.
    expect(takeToken(state, 1250, rule)).toMatchObject({ allowed: false, retryAfterMs: 250 })
    expect(takeToken(state, 1500, rule).allowed).toBe(true)
  })

  it("refills at the rate up to the burst, never beyond", () => {
    const empty = { tokens: 0, at: 0 }
    expect(takeToken(empty, 60_000, rule).state.tokens).toBe(2)
    expect(isFull(empty, 1499, rule)).toBe(false)
    expect(isFull(empty, 1500, rule)).toBe(true)
  })

  it("a clock that goes backwards adds nothing", () => {
    expect(takeToken({ tokens: 0.5, at: 5000 }, 4000, rule)).toMatchObject({ allowed: false, retryAfterMs: 250 })
  })
})

describe("MemoryBuckets", () => {
  it("keeps one bucket per key", () => {
    const buckets = new MemoryBuckets(100, () => 0)
    const rule = { perSecond: 1, burst: 1 }
    expect(buckets.take("a", rule).allowed).toBe(true)
    expect(buckets.take("a", rule).allowed).toBe(false)
    expect(buckets.take("b", rule).allowed).toBe(true)
  })

  it("stays within its key cap under a flood of distinct keys, forgetting full buckets first, then the oldest", () => {
    let now = 0
    const buckets = new MemoryBuckets(1000, () => now)
    const rule = { perSecond: 1, burst: 5 }
    for (let i = 0; i < 5000; i++) buckets.take(`flood-${i}`, rule)
    expect(buckets.size).toBeLessThanOrEqual(1000)
    // A key still in memory keeps its count: the newest ones were kept.
    expect(buckets.take("flood-4999", rule).state.tokens).toBe(3)
    // Ten seconds on, every bucket is full again: the next sweep forgets them all.
    now = 10_000
    buckets.take("late", rule)
    expect(buckets.size).toBeLessThanOrEqual(2)
  })
})
