import { LEAD_FEATURES, featureMatrix, varyingFeatures, weightsInWords, type LeadRow } from "../lead-features"
import { missingPropensityMinimum } from "../fit-propensity"

const lead = (extra: Partial<LeadRow> = {}): LeadRow => ({
  contact_id: "mcon_1", product_views_7d: 0, product_views_30d: 0, carts_7d: 0, carts_30d: 0, checkouts_30d: 0, page_views_30d: 0,
  sessions_30d: 0, engaged_ms_30d: 0, email_opens_30d: 0, email_clicks_30d: 0, engagement_points: 0, fit_points: 0, first_channel: null, device_type: null,
  bought: false, ...extra,
})

describe("lead features", () => {
  it("turns behaviour into yes/no thresholds, scores into tens of points, channel and device into indicators", () => {
    const keys = ["viewed_3_products_7d", "added_to_cart_30d", "engagement_points", "first_channel_paid_search", "device_mobile"]
    expect(featureMatrix([lead({ product_views_7d: 3, carts_30d: 2, engagement_points: 25, first_channel: "paid_search", device_type: "mobile" })], keys))
      .toEqual([[1, 1, 2.5, 1, 1]])
    expect(featureMatrix([lead({ product_views_7d: 2, first_channel: "direct", device_type: "desktop" })], keys)).toEqual([[0, 0, 0, 0, 0]])
    expect(() => featureMatrix([lead()], ["colour"])).toThrow(RangeError)
    expect(new Set(LEAD_FEATURES.map((f) => f.key)).size).toBe(LEAD_FEATURES.length)
  })

  it("leaves out what never varies in a window", () => {
    const a = [lead(), lead({ carts_7d: 1, carts_30d: 1 })]
    const b = [lead({ carts_7d: 1, carts_30d: 1 }), lead({ carts_30d: 1, device_type: "tablet" })]
    const { used, left_out } = varyingFeatures([a, b])
    expect(used).toEqual(["added_to_cart_7d"])
    expect(left_out).toContain("added_to_cart_30d")
    expect(left_out).toContain("device_tablet")
  })

  it("words each weight as the admin shows it", () => {
    const [w] = weightsInWords([{ feature: "viewed_3_products_7d", odds_ratio: 2.4137, low: 1.8, high: 3.2 }])
    expect(w).toEqual({ feature: "viewed_3_products_7d", odds_ratio: 2.4137, low: 1.8, high: 3.2, words: "viewed 3+ products in 7 days", label: "viewed 3+ products in 7 days: ×2.4 odds" })
  })

  it("says which minimum a window misses", () => {
    const o = { minLeads: 200, minFirstBuyers: 20 }
    expect(missingPropensityMinimum({ day: "2026-10-08", leads: 150, first_buyers: 30 }, o)).toBe("at least 200 leads on 2026-10-08 (150 so far)")
    expect(missingPropensityMinimum({ day: "2026-10-08", leads: 500, first_buyers: 7 }, o))
      .toBe("at least 20 of the leads on 2026-10-08 placing a first order within 30 days (7 so far)")
    expect(missingPropensityMinimum({ day: "2026-10-08", leads: 210, first_buyers: 200 }, o))
      .toBe("at least 20 of the leads on 2026-10-08 not ordering within 30 days (10 so far)")
    expect(missingPropensityMinimum({ day: "2026-10-08", leads: 500, first_buyers: 20 }, o)).toBeNull()
  })
})
