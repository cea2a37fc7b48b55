/**
 * Customers drawn from the models' own generative stories, with seeded
 * generators so a test sees the same customers on every run.
 */
import beta from "@stdlib/random-base-beta"
import gamma from "@stdlib/random-base-gamma"
import randu from "@stdlib/random-base-randu"
import type { BgNbdParams, PurchaseSummary } from "../bg-nbd"
import type { GammaGammaParams, SpendSummary } from "../gamma-gamma"

export type SimulatedStore = {
  calibration: PurchaseSummary[]
  /** Repeat orders in the weeks after the calibration period, per customer. */
  holdout_repeat_orders: number[]
  /** Weeks from the store's start to each customer's first order. */
  first_order_week: number[]
  /** Weeks from the store's start to every repeat order of every customer. */
  repeat_order_weeks: number[]
  /** Whether each customer had not stopped by the end of the calibration period (what P(active) estimates). */
  active_at_calibration_end: boolean[]
  /** Weeks from the store's start to each customer's first order after the calibration period; Infinity without one by the end. */
  next_order_week: number[]
}

export type SimulationOptions = { customers: number; cohortWeeks: number; calibrationWeeks: number; holdoutWeeks: number; seed: number }

/**
 * BG/NBD: first orders spread evenly over `cohortWeeks`; each customer orders
 * at rate λ ~ Gamma(r, rate α) and, after each repeat order, stops with
 * probability p ~ Beta(a, b).
 */
export function simulateBgNbd(params: BgNbdParams, options: SimulationOptions): SimulatedStore {
  return simulate(params, options, false)
}

/**
 * MBG/NBD: as BG/NBD, and the customer may also stop, with the same p, right
 * after the first order.
 */
export function simulateMbgNbd(params: BgNbdParams, options: SimulationOptions): SimulatedStore {
  return simulate(params, options, true)
}

function simulate(params: BgNbdParams, options: SimulationOptions, stopsAtFirstOrder: boolean): SimulatedStore {
  const u = randu.factory({ seed: options.seed })
  const rate = gamma.factory(params.r, params.alpha, { seed: options.seed + 1 })
  const dropout = beta.factory(params.a, params.b, { seed: options.seed + 2 })
  const end = options.calibrationWeeks + options.holdoutWeeks
  const store: SimulatedStore = { calibration: [], holdout_repeat_orders: [], first_order_week: [], repeat_order_weeks: [], active_at_calibration_end: [], next_order_week: [] }
  for (let i = 0; i < options.customers; i++) {
    const first = u() * options.cohortWeeks
    const lambda = rate()
    const p = dropout()
    let t = first
    let x = 0
    let last = first
    let holdout = 0
    let next = Infinity
    // When the customer stopped for good; they stay active until a stop
    let stoppedAt = Infinity
    if (stopsAtFirstOrder && u() < p) stoppedAt = first
    while (stoppedAt === Infinity) {
      t += -Math.log(1 - u()) / lambda
      if (t > end) break
      store.repeat_order_weeks.push(t)
      if (t <= options.calibrationWeeks) {
        x++
        last = t
      } else if (!holdout++) next = t
      if (u() < p) stoppedAt = t
    }
    store.calibration.push({
      repeat_orders: x,
      weeks_first_to_last: x ? last - first : 0,
      weeks_since_first: options.calibrationWeeks - first,
    })
    store.holdout_repeat_orders.push(holdout)
    store.first_order_week.push(first)
    store.active_at_calibration_end.push(stoppedAt > options.calibrationWeeks)
    store.next_order_week.push(next)
  }
  return store
}

/**
 * Gamma-Gamma: each customer's orders are worth Gamma(p, rate ν), with
 * ν ~ Gamma(q, rate γ); `repeatOrders[i]` orders are averaged for customer i.
 */
export function simulateGammaGamma(params: GammaGammaParams, repeatOrders: number[], seed: number): SpendSummary[] {
  const nu = gamma.factory(params.q, params.gamma, { seed })
  const value = gamma.factory({ seed: seed + 1 })
  return repeatOrders.map((x) => {
    const v = nu()
    let sum = 0
    for (let k = 0; k < x; k++) sum += value(params.p, v)
    return { repeat_orders: x, average_order_value: x ? sum / x : 0 }
  })
}
