/**
 * MBG/NBD: BG/NBD where a customer may also stop right after their first
 * order (Batislam, Denizel and Filiztekin 2007, "Empirical validation and
 * comparison of models for customer base analysis", International Journal of
 * Research in Marketing 24(3); Wagner and Hoppe 2008's erratum; lifetimes'
 * ModifiedBetaGeoFitter). Under BG/NBD a one-order customer is active for
 * sure however long ago they bought; here their chance of being active falls
 * with their silence, as a store owner expects.
 *
 * Same parameters, same summaries and same weeks as bg-nbd.ts: a customer
 * orders at rate λ ~ Gamma(r, α) while active and stops for good with
 * probability p ~ Beta(a, b) right after the first order and after each
 * repeat order.
 *
 * For a customer with a repeat order, MBG/NBD(r, α, a, b) is BG/NBD(r, α, a,
 * b+1): having passed the first order's chance to stop multiplies the Beta
 * prior by (1 − p), which is Beta(a, b+1). The formulas below are written out
 * in full all the same, as the papers give them.
 */
import betaln from "@stdlib/math-base-special-betaln"
import gammaln from "@stdlib/math-base-special-gammaln"
import hyp2f1 from "@stdlib/math-base-special-hyp2f1"
import {
  fitByLikelihood, groupSummaries, logAddExp, weeksToNextOrder as lomaxMedian,
  type BgNbdFit, type BgNbdParams, type FitOptions, type PurchaseSummary, type SummaryGroups,
} from "./bg-nbd"

/** r, α (weeks), a, b: the same four as BG/NBD's. */
export type MbgNbdParams = BgNbdParams

/**
 * The log-likelihood of all customers, in log space throughout:
 *   ln L = ln Γ(r+x) − ln Γ(r) + r ln α − ln B(a,b)
 *        + ln[ B(a, b+x+1) (α+T)^−(r+x) + B(a+1, b+x) (α+t_x)^−(r+x) ]
 * The first term is a customer still active at T (they passed x+1 chances to
 * stop), the second one who stopped at their last order (t_x = 0 for a
 * one-order customer who stopped at once): unlike BG/NBD it applies at x = 0 too.
 */
export function mbgNbdLogLikelihood(params: MbgNbdParams, data: SummaryGroups | PurchaseSummary[]): number {
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
      stays[x] = betaln(a, b + x + 1)
      stops[x] = betaln(a + 1, b + x)
    }
    const k = r + x
    const ll = logAddExp(stays[x] - k * logTime[g.since_first_at[i]], stops[x] - k * logTime[g.first_to_last_at[i]])
    total += g.customers_in_group[i] * (perX[x] + ll)
  }
  return total
}

/** Maximum likelihood estimates of (r, α, a, b), searched as fitBgNbd does. */
export function fitMbgNbd(data: PurchaseSummary[] | SummaryGroups, options: FitOptions = {}): BgNbdFit {
  return fitByLikelihood(mbgNbdLogLikelihood, data, options)
}

/**
 * P(active | x, t_x, T) = 1 / (1 + a/(b+x) ((α+T)/(α+t_x))^(r+x)), for every
 * x: at x = 0, 1 / (1 + a/b ((α+T)/α)^r), which falls as T grows. Just after
 * the first order (T = 0) it is b/(a+b), the chance of not stopping at once.
 */
export function probabilityActive(params: MbgNbdParams, s: PurchaseSummary): number {
  const { r, alpha, a, b } = params
  const x = s.repeat_orders
  const z = Math.log(a / (b + x)) + (r + x) * (Math.log(alpha + s.weeks_since_first) - Math.log(alpha + s.weeks_first_to_last))
  return z > 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z))
}

/**
 * Expected orders in the next `weeks` given the history (Wagner and Hoppe
 * 2008; lifetimes' conditional_expected_number_of_purchases_up_to_time):
 *   (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x+1; a+b+x; t/(α+T+t))] · P(active).
 * At a = 1 exactly the formula is 0/0; fitted values never land there.
 */
export function expectedOrders(params: MbgNbdParams, s: PurchaseSummary, weeks: number): number {
  if (!(weeks > 0)) return 0
  const { r, alpha, a, b } = params
  const x = s.repeat_orders
  const shape = r + x
  const z = weeks / (alpha + s.weeks_since_first + weeks)
  const f = hyp2f1(shape, b + x + 1, a + b + x, z)
  const rest = 1 - Math.exp(shape * Math.log1p(-z)) * f
  return ((a + b + x) / (a - 1)) * rest * probabilityActive(params, s)
}

/**
 * Expected repeat orders in the first `weeks` after the first order:
 *   b/(a−1) · [1 − (α/(α+t))^r · 2F1(r, b+1; a+b; t/(α+t))],
 * the expectation above at x = t_x = T = 0.
 */
export function expectedOrdersOfNewCustomer(params: MbgNbdParams, weeks: number): number {
  return expectedOrders(params, { repeat_orders: 0, weeks_first_to_last: 0, weeks_since_first: 0 }, weeks)
}

/**
 * The median wait of a still-active customer, (α+T)(2^(1/(r+x)) − 1), as
 * under BG/NBD: given active, λ is Gamma(r+x, α+T) in both models and no stop
 * can come before the next order.
 */
export function weeksToNextOrder(params: MbgNbdParams, s: PurchaseSummary): number {
  return lomaxMedian(params, s)
}

/** P(at least one order in the next `weeks`) = P(active) · (1 − ((α+T)/(α+T+t))^(r+x)), as under BG/NBD. */
export function probabilityOfOrderWithin(params: MbgNbdParams, s: PurchaseSummary, weeks: number): number {
  if (!(weeks > 0)) return 0
  const shape = params.r + s.repeat_orders
  const T = s.weeks_since_first
  return probabilityActive(params, s) * -Math.expm1(shape * Math.log((params.alpha + T) / (params.alpha + T + weeks)))
}
