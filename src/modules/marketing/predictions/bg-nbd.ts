/**
 * BG/NBD: how many orders a customer will place, and whether they are still
 * active (Fader, Hardie and Lee 2005, "Counting your customers the easy way:
 * an alternative to the Pareto/NBD model", Marketing Science 24(2)).
 *
 * Every time here is in weeks, as in the paper. A customer orders at rate λ
 * while active (λ ~ Gamma(r, α) across customers) and, after each repeat
 * order, stops for good with probability p (p ~ Beta(a, b)).
 */
import betaln from "@stdlib/math-base-special-betaln"
import gammaln from "@stdlib/math-base-special-gammaln"
import hyp2f1 from "@stdlib/math-base-special-hyp2f1"
import { minimize } from "./optimize"

export const DAYS_PER_WEEK = 7

/** One customer's orders as the model sees them (the paper's x, t_x and T), in weeks. */
export type PurchaseSummary = {
  /** Orders after the first one (x): days with an order after the first order's day. */
  repeat_orders: number
  /** Weeks from the first order to the last repeat order (t_x); 0 without a repeat order. */
  weeks_first_to_last: number
  /** Weeks from the first order to the end of the period (T). */
  weeks_since_first: number
}

export type BgNbdParams = { r: number; alpha: number; a: number; b: number }

/**
 * Customers with the same summary, counted once with a weight: the
 * likelihood only depends on (x, t_x, T), and with times rounded to days
 * a store's customers share far fewer distinct summaries than there are
 * customers (every one-order customer of the same week of first order, say).
 */
export type SummaryGroups = {
  repeat_orders: Float64Array
  weeks_first_to_last: Float64Array
  weeks_since_first: Float64Array
  customers_in_group: Float64Array
  /**
   * The distinct times among both columns, and each group's place in it: a
   * day-rounded store has a few hundred, so ln(α + t) is taken once per
   * distinct time rather than twice per group.
   */
  times: Float64Array
  first_to_last_at: Uint32Array
  since_first_at: Uint32Array
  customers: number
  max_repeat_orders: number
}

/** Times are grouped to the day: finer than any order data we hold, coarse enough to share summaries. */
export const DEFAULT_RESOLUTION_WEEKS = 1 / DAYS_PER_WEEK

function checkSummary(s: PurchaseSummary, i: number): void {
  const { repeat_orders: x, weeks_first_to_last: tx, weeks_since_first: T } = s
  if (!Number.isInteger(x) || x < 0) throw new RangeError(`summaries[${i}].repeat_orders must be a whole number >= 0, got ${x}`)
  if (!(T >= 0) || !Number.isFinite(T)) throw new RangeError(`summaries[${i}].weeks_since_first must be a finite number >= 0, got ${T}`)
  if (!(tx >= 0 && tx <= T)) throw new RangeError(`summaries[${i}].weeks_first_to_last must be between 0 and weeks_since_first, got ${tx}`)
  if (x === 0 && tx !== 0) throw new RangeError(`summaries[${i}].weeks_first_to_last must be 0 without a repeat order, got ${tx}`)
}

/**
 * Groups identical summaries, after rounding times to `resolutionWeeks`
 * (0 keeps them exact). Rounding keeps t_x <= T, since both round the same way.
 */
export function groupSummaries(rows: PurchaseSummary[], resolutionWeeks = DEFAULT_RESOLUTION_WEEKS): SummaryGroups {
  const index = new Map<number | string, number>()
  const timeIndex = new Map<number, number>()
  const times: number[] = []
  const timeAt = (t: number) => {
    let at = timeIndex.get(t)
    if (at === undefined) {
      at = times.length
      timeIndex.set(t, at)
      times.push(t)
    }
    return at
  }
  const x: number[] = []
  const tx: number[] = []
  const T: number[] = []
  const n: number[] = []
  const step = resolutionWeeks > 0 ? resolutionWeeks : 0
  let maxX = 0
  for (let i = 0; i < rows.length; i++) {
    const s = rows[i]
    checkSummary(s, i)
    const rx = s.repeat_orders
    const rtx = step ? Math.round(s.weeks_first_to_last / step) : s.weeks_first_to_last
    const rT = step ? Math.round(s.weeks_since_first / step) : s.weeks_since_first
    // A number key is much faster than a string while the parts fit 52 bits
    const key = step && rx < 1024 && rT < 2 ** 21 ? (rx * 2 ** 21 + rtx) * 2 ** 21 + rT : `${rx}:${rtx}:${rT}`
    const at = index.get(key)
    if (at !== undefined) {
      n[at]++
      continue
    }
    index.set(key, x.length)
    x.push(rx)
    tx.push(step ? rtx * step : rtx)
    T.push(step ? rT * step : rT)
    n.push(1)
    if (rx > maxX) maxX = rx
  }
  return {
    repeat_orders: Float64Array.from(x),
    weeks_first_to_last: Float64Array.from(tx),
    weeks_since_first: Float64Array.from(T),
    customers_in_group: Float64Array.from(n),
    first_to_last_at: Uint32Array.from(tx, timeAt),
    since_first_at: Uint32Array.from(T, timeAt),
    times: Float64Array.from(times),
    customers: rows.length,
    max_repeat_orders: maxX,
  }
}

export function logAddExp(u: number, v: number): number {
  const m = u > v ? u : v
  if (m === -Infinity) return -Infinity
  return m + Math.log1p(Math.exp(-Math.abs(u - v)))
}

/**
 * The log-likelihood of all customers (the paper's equation 6, summed), in log
 * space throughout:
 *   ln L = ln Γ(r+x) − ln Γ(r) + r ln α − ln B(a,b)
 *        + ln[ B(a, b+x) (α+T)^−(r+x) + [x>0] B(a+1, b+x−1) (α+t_x)^−(r+x) ]
 * The terms that depend on x alone are computed once per distinct x.
 */
export function bgNbdLogLikelihood(params: BgNbdParams, data: SummaryGroups | PurchaseSummary[]): number {
  const g = Array.isArray(data) ? groupSummaries(data, 0) : data
  const { r, alpha, a, b } = params
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) return NaN
  const base = -gammaln(r) + r * Math.log(alpha) - betaln(a, b)
  const size = g.max_repeat_orders + 1
  const perX = new Float64Array(size)
  const stays = new Float64Array(size)
  const stops = new Float64Array(size)
  const seen = new Uint8Array(size)
  const logTime = g.times.map((t) => Math.log(alpha + t))
  let total = 0
  for (let i = 0; i < g.repeat_orders.length; i++) {
    const x = g.repeat_orders[i]
    if (!seen[x]) {
      seen[x] = 1
      perX[x] = gammaln(r + x) + base
      stays[x] = betaln(a, b + x)
      stops[x] = x > 0 ? betaln(a + 1, b + x - 1) : -Infinity
    }
    const alive = stays[x] - (r + x) * logTime[g.since_first_at[i]]
    const ll = x > 0 ? logAddExp(alive, stops[x] - (r + x) * logTime[g.first_to_last_at[i]]) : alive
    total += g.customers_in_group[i] * (perX[x] + ll)
  }
  return total
}

export type BgNbdFit = {
  params: BgNbdParams
  log_likelihood: number
  customers: number
  /** Distinct summaries the likelihood was summed over. */
  groups: number
  evaluations: number
  converged: boolean
}

export type FitOptions = { resolutionWeeks?: number; initial?: BgNbdParams; tolerance?: number }

/**
 * Maximum likelihood estimates of (r, α, a, b). The search runs over the
 * logs of the parameters, so they stay positive, and on times rescaled so the
 * oldest customer is 10 units old (as the lifetimes package does), which puts
 * every parameter near 1 at the start; α is scaled back at the end. The
 * objective is the mean log-likelihood per customer, so the tolerance means
 * the same for 500 customers as for 300k.
 */
export function fitBgNbd(data: PurchaseSummary[] | SummaryGroups, options: FitOptions = {}): BgNbdFit {
  return fitByLikelihood(bgNbdLogLikelihood, data, options)
}

/**
 * The maximum likelihood search both order models share (they have the same
 * four parameters): see fitBgNbd.
 */
export function fitByLikelihood(
  logLikelihood: (params: BgNbdParams, data: SummaryGroups) => number,
  data: PurchaseSummary[] | SummaryGroups,
  options: FitOptions = {}
): BgNbdFit {
  const g = Array.isArray(data) ? groupSummaries(data, options.resolutionWeeks ?? DEFAULT_RESOLUTION_WEEKS) : data
  if (!g.customers) throw new RangeError("an order model needs at least one customer to fit")
  let maxT = 0
  for (const T of g.weeks_since_first) if (T > maxT) maxT = T
  const scale = maxT > 0 ? 10 / maxT : 1
  const scaled: SummaryGroups = {
    ...g,
    weeks_first_to_last: g.weeks_first_to_last.map((t) => t * scale),
    weeks_since_first: g.weeks_since_first.map((t) => t * scale),
    times: g.times.map((t) => t * scale),
  }
  const init = options.initial ?? { r: 1, alpha: 1 / scale, a: 1, b: 1 }
  const start = [init.r, init.alpha * scale, init.a, init.b].map(Math.log)
  const toParams = (v: number[]): BgNbdParams => ({ r: Math.exp(v[0]), alpha: Math.exp(v[1]), a: Math.exp(v[2]), b: Math.exp(v[3]) })
  const min = minimize((v) => -logLikelihood(toParams(v), scaled) / g.customers, start, { tolerance: options.tolerance })
  const fitted = toParams(min.x)
  const params = { ...fitted, alpha: fitted.alpha / scale }
  return {
    params,
    log_likelihood: logLikelihood(params, g),
    customers: g.customers,
    groups: g.repeat_orders.length,
    evaluations: min.evaluations,
    converged: min.converged,
  }
}

/**
 * P(active | x, t_x, T) (the paper's equation 11):
 *   1 / (1 + [x>0] a/(b+x−1) ((α+T)/(α+t_x))^(r+x)),
 * with the power taken in logs so a long-silent frequent buyer cannot overflow.
 */
export function probabilityActive(params: BgNbdParams, s: PurchaseSummary): number {
  const { r, alpha, a, b } = params
  const x = s.repeat_orders
  if (x === 0) return 1 // BG/NBD customers only stop right after a repeat order
  const z = Math.log(a / (b + x - 1)) + (r + x) * (Math.log(alpha + s.weeks_since_first) - Math.log(alpha + s.weeks_first_to_last))
  return z > 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z))
}

/**
 * Expected orders in the next `weeks` given the customer's history (the
 * paper's equation 10):
 *   E[Y(t) | x, t_x, T] = (a+b+x−1)/(a−1)
 *     · [1 − ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x−1; t/(α+T+t))] · P(active).
 * 2F1 is stdlib's hyp2f1 (Cephes); its argument here is in [0, 1).
 * At a = 1 exactly the formula is 0/0; fitted values never land there.
 */
export function expectedOrders(params: BgNbdParams, s: PurchaseSummary, weeks: number): number {
  if (!(weeks > 0)) return 0
  const { r, alpha, a, b } = params
  const x = s.repeat_orders
  const T = s.weeks_since_first
  const shape = r + x
  const z = weeks / (alpha + T + weeks)
  const f = hyp2f1(shape, b + x, a + b + x - 1, z)
  // ((α+T)/(α+T+t))^(r+x) = (1 − z)^(r+x)
  const rest = 1 - Math.exp(shape * Math.log1p(-z)) * f
  return ((a + b + x - 1) / (a - 1)) * rest * probabilityActive(params, s)
}

/**
 * Expected repeat orders in the first `weeks` after a customer's first order
 * (the paper's equation 9; equation 10 at x = t_x = T = 0). Summed over
 * cohorts it is the forecast curve of the backtest chart.
 */
export function expectedOrdersOfNewCustomer(params: BgNbdParams, weeks: number): number {
  return expectedOrders(params, { repeat_orders: 0, weeks_first_to_last: 0, weeks_since_first: 0 }, weeks)
}

/**
 * Weeks from the end of the period until a still-active customer has even
 * odds of having ordered again. In BG/NBD a customer can only stop right
 * after an order, so an active customer orders next after an exponential
 * wait whose rate, given their history, is Gamma(r+x, α+T); the wait is then
 * Lomax: P(wait > w) = ((α+T)/(α+T+w))^(r+x), with median
 * (α+T)(2^(1/(r+x)) − 1). Churn risk says separately how likely "active" is.
 */
export function weeksToNextOrder(params: BgNbdParams, s: PurchaseSummary): number {
  const shape = params.r + s.repeat_orders
  return (params.alpha + s.weeks_since_first) * Math.expm1(Math.LN2 / shape)
}

/**
 * P(at least one order in the next `weeks`): active (only an active customer
 * orders) times the Lomax chance that the wait ends within `weeks`:
 *   P(active) · (1 − ((α+T)/(α+T+t))^(r+x)).
 * Unlike P(active), it falls for a one-order customer as their silence grows.
 */
export function probabilityOfOrderWithin(params: BgNbdParams, s: PurchaseSummary, weeks: number): number {
  if (!(weeks > 0)) return 0
  const shape = params.r + s.repeat_orders
  const T = s.weeks_since_first
  return probabilityActive(params, s) * -Math.expm1(shape * Math.log((params.alpha + T) / (params.alpha + T + weeks)))
}
