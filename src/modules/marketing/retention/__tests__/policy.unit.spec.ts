import { RETAINED_EVENT_TYPES, isPurgeable, retentionCutoff, runDay } from "../policy"

describe("retention policy", () => {
  it("cuts off whole UTC days before the start of today", () => {
    const now = new Date("2026-12-07T13:45:10.123Z")
    expect(retentionCutoff(now, 730)?.toISOString()).toBe("2024-12-07T00:00:00.000Z")
    expect(retentionCutoff(now, 1)?.toISOString()).toBe("2026-12-06T00:00:00.000Z")
    // Two runs on one day agree on the cut-off.
    expect(retentionCutoff(new Date("2026-12-07T00:00:00.000Z"), 30)).toEqual(retentionCutoff(new Date("2026-12-07T23:59:59.999Z"), 30))
  })

  it("is off for 0 and null", () => {
    expect(retentionCutoff(new Date(), 0)).toBeNull()
    expect(retentionCutoff(new Date(), null)).toBeNull()
    expect(retentionCutoff(new Date(), undefined)).toBeNull()
  })

  it("keeps the orders' facts and deletes behaviour", () => {
    expect(RETAINED_EVENT_TYPES).toEqual(["order_placed", "order_canceled"])
    expect(isPurgeable("order_placed")).toBe(false)
    expect(isPurgeable("order_canceled")).toBe(false)
    for (const type of ["page_viewed", "product_viewed", "identify", "email_opened", "cart_updated", "custom:review"]) {
      expect(isPurgeable(type)).toBe(true)
    }
  })

  it("names the run by its UTC day", () => {
    expect(runDay(new Date("2026-12-07T23:59:59.000Z"))).toBe("2026-12-07")
    expect(runDay(new Date("2026-12-08T00:00:00.000Z"))).toBe("2026-12-08")
  })
})
