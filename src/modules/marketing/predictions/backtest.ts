/**
 * How good the order forecasts are for this store: fit on all but the last
 * weeks, forecast those weeks, compare with what happened. Inputs are plain
 * arrays, one entry per customer, as a query returns them.
 */
import type { PurchaseSummary } from "./bg-nbd"
import { MBG_NBD, type OrderModel, type OrderModelParams } from "./order-model"

/** A customer's calibration-period summary and the repeat orders they placed in the holdout weeks. */
export type BacktestCustomer = PurchaseSummary & { holdout_repeat_orders: number }

export type ForecastVsActual = { customers: number; forecast: number; actual: number }

export type BacktestResult = {
  holdout_weeks: number
  customers: number
  /** All repeat orders in the holdout weeks. */
  total: ForecastVsActual
  /** Ten groups of customers by forecast, highest forecast first (decile 1 is the top 10%). */
  deciles: (ForecastVsActual & { decile: number })[]
  /**
   * By repeat orders in the calibration period, 0 to 6 and "7+": the paper's
   * figure of conditional expectations.
   */
  by_repeat_orders: (ForecastVsActual & { repeat_orders: string })[]
  /** The mean of |forecast − actual| over customers. */
  mean_absolute_error: number
}

const BY_REPEAT_ORDERS_TOP = 7

/**
 * Forecast vs actual repeat orders over the holdout weeks, in total, by
 * decile and by calibration repeat orders; `params` are `model`'s (MBG/NBD by default).
 */
export function backtest(
  params: OrderModelParams,
  customers: BacktestCustomer[],
  holdoutWeeks: number,
  model: OrderModel = MBG_NBD
): BacktestResult {
  const n = customers.length
  const forecast = new Float64Array(n)
  const cache = new Map<string, number>()
  let totalForecast = 0
  let totalActual = 0
  let absoluteError = 0
  const byX = Array.from({ length: BY_REPEAT_ORDERS_TOP + 1 }, (_, x) => ({
    repeat_orders: x === BY_REPEAT_ORDERS_TOP ? `${x}+` : String(x),
    customers: 0,
    forecast: 0,
    actual: 0,
  }))
  for (let i = 0; i < n; i++) {
    const c = customers[i]
    const key = `${c.repeat_orders}:${c.weeks_first_to_last}:${c.weeks_since_first}`
    let f = cache.get(key)
    if (f === undefined) {
      f = model.expectedOrders(params, c, holdoutWeeks)
      cache.set(key, f)
    }
    forecast[i] = f
    totalForecast += f
    totalActual += c.holdout_repeat_orders
    absoluteError += Math.abs(f - c.holdout_repeat_orders)
    const row = byX[Math.min(c.repeat_orders, BY_REPEAT_ORDERS_TOP)]
    row.customers++
    row.forecast += f
    row.actual += c.holdout_repeat_orders
  }
  // Highest forecast first; ties keep the input order, so the same data gives the same deciles
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => forecast[j] - forecast[i] || i - j)
  const deciles = Array.from({ length: 10 }, (_, d) => ({ decile: d + 1, customers: 0, forecast: 0, actual: 0 }))
  order.forEach((i, rank) => {
    const d = deciles[Math.floor((rank * 10) / n)]
    d.customers++
    d.forecast += forecast[i]
    d.actual += customers[i].holdout_repeat_orders
  })
  return {
    holdout_weeks: holdoutWeeks,
    customers: n,
    total: { customers: n, forecast: totalForecast, actual: totalActual },
    deciles,
    by_repeat_orders: byX.filter((row) => row.customers > 0),
    mean_absolute_error: n ? absoluteError / n : 0,
  }
}

export type CumulativePoint = { week: number; forecast: number; actual: number }

/**
 * The cumulative repeat-orders chart (the paper's figure of cumulative
 * tracking): at the end of each week since the store's start, the repeat
 * orders forecast for all customers so far, Σ_i E[X(week − first_i)] over the
 * customers whose first order came before, against those that happened.
 * `firstOrderWeeks[i]` is when customer i first ordered (weeks since the
 * start, fractions allowed); `actualByWeek[k]` counts the repeat orders in
 * week k. First-order times are grouped by `resolutionWeeks` (a day by
 * default), so 300k customers cost one E[X(t)] per distinct first-order day
 * and week. `params` are `model`'s (MBG/NBD by default).
 */
export function cumulativeRepeatOrders(
  params: OrderModelParams,
  firstOrderWeeks: number[],
  actualByWeek: number[],
  options: { resolutionWeeks?: number; model?: OrderModel } = {}
): CumulativePoint[] {
  const { resolutionWeeks = 1 / 7, model = MBG_NBD } = options
  const cohorts = new Map<number, number>()
  for (const w of firstOrderWeeks) {
    const start = resolutionWeeks > 0 ? Math.round(w / resolutionWeeks) * resolutionWeeks : w
    cohorts.set(start, (cohorts.get(start) ?? 0) + 1)
  }
  const points: CumulativePoint[] = []
  let actual = 0
  for (let week = 1; week <= actualByWeek.length; week++) {
    actual += actualByWeek[week - 1]
    let forecast = 0
    for (const [start, count] of cohorts) if (start < week) forecast += count * model.expectedOrdersOfNewCustomer(params, week - start)
    points.push({ week, forecast, actual })
  }
  return points
}

/** Repeat orders per week since the start, from every repeat order's time in weeks (orders at or past the end are left out). */
export function countByWeek(orderWeeks: number[], weeks: number): number[] {
  const counts = new Array<number>(weeks).fill(0)
  for (const w of orderWeeks) {
    const k = Math.floor(w)
    if (k >= 0 && k < weeks) counts[k]++
  }
  return counts
}
