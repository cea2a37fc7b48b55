import chisquareCdf from "@stdlib/stats-base-dists-chisquare-cdf"
import gamma from "@stdlib/random-base-gamma"
import {
  bgNbdLogLikelihood, expectedOrders, expectedOrdersOfNewCustomer, fitBgNbd, groupSummaries,
  probabilityActive, weeksToNextOrder, type BgNbdParams, type PurchaseSummary,
} from "../bg-nbd"
import { simulateBgNbd } from "./simulate"

// The paper's CDNOW estimates, rounded as it prints them, and to the digits it uses in its worked example
const CDNOW: BgNbdParams = { r: 0.24, alpha: 4.41, a: 0.79, b: 2.43 }
const CDNOW_FIT: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }
const summary = (x: number, tx: number, T: number): PurchaseSummary => ({ repeat_orders: x, weeks_first_to_last: tx, weeks_since_first: T })

describe("BG/NBD log-likelihood", () => {
  it("matches a hand computation of the paper's equation 6 for three customers", () => {
    const params = { r: 0.5, alpha: 2, a: 0.8, b: 2.5 }
    // For whole x the gamma and beta ratios are finite products:
    // Γ(r+x)/Γ(r) = r(r+1)…(r+x−1); B(a,b+x)/B(a,b) = Π b+j / a+b+j;
    // B(a+1,b+x−1)/B(a,b) = a Π_{j<x−1}(b+j) / Π_{j<x}(a+b+j); and α^r = 2^0.5.
    // x = 0, T = 10: (α/(α+T))^r
    const first = Math.pow(2 / 12, 0.5)
    // x = 2, t_x = 5, T = 10
    const second = 0.5 * 1.5 * Math.SQRT2 * (((2.5 * 3.5) / (3.3 * 4.3)) * Math.pow(12, -2.5) + ((0.8 * 2.5) / (3.3 * 4.3)) * Math.pow(7, -2.5))
    // x = 1, t_x = 8, T = 12
    const third = 0.5 * Math.SQRT2 * ((2.5 / 3.3) * Math.pow(14, -1.5) + (0.8 / 3.3) * Math.pow(10, -1.5))
    const expected = Math.log(first) + Math.log(second) + Math.log(third)
    expect(expected).toBeCloseTo(-11.0592, 4) // pinned, so an edit to the hand formula shows
    const rows = [summary(0, 0, 10), summary(2, 5, 10), summary(1, 8, 12)]
    expect(bgNbdLogLikelihood(params, rows)).toBeCloseTo(expected, 10)
    // Grouping identical rows weighs them, it does not change the sum
    const doubled = [...rows, ...rows]
    expect(bgNbdLogLikelihood(params, groupSummaries(doubled, 0))).toBeCloseTo(2 * expected, 10)
    expect(groupSummaries(doubled, 0).repeat_orders.length).toBe(3)
  })

  it("stays finite where the linear-space formula under- or overflows", () => {
    // (α+T)^−(r+x) with x = 400 is far below the smallest double
    const ll = bgNbdLogLikelihood(CDNOW, [summary(400, 300, 310), summary(0, 0, 5000)])
    expect(Number.isFinite(ll)).toBe(true)
    expect(probabilityActive(CDNOW, summary(400, 10, 310))).toBe(0)
    expect(probabilityActive(CDNOW, summary(400, 310, 310))).toBeGreaterThan(0.99)
  })

  it("groups day-rounded summaries and refuses impossible ones by their index", () => {
    const g = groupSummaries([summary(0, 0, 10), summary(0, 0, 10 + 0.2 / 7), summary(1, 3, 10)])
    expect(g.repeat_orders.length).toBe(2)
    expect(Array.from(g.customers_in_group)).toEqual([2, 1])
    expect(g.customers).toBe(3)
    expect(() => groupSummaries([summary(0, 0, 3), summary(1, 5, 3)])).toThrow("summaries[1].weeks_first_to_last")
    expect(() => groupSummaries([summary(1.5, 1, 3)])).toThrow("summaries[0].repeat_orders")
    expect(() => groupSummaries([summary(0, 1, 3)])).toThrow("without a repeat order")
  })
})

/**
 * E[Y(t) | x, t_x, T] and P(active) without 2F1: λ is integrated in closed
 * form and p numerically. Given λ, p and being active at T, a customer places
 * (1/p)(1 − e^{−λpt}) orders in t weeks (the paper's equation 7); weighting by
 * the posterior and integrating λ out leaves, up to a common factor,
 *   N = ∫ Beta(p) (1−p)^x [(α+T)^−k − (α+T+pt)^−k] / p dp        (k = r+x)
 *   D = ∫ Beta(p) [(1−p)^x (α+T)^−k + [x>0] p(1−p)^(x−1) (α+t_x)^−k] dp
 * with E = N/D and P(active) = (the first part of D)/D. The substitution
 * p = s^(1/a) removes Beta's p^(a−1) singularity; a midpoint rule does the rest.
 */
function byIntegration(params: BgNbdParams, s: PurchaseSummary, t: number) {
  const { r, alpha, a, b } = params
  const { repeat_orders: x, weeks_first_to_last: tx, weeks_since_first: T } = s
  const k = r + x
  const steps = 50_000
  let n = 0
  let alive = 0
  let stopped = 0
  for (let i = 0; i < steps; i++) {
    const p = Math.pow((i + 0.5) / steps, 1 / a)
    const w = Math.pow(1 - p, b - 1) // Beta density × dp/ds, up to a constant
    n += (w * Math.pow(1 - p, x) * (Math.pow(alpha + T, -k) - Math.pow(alpha + T + p * t, -k))) / p
    alive += w * Math.pow(1 - p, x) * Math.pow(alpha + T, -k)
    if (x > 0) stopped += w * p * Math.pow(1 - p, x - 1) * Math.pow(alpha + tx, -k)
  }
  return { expected: n / (alive + stopped), active: alive / (alive + stopped) }
}

describe("BG/NBD predictions", () => {
  it("gives the paper's worked example: x = 2, t_x = 30.43, T = 38.86 expects 1.226 orders in 39 weeks", () => {
    expect(expectedOrders(CDNOW_FIT, summary(2, 30.43, 38.86), 39)).toBeCloseTo(1.226, 3)
  })

  it("agrees with an integration that never calls 2F1, for customers of every kind", () => {
    for (const s of [summary(0, 0, 30), summary(1, 2, 38), summary(2, 30.43, 38.86), summary(7, 35, 36), summary(5, 4, 39)]) {
      const check = byIntegration(CDNOW_FIT, s, 39)
      expect(probabilityActive(CDNOW_FIT, s)).toBeCloseTo(check.active, 6)
      expect(expectedOrders(CDNOW_FIT, s, 39)).toBeCloseTo(check.expected, 5)
    }
  })

  it("treats a customer silent since long ago as likely gone, and a one-order customer as never gone", () => {
    expect(probabilityActive(CDNOW_FIT, summary(5, 4, 39))).toBeLessThan(0.05)
    expect(probabilityActive(CDNOW_FIT, summary(0, 0, 39))).toBe(1)
    expect(expectedOrders(CDNOW_FIT, summary(3, 10, 39), 0)).toBe(0)
  })

  it("expects as many repeat orders from a new customer as simulated customers place", () => {
    for (const [weeks, seed] of [[13, 11], [52, 12]]) {
      // Everyone's first order at week 0; the "holdout" is their first `weeks` weeks
      const counts = simulateBgNbd(CDNOW, { customers: 40_000, cohortWeeks: 0, calibrationWeeks: 0, holdoutWeeks: weeks, seed }).holdout_repeat_orders
      const mean = counts.reduce((s, v) => s + v, 0) / counts.length
      const sd = Math.sqrt(counts.reduce((s, v) => s + (v - mean) ** 2, 0) / counts.length)
      expect(Math.abs(expectedOrdersOfNewCustomer(CDNOW, weeks) - mean)).toBeLessThan((4 * sd) / Math.sqrt(counts.length))
    }
  })

  it("puts the next order of an active customer at the median of their wait", () => {
    const s = summary(3, 20, 30)
    const weeks = weeksToNextOrder(CDNOW_FIT, s)
    // Draw the wait directly: λ from its posterior Gamma(r+x, α+T), then an exponential wait
    const rate = gamma.factory(CDNOW_FIT.r + 3, CDNOW_FIT.alpha + 30, { seed: 5 })
    let sooner = 0
    const draws = 100_000
    for (let i = 0; i < draws; i++) if (-Math.log(1 - (i + 0.5) / draws) / rate() < weeks) sooner++
    // Binomial standard error at one half: 0.5 / √draws
    expect(Math.abs(sooner / draws - 0.5)).toBeLessThan(4 * (0.5 / Math.sqrt(draws)))
  })
})

describe("BG/NBD fit", () => {
  // 10,000 customers with first orders over 12 weeks and a 39-week calibration, as in the paper
  const store = simulateBgNbd(CDNOW, { customers: 10_000, cohortWeeks: 12, calibrationWeeks: 39, holdoutWeeks: 0, seed: 20 })
  const fit = fitBgNbd(store.calibration, { resolutionWeeks: 0 })

  it("finds the maximum: no worse than the true parameters, and not further above them than chance allows", () => {
    const atTruth = bgNbdLogLikelihood(CDNOW, store.calibration)
    expect(fit.converged).toBe(true)
    expect(fit.log_likelihood).toBeGreaterThanOrEqual(atTruth - 1e-6)
    // Likelihood ratio: 2(LL(fit) − LL(truth)) is χ² with 4 degrees of freedom when the model is right
    expect(chisquareCdf(2 * (fit.log_likelihood - atTruth), 4)).toBeLessThan(0.999)
  })

  it("recovers the parameters the customers were drawn from", () => {
    // Across 12 seeds at this size the estimates strayed up to 5% (r), 12% (α)
    // and 25% (a, b: dropout is seen through few stops); the bounds leave room beyond that
    const { r, alpha, a, b } = fit.params
    expect(Math.abs(r / CDNOW.r - 1)).toBeLessThan(0.1)
    expect(Math.abs(alpha / CDNOW.alpha - 1)).toBeLessThan(0.2)
    expect(Math.abs(a / CDNOW.a - 1)).toBeLessThan(0.35)
    expect(Math.abs(b / CDNOW.b - 1)).toBeLessThan(0.35)
  })

  it("gives the same answer on day-rounded groups, from far fewer rows", () => {
    // Started from the exact fit, as the nightly fit starts from the last night's (and the test runs in a third of the time)
    const grouped = fitBgNbd(store.calibration, { initial: fit.params })
    expect(grouped.groups).toBeLessThan(store.calibration.length / 2)
    for (const key of ["r", "alpha", "a", "b"] as const) expect(grouped.params[key] / fit.params[key]).toBeCloseTo(1, 1)
  })
})
