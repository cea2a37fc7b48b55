import { backtest, countByWeek, cumulativeRepeatOrders, type BacktestCustomer } from "../backtest"
import { expectedOrders, expectedOrdersOfNewCustomer, probabilityOfOrderWithin, type BgNbdParams } from "../bg-nbd"
import { BG_NBD } from "../order-model"
import { simulateBgNbd } from "./simulate"

// The BG/NBD tests: backtest and the chart run on BG/NBD when told (MBG/NBD's are in mbg-nbd.unit.spec.ts)

const CDNOW: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }
const customer = (x: number, tx: number, T: number, holdout: number): BacktestCustomer => ({
  repeat_orders: x, weeks_first_to_last: tx, weeks_since_first: T, holdout_repeat_orders: holdout,
})

describe("backtest figures", () => {
  // Ten customers: one per decile, so each decile is one known customer
  const customers = [
    customer(0, 0, 30, 0), customer(0, 0, 5, 1), customer(1, 2, 38, 0), customer(1, 30, 31, 2), customer(2, 30.43, 38.86, 1),
    customer(3, 10, 39, 0), customer(4, 36, 37, 3), customer(7, 35, 36, 6), customer(9, 38, 39, 4), customer(12, 20, 39, 0),
  ]
  const forecasts = customers.map((c) => expectedOrders(CDNOW, c, 26))
  const result = backtest(CDNOW, customers, 26, BG_NBD)

  it("totals forecast and actual repeat orders over the holdout weeks", () => {
    expect(result.total.actual).toBe(17)
    expect(result.total.forecast).toBeCloseTo(forecasts.reduce((s, f) => s + f, 0), 10)
    expect(result.customers).toBe(10)
    expect(result.holdout_weeks).toBe(26)
  })

  it("ranks deciles by forecast, highest first", () => {
    const ranked = forecasts.map((f, i) => ({ f, actual: customers[i].holdout_repeat_orders })).sort((p, q) => q.f - p.f)
    expect(result.deciles.map((d) => d.decile)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(result.deciles.map((d) => d.customers)).toEqual(new Array(10).fill(1))
    result.deciles.forEach((d, i) => {
      expect(d.forecast).toBeCloseTo(ranked[i].f, 10)
      expect(d.actual).toBe(ranked[i].actual)
    })
    // The frequent, recent buyer leads (x = 9, last order a week ago: actual 4); the
    // more frequent but long-silent one (x = 12, silent for 19 weeks) ranks below x = 7
    expect(result.deciles[0].actual).toBe(4)
    expect(forecasts[9]).toBeLessThan(forecasts[7])
  })

  it("splits 25 customers into deciles of 2 or 3, keeping input order among ties", () => {
    const many = Array.from({ length: 25 }, (_, i) => customer(0, 0, 10, i))
    const tied = backtest(CDNOW, many, 26, BG_NBD)
    expect(tied.deciles.map((d) => d.customers)).toEqual([3, 2, 3, 2, 3, 2, 3, 2, 3, 2])
    // Same forecasts: decile 1 takes customers 0-2 (actual 0+1+2), decile 10 the last two (23+24)
    expect(tied.deciles[0].actual).toBe(3)
    expect(tied.deciles[9].actual).toBe(47)
  })

  it("gives the mean absolute error per customer and the paper's rows by calibration repeat orders", () => {
    const mae = forecasts.reduce((s, f, i) => s + Math.abs(f - customers[i].holdout_repeat_orders), 0) / 10
    expect(result.mean_absolute_error).toBeCloseTo(mae, 10)
    expect(result.by_repeat_orders.map((r) => [r.repeat_orders, r.customers, r.actual])).toEqual([
      ["0", 2, 1], ["1", 2, 2], ["2", 1, 1], ["3", 1, 0], ["4", 1, 3], ["7+", 3, 10],
    ])
    expect(result.by_repeat_orders[5].forecast).toBeCloseTo(forecasts[7] + forecasts[8] + forecasts[9], 10)
  })
})

describe("cumulative repeat orders", () => {
  it("adds each cohort's expected repeat orders from its first order on, beside the actual running total", () => {
    // Customer A first ordered at week 0, B at week 1.5; repeat orders happened in weeks 1, 3 and 3
    const points = cumulativeRepeatOrders(CDNOW, [0, 1.5], countByWeek([1.2, 3.1, 3.9], 4), { resolutionWeeks: 0, model: BG_NBD })
    const e = (t: number) => expectedOrdersOfNewCustomer(CDNOW, t)
    expect(points.map((p) => p.week)).toEqual([1, 2, 3, 4])
    expect(points.map((p) => p.actual)).toEqual([0, 1, 1, 3])
    // At the end of week 1, B has not ordered yet
    expect(points[0].forecast).toBeCloseTo(e(1), 12)
    expect(points[1].forecast).toBeCloseTo(e(2) + e(0.5), 12)
    expect(points[3].forecast).toBeCloseTo(e(4) + e(2.5), 12)
  })

  it("counts repeat orders by week, leaving out those past the end", () => {
    expect(countByWeek([0, 0.99, 1, 2.5, 3, 7], 3)).toEqual([2, 1, 1])
  })
})

describe("backtest on customers drawn from the model", () => {
  // With the true parameters nothing is fitted, so forecasts are unbiased and
  // the totals may differ only by chance: 4 standard errors of the summed residuals
  const store = simulateBgNbd(CDNOW, { customers: 20_000, cohortWeeks: 12, calibrationWeeks: 39, holdoutWeeks: 39, seed: 41 })
  const customers = store.calibration.map((s, i) => ({ ...s, holdout_repeat_orders: store.holdout_repeat_orders[i] }))
  const result = backtest(CDNOW, customers, 39, BG_NBD)
  const within = (forecast: number, actual: number, residuals: number[]) => {
    const sd = Math.sqrt(residuals.reduce((s, r) => s + r * r, 0))
    expect(Math.abs(forecast - actual)).toBeLessThan(4 * sd)
  }

  it("forecasts the holdout total, the top decile and the one-order customers", () => {
    const forecasts = customers.map((c) => expectedOrders(CDNOW, c, 39))
    within(result.total.forecast, result.total.actual, forecasts.map((f, i) => f - customers[i].holdout_repeat_orders))
    const zero = customers.map((c, i) => ({ c, f: forecasts[i] })).filter(({ c }) => c.repeat_orders === 0)
    within(result.by_repeat_orders[0].forecast, result.by_repeat_orders[0].actual, zero.map(({ c, f }) => f - c.holdout_repeat_orders))
    const top = result.deciles[0]
    expect(top.actual).toBeGreaterThan(5 * result.deciles[9].actual)
  })

  it("forecasts how many customers order again at all", () => {
    const chances = customers.map((c) => probabilityOfOrderWithin(CDNOW, c, 39))
    const ordered = customers.filter((c) => c.holdout_repeat_orders > 0).length
    const expected = chances.reduce((s, p) => s + p, 0)
    expect(Math.abs(expected - ordered)).toBeLessThan(4 * Math.sqrt(chances.reduce((s, p) => s + p * (1 - p), 0)))
  })

  it("tracks the cumulative curve over calibration and holdout", () => {
    const points = cumulativeRepeatOrders(CDNOW, store.first_order_week, countByWeek(store.repeat_order_weeks, 78), { model: BG_NBD })
    expect(points).toHaveLength(78)
    // The paper's figure: within a few percent all along once orders are in the hundreds
    for (const p of points.filter((q) => q.actual > 500)) expect(Math.abs(p.forecast / p.actual - 1)).toBeLessThan(0.05)
  })
})
