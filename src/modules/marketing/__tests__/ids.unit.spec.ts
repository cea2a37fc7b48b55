import { decodeTime } from "ulid"
import { newEntityId } from "../ids"

describe("newEntityId", () => {
  it("makes Medusa's id shape: the prefix, then a ULID of the current time", () => {
    const before = Date.now()
    const id = newEntityId("mcon")
    expect(id).toMatch(/^mcon_[0-9A-HJKMNP-TV-Z]{26}$/)
    expect(decodeTime(id.slice(5))).toBeGreaterThanOrEqual(before)
    expect(decodeTime(id.slice(5))).toBeLessThanOrEqual(Date.now())
  })

  it("never repeats, and spreads its random part over the whole alphabet", () => {
    // 20,000 ids cross the 4 KB pool of random bytes about 80 times.
    const ids = Array.from({ length: 20_000 }, () => newEntityId("mevt"))
    expect(new Set(ids).size).toBe(ids.length)
    const seen = new Map<string, number>()
    for (const id of ids) for (const ch of id.slice(15)) seen.set(ch, (seen.get(ch) ?? 0) + 1)
    expect(seen.size).toBe(32)
    // 320,000 characters: each of the 32 expected 10,000 times; a biased draw would be far off.
    for (const n of seen.values()) expect(Math.abs(n - 10_000)).toBeLessThan(600)
  })
})
