import randu from "@stdlib/random-base-randu"
import { areaUnderCurve, fitPurchasePropensity, oddsLabel, oddsRatios, purchaseProbability } from "../propensity"

const FEATURES = ["viewed_3_products_in_7_days", "engaged_minutes", "opened_an_email", "odd_signup_day"]
// The true model: base odds e^−3, ×2.4 for 3+ product views, ×1.1 per engaged minute, ×1.5 for an opened email, nothing for the signup day
const TRUE_WEIGHTS = [Math.log(2.4), Math.log(1.1), Math.log(1.5), 0]
const TRUE_INTERCEPT = -3

function leads(count: number, seed: number) {
  const u = randu.factory({ seed })
  const rows: number[][] = []
  const bought: boolean[] = []
  const chance: number[] = []
  for (let i = 0; i < count; i++) {
    const row = [u() < 0.3 ? 1 : 0, -5 * Math.log(1 - u()), u() < 0.4 ? 1 : 0, u() < 0.5 ? 1 : 0]
    const eta = TRUE_INTERCEPT + row.reduce((s, v, j) => s + v * TRUE_WEIGHTS[j], 0)
    const p = 1 / (1 + Math.exp(-eta))
    rows.push(row)
    chance.push(p)
    bought.push(u() < p)
  }
  return { rows, bought, chance }
}

describe("purchase propensity", () => {
  const train = leads(20_000, 3)
  const model = fitPurchasePropensity(train.rows, train.bought, FEATURES)

  it("recovers a strong known effect, and finds none where there is none", () => {
    expect(model.converged).toBe(true)
    expect(model.iterations).toBeLessThan(15)
    const odds = oddsRatios(model)
    const viewed = odds[0]
    expect(viewed.odds_ratio).toBeGreaterThan(2)
    expect(viewed.odds_ratio).toBeLessThan(2.9)
    expect(viewed.low).toBeLessThan(2.4)
    expect(viewed.high).toBeGreaterThan(2.4)
    expect(odds[1].odds_ratio).toBeCloseTo(1.1, 1)
    // No effect: the interval straddles 1
    expect(odds[3].low).toBeLessThan(1)
    expect(odds[3].high).toBeGreaterThan(1)
    expect(model.intercept).toBeCloseTo(TRUE_INTERCEPT, 0)
  })

  it("without a penalty solves the likelihood equations: predicted buyers equal buyers, overall and per feature", () => {
    const plain = fitPurchasePropensity(train.rows, train.bought, FEATURES, { ridge: 0 })
    const p = train.rows.map((row) => purchaseProbability(plain, row))
    const buyers = train.bought.filter(Boolean).length
    expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(buyers, 4)
    for (let j = 0; j < FEATURES.length; j++) {
      const predicted = train.rows.reduce((s, row, i) => s + p[i] * row[j], 0)
      const actual = train.rows.reduce((s, row, i) => s + (train.bought[i] ? row[j] : 0), 0)
      expect(predicted).toBeCloseTo(actual, 3)
    }
  })

  it("ranks held-out leads about as well as the true probabilities do", () => {
    const test = leads(10_000, 4)
    const auc = areaUnderCurve(test.rows.map((row) => purchaseProbability(model, row)), test.bought)
    const best = areaUnderCurve(test.chance, test.bought)
    expect(best).toBeGreaterThan(0.65)
    expect(Math.abs(auc - best)).toBeLessThan(0.01)
  })

  it("keeps a perfectly separating feature at a finite weight", () => {
    const rows = [[0], [0], [0], [1], [1], [1]]
    const separated = fitPurchasePropensity(rows, [false, false, false, true, true, true], ["ordered_a_sample"])
    expect(separated.converged).toBe(true)
    expect(Number.isFinite(separated.weights[0])).toBe(true)
    expect(purchaseProbability(separated, [1])).toBeGreaterThan(purchaseProbability(separated, [0]))
  })

  it("refuses rows that do not match the features", () => {
    expect(() => fitPurchasePropensity([[1, 2], [3]], [true, false], ["a", "b"])).toThrow("rows[1] has 1 values for 2 features")
    expect(() => fitPurchasePropensity([[NaN]], [true], ["a"])).toThrow("rows[0][0] (a) must be a finite number")
  })

  it("words odds ratios as the admin shows them", () => {
    expect(oddsLabel(2.4321)).toBe("×2.4 odds")
    expect(oddsLabel(0.4234)).toBe("×0.42 odds")
    expect(oddsLabel(12.6)).toBe("×13 odds")
  })
})

describe("area under the ROC curve", () => {
  it("is 1 for a perfect separator, 0 for one upside down and ½ for ties", () => {
    expect(areaUnderCurve([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1)
    expect(areaUnderCurve([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0)
    expect(areaUnderCurve([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5)
    // Of the four buyer/non-buyer pairs, three are ordered right
    expect(areaUnderCurve([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75)
    expect(areaUnderCurve([0.1, 0.2], [1, 1])).toBeNaN()
  })

  it("is about ½ for a random score", () => {
    const u = randu.factory({ seed: 9 })
    const n = 20_000
    const bought = Array.from({ length: n }, () => u() < 0.1)
    const auc = areaUnderCurve(Array.from({ length: n }, () => u()), bought)
    const positives = bought.filter(Boolean).length
    // Under no effect, U has variance n₁n₀(n+1)/12
    const se = Math.sqrt((n + 1) / (12 * positives * (n - positives)))
    expect(Math.abs(auc - 0.5)).toBeLessThan(4 * se)
  })
})
