/**
 * Gamma-Gamma: what a customer's orders will be worth (Fader, Hardie and Lee
 * 2005, "RFM and CLV: using iso-value curves for customer base analysis",
 * Journal of Marketing Research 42(4); Fader and Hardie 2013, "The
 * Gamma-Gamma model of monetary value").
 *
 * Each order of a customer is worth Gamma(p, ν); ν differs between customers
 * as Gamma(q, γ). As in the paper and the lifetimes package, the model sees
 * repeat orders only: x is their count and the average is theirs, so the
 * first order (often a discounted welcome order) is left out. It assumes a
 * customer's order values do not depend on how often they order.
 */
import gammaln from "@stdlib/math-base-special-gammaln"
import { minimize } from "./optimize"

export type SpendSummary = {
  /** Repeat orders (x); customers without one carry no information on spend and are skipped. */
  repeat_orders: number
  /** The average value of those repeat orders (m̄), in one currency. */
  average_order_value: number
}

export type GammaGammaParams = { p: number; q: number; gamma: number }

function usable(s: SpendSummary): boolean {
  return s.repeat_orders > 0 && s.average_order_value > 0 && Number.isFinite(s.average_order_value)
}

/**
 * The log-likelihood of the customers' average order values, given how many
 * repeat orders each averages over:
 *   ln f = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m̄ + px ln x − (px+q) ln(γ + m̄x).
 * Customers without a repeat order (or with a zero average) add nothing.
 */
export function gammaGammaLogLikelihood(params: GammaGammaParams, rows: SpendSummary[] | SpendColumns): number {
  const c = Array.isArray(rows) ? spendColumns(rows) : rows
  const { p, q, gamma } = params
  if (!(p > 0 && q > 0 && gamma > 0)) return NaN
  const base = -gammaln(q) + q * Math.log(gamma)
  const perX = new Float64Array(c.max_repeat_orders + 1)
  const seen = new Uint8Array(c.max_repeat_orders + 1)
  let total = 0
  for (let i = 0; i < c.repeat_orders.length; i++) {
    const x = c.repeat_orders[i]
    if (!seen[x]) {
      seen[x] = 1
      perX[x] = gammaln(p * x + q) - gammaln(p * x) + base + p * x * Math.log(x)
    }
    total += perX[x] + (p * x - 1) * c.log_value[i] - (p * x + q) * Math.log(gamma + c.average_order_value[i] * x)
  }
  return total
}

/** The customers with a repeat order, as columns, with ln m̄ taken once (it does not depend on the parameters). */
export type SpendColumns = {
  repeat_orders: Uint32Array
  average_order_value: Float64Array
  log_value: Float64Array
  max_repeat_orders: number
}

function spendColumns(rows: SpendSummary[], valueScale = 1): SpendColumns {
  const used = rows.filter(usable)
  const value = Float64Array.from(used, (s) => s.average_order_value / valueScale)
  return {
    repeat_orders: Uint32Array.from(used, (s) => s.repeat_orders),
    average_order_value: value,
    log_value: value.map(Math.log),
    max_repeat_orders: used.reduce((m, s) => Math.max(m, s.repeat_orders), 0),
  }
}

export type GammaGammaFit = {
  params: GammaGammaParams
  log_likelihood: number
  /** Customers with a repeat order: the ones the fit used. */
  customers: number
  evaluations: number
  converged: boolean
}

/**
 * Maximum likelihood estimates of (p, q, γ), searched over their logs, with
 * values rescaled to a mean of 1 for the search (γ is a scale of money, so it
 * is scaled back; p and q have no unit).
 */
export function fitGammaGamma(rows: SpendSummary[], options: { tolerance?: number } = {}): GammaGammaFit {
  const used = rows.filter(usable)
  if (!used.length) throw new RangeError("fitGammaGamma needs at least one customer with a repeat order")
  const mean = used.reduce((sum, s) => sum + s.average_order_value, 0) / used.length
  const scaled = spendColumns(used, mean)
  const toParams = (v: number[]): GammaGammaParams => ({ p: Math.exp(v[0]), q: Math.exp(v[1]), gamma: Math.exp(v[2]) })
  // q = 2, γ = p(q − 1) = 1: a population mean of 1, the scaled data's mean
  const min = minimize((v) => -gammaGammaLogLikelihood(toParams(v), scaled) / used.length, [0, Math.LN2, 0], {
    tolerance: options.tolerance,
  })
  const fitted = toParams(min.x)
  const params = { ...fitted, gamma: fitted.gamma * mean }
  return {
    params,
    log_likelihood: gammaGammaLogLikelihood(params, used),
    customers: used.length,
    evaluations: min.evaluations,
    converged: min.converged,
  }
}

/**
 * The expected value of this customer's future orders:
 *   E[M | p, q, γ, m̄, x] = p(γ + m̄x) / (px + q − 1),
 * a weighted mean of the population mean pγ/(q−1) and the customer's own
 * average, their own counting more the more orders it averages. Without a
 * repeat order it is the population mean. NaN where that mean is infinite
 * (q <= 1 with no orders to lean on).
 */
export function expectedOrderValue(params: GammaGammaParams, s: SpendSummary): number {
  const { p, q, gamma } = params
  const x = usable(s) ? s.repeat_orders : 0
  const m = x ? s.average_order_value : 0
  const denominator = p * x + q - 1
  return denominator > 0 ? (p * (gamma + m * x)) / denominator : NaN
}
