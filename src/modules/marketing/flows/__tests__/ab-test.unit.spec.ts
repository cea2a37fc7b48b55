import { chiSquareTest, decideAbWinner, twoProportionZTest, welchZTest, type VariantSample } from "../ab-test"

describe("two-proportion z-test", () => {
  it("matches a hand computation (60/500 against 40/500)", () => {
    // pooled p = 0.1, se = √(0.1·0.9·(2/500)) = 0.0189737, z = 0.04 / se = 2.10819
    const r = twoProportionZTest(60, 500, 40, 500)
    expect(r.z).toBeCloseTo(2.10819, 4)
    // Φ(2.10819) = 0.982491 (normal table): p = 2·(1 − Φ) = 0.035019
    expect(r.p_value).toBeCloseTo(0.03502, 4)
  })

  it("is symmetric and gives no evidence when nothing varies", () => {
    const a = twoProportionZTest(40, 500, 60, 500)
    expect(a.z).toBeCloseTo(-2.10819, 4)
    expect(a.p_value).toBeCloseTo(0.03502, 4)
    expect(twoProportionZTest(0, 500, 0, 500)).toEqual({ z: 0, p_value: 1 })
    expect(twoProportionZTest(500, 500, 500, 500)).toEqual({ z: 0, p_value: 1 })
  })

  it("agrees with the 2×2 chi-square (χ² = z², same p)", () => {
    const z = twoProportionZTest(75, 600, 50, 620)
    const c = chiSquareTest([{ successes: 75, recipients: 600 }, { successes: 50, recipients: 620 }])
    expect(c.df).toBe(1)
    expect(c.chi2).toBeCloseTo(z.z ** 2, 8)
    expect(c.p_value).toBeCloseTo(z.p_value, 8)
  })
})

describe("chi-square test of independence", () => {
  it("matches a hand computation with 3 variants (closed form for 2 degrees of freedom)", () => {
    // 30/500, 50/500, 70/500: successes 150 of 1500, expected 50 and 450 per row
    // χ² = (400/50 + 400/450)·2 + 0 = 17.7778; for df = 2, p = e^(−χ²/2) = 1.3888e−4
    const r = chiSquareTest([{ successes: 30, recipients: 500 }, { successes: 50, recipients: 500 }, { successes: 70, recipients: 500 }])
    expect(r.df).toBe(2)
    expect(r.chi2).toBeCloseTo(17.77778, 4)
    expect(r.p_value).toBeCloseTo(Math.exp(-17.77778 / 2), 8)
  })

  it("gives p = 0.05 at the tabled critical values", () => {
    // df = 2: 5.991465 (table); e^(−5.991465/2) = 0.05
    expect(Math.exp(-5.991465 / 2)).toBeCloseTo(0.05, 6)
    // No successes anywhere: no evidence
    expect(chiSquareTest([{ successes: 0, recipients: 10 }, { successes: 0, recipients: 10 }, { successes: 0, recipients: 10 }]).p_value).toBe(1)
  })
})

describe("Welch's z-test on means", () => {
  it("matches a hand computation", () => {
    // a: n = 4, values 0, 0, 10, 30 → mean 10, s² = (0+0+100+900 − 1600/4·… ) computed: Σx = 40, Σx² = 1000, s² = (1000 − 400)/3 = 200
    // b: n = 4, values 0, 0, 0, 8 → mean 2, Σx² = 64, s² = (64 − 16)/3 = 16
    // se = √(200/4 + 16/4) = √54 = 7.348469, z = 8 / se = 1.088662, p = 2(1 − Φ(1.088662)) = 0.27630
    const r = welchZTest({ n: 4, sum: 40, sum_sq: 1000 }, { n: 4, sum: 8, sum_sq: 64 })
    expect(r.z).toBeCloseTo(1.088662, 5)
    expect(r.p_value).toBeCloseTo(0.2763, 3)
  })

  it("gives no evidence when nobody spent anything", () => {
    expect(welchZTest({ n: 500, sum: 0, sum_sq: 0 }, { n: 500, sum: 0, sum_sq: 0 })).toEqual({ z: 0, p_value: 1 })
  })
})

const rate = (key: string, recipients: number, successes: number): VariantSample => ({ key, recipients, successes })

describe("decideAbWinner", () => {
  it("picks the better click rate once both variants reach the minimum sample", () => {
    const v = decideAbWinner([rate("a", 500, 40), rate("b", 500, 60)], { metric: "click_rate" })
    expect(v).toMatchObject({ winner: "b", test: "z_test", reason: "significant" })
    expect(v.p_value).toBeCloseTo(0.03502, 4)
    expect(v.samples.b).toEqual({ recipients: 500, successes: 60, value: 0.12 })
  })

  it("never decides before every variant has min_sample recipients, however clear", () => {
    const v = decideAbWinner([rate("a", 499, 0), rate("b", 2000, 1000)], { metric: "click_rate" })
    expect(v).toMatchObject({ winner: null, reason: "below_min_sample", p_value: null })
    expect(decideAbWinner([rate("a", 99, 0), rate("b", 99, 90)], { metric: "click_rate", min_sample: 100 }).winner).toBeNull()
    expect(decideAbWinner([rate("a", 100, 0), rate("b", 100, 90)], { metric: "click_rate", min_sample: 100 }).winner).toBe("b")
  })

  it("respects the confidence level", () => {
    // p = 0.035: significant at 95 %, not at 99 %
    expect(decideAbWinner([rate("a", 500, 40), rate("b", 500, 60)], { metric: "conversion_rate", confidence: 0.99 }))
      .toMatchObject({ winner: null, reason: "not_significant" })
  })

  it("never produces a winner from a tie", () => {
    const v = decideAbWinner([rate("a", 5000, 500), rate("b", 5000, 500)], { metric: "click_rate" })
    expect(v).toMatchObject({ winner: null, reason: "tie" })
    // Two best variants tied, the third far behind: significant overall, still no winner
    const w = decideAbWinner([rate("a", 1000, 200), rate("b", 1000, 200), rate("c", 1000, 10)], { metric: "click_rate" })
    expect(w.p_value!).toBeLessThan(0.001)
    expect(w).toMatchObject({ winner: null, reason: "tie", test: "chi_square" })
  })

  it("uses the chi-square test for 3 variants and names the best rate", () => {
    const v = decideAbWinner([rate("a", 500, 30), rate("b", 500, 50), rate("c", 500, 70)], { metric: "click_rate" })
    expect(v).toMatchObject({ winner: "c", test: "chi_square", reason: "significant" })
    expect(v.statistic).toBeCloseTo(17.77778, 4)
  })

  it("decides revenue per recipient with Welch's z-test, Bonferroni over the comparisons", () => {
    // a: 500 recipients, 50 orders of 100 → mean 10, Σx² = 50·10000 = 500000, s² = (500000 − 50000)/499 = 901.80
    // b: 500 recipients, 20 orders of 100 → mean 4, Σx² = 200000, s² = (200000 − 8000)/499 = 384.77
    // se = √(901.80/500 + 384.77/500) = 1.60410, z = 6 / se = 3.7404, p ≈ 1.84e−4
    const a = { key: "a", recipients: 500, sum: 5000, sum_sq: 500000 }
    const b = { key: "b", recipients: 500, sum: 2000, sum_sq: 200000 }
    const v = decideAbWinner([b, a], { metric: "revenue_per_recipient" })
    expect(v).toMatchObject({ winner: "a", test: "welch_z", reason: "significant" })
    expect(v.statistic).toBeCloseTo(3.7404, 3)
    expect(v.p_value!).toBeCloseTo(1.84e-4, 5)
    expect(v.samples.a).toEqual({ recipients: 500, revenue: 5000, value: 10 })
    // A third variant equal to b: two comparisons, the larger p doubled
    const three = decideAbWinner([a, b, { ...b, key: "c" }], { metric: "revenue_per_recipient" })
    expect(three.winner).toBe("a")
    expect(three.p_value!).toBeCloseTo(2 * v.p_value!, 8)
    // Equal revenue: a tie
    expect(decideAbWinner([a, { ...a, key: "b" }], { metric: "revenue_per_recipient" }).reason).toBe("tie")
  })
})
