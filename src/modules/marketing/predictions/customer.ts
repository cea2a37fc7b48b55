/**
 * The figures a store owner sees per customer, from the two fitted models:
 * churn risk and its band, predicted orders and value, lifetime value, the
 * next order and the usual gap between orders.
 */
import { DAYS_PER_WEEK, expectedOrders, probabilityActive, weeksToNextOrder, type BgNbdParams, type PurchaseSummary } from "./bg-nbd"
import { expectedOrderValue, type GammaGammaParams } from "./gamma-gamma"
import type { ChurnRiskBand } from "./bands"

export const DAYS_PER_YEAR = 365
const MONTHS_PER_YEAR = 12

/**
 * Churn risk bands cut the risk in thirds: under 1/3 low, from 1/3 medium,
 * from 2/3 high. These are the bands Klaviyo shows (low under 33%, medium
 * 33-66%, high over 66%), so owners moving from it read ours the same way,
 * though Klaviyo's risk is "no order in the next 90 days" and ours is the
 * model's 1 − P(active).
 */
export const CHURN_RISK_MEDIUM_FROM = 1 / 3
export const CHURN_RISK_HIGH_FROM = 2 / 3
export { CHURN_RISK_BANDS, type ChurnRiskBand } from "./bands"

export function churnRiskBand(churnRisk: number): ChurnRiskBand {
  return churnRisk >= CHURN_RISK_HIGH_FROM ? "high" : churnRisk >= CHURN_RISK_MEDIUM_FROM ? "medium" : "low"
}

/** Lifetime value looks this far ahead: three years, the horizon the literature's CLV examples use most. */
export const DEFAULT_LIFETIME_YEARS = 3
/** A yearly 10% discount on future orders, a common cost of capital for a small business. */
export const DEFAULT_ANNUAL_DISCOUNT_RATE = 0.1

export type ValueOptions = {
  /** Predicted orders and value cover this many days (365 by default). */
  horizon_days?: number
  lifetime_years?: number
  annual_discount_rate?: number
}

/** A customer's history: the BG/NBD summary, plus the average of their repeat orders when spend is predicted. */
export type CustomerSummary = PurchaseSummary & { average_order_value?: number | null }

export type CustomerModels = { orders: BgNbdParams; spend?: GammaGammaParams | null }

export type CustomerPrediction = {
  /** P(still active): BG/NBD's probability that the customer has not stopped for good. */
  probability_active: number
  /**
   * 1 − probability_active. BG/NBD lets customers stop only after a repeat
   * order, so a one-order customer's churn risk is 0 however long ago they
   * bought; probabilityOfOrderWithin is the figure that falls with silence.
   */
  churn_risk: number
  churn_risk_band: ChurnRiskBand
  /** Expected orders in the next `horizon_days`. */
  predicted_orders: number
  /** Expected value of each future order (Gamma-Gamma); null without a spend model. */
  expected_order_value: number | null
  /** predicted_orders × expected_order_value. */
  predicted_value: number | null
  /**
   * Expected value of all orders in the next `lifetime_years`, each month's
   * expected orders discounted to today (residual value: past orders are the
   * historic value, kept apart).
   */
  predicted_lifetime_value: number | null
  /**
   * Days from the end of the period to the expected next order: the median
   * wait of a still-active customer (see weeksToNextOrder). The date is the
   * period's end plus this; churn_risk says how likely the customer is active.
   */
  days_to_next_order: number
  /** The customer's own average gap: days from first to last order over repeat orders; null with one order. */
  average_days_between_orders: number | null
}

/** Expected orders in the next `days`, for one customer. */
function ordersWithin(params: BgNbdParams, s: PurchaseSummary, days: number): number {
  return expectedOrders(params, s, days / DAYS_PER_WEEK)
}

/**
 * Expected orders month by month over the lifetime horizon, each month's
 * orders discounted from its end: Σ_m (E[Y(m)] − E[Y(m−1)]) / (1+d)^(m/12).
 */
function discountedOrders(params: BgNbdParams, s: PurchaseSummary, years: number, annualRate: number): number {
  const months = Math.round(years * MONTHS_PER_YEAR)
  const monthDays = DAYS_PER_YEAR / MONTHS_PER_YEAR
  let before = 0
  let total = 0
  for (let m = 1; m <= months; m++) {
    const upTo = ordersWithin(params, s, m * monthDays)
    total += (upTo - before) / Math.pow(1 + annualRate, m / MONTHS_PER_YEAR)
    before = upTo
  }
  return total
}

type OrderFigures = Pick<CustomerPrediction, "probability_active" | "predicted_orders" | "days_to_next_order"> & { lifetime_orders: number }

function orderFigures(params: BgNbdParams, s: PurchaseSummary, o: Required<ValueOptions>): OrderFigures {
  return {
    probability_active: probabilityActive(params, s),
    predicted_orders: ordersWithin(params, s, o.horizon_days),
    days_to_next_order: weeksToNextOrder(params, s) * DAYS_PER_WEEK,
    lifetime_orders: discountedOrders(params, s, o.lifetime_years, o.annual_discount_rate),
  }
}

function withDefaults(options: ValueOptions): Required<ValueOptions> {
  return {
    horizon_days: options.horizon_days ?? DAYS_PER_YEAR,
    lifetime_years: options.lifetime_years ?? DEFAULT_LIFETIME_YEARS,
    annual_discount_rate: options.annual_discount_rate ?? DEFAULT_ANNUAL_DISCOUNT_RATE,
  }
}

function assemble(models: CustomerModels, s: CustomerSummary, f: OrderFigures): CustomerPrediction {
  const value = models.spend
    ? expectedOrderValue(models.spend, { repeat_orders: s.repeat_orders, average_order_value: s.average_order_value ?? 0 })
    : NaN
  const known = Number.isFinite(value)
  const churn = 1 - f.probability_active
  return {
    probability_active: f.probability_active,
    churn_risk: churn,
    churn_risk_band: churnRiskBand(churn),
    predicted_orders: f.predicted_orders,
    expected_order_value: known ? value : null,
    predicted_value: known ? f.predicted_orders * value : null,
    predicted_lifetime_value: known ? f.lifetime_orders * value : null,
    days_to_next_order: f.days_to_next_order,
    average_days_between_orders:
      s.repeat_orders > 0 ? (s.weeks_first_to_last * DAYS_PER_WEEK) / s.repeat_orders : null,
  }
}

/** Every figure for one customer. */
export function predictCustomer(models: CustomerModels, s: CustomerSummary, options: ValueOptions = {}): CustomerPrediction {
  return assemble(models, s, orderFigures(models.orders, s, withDefaults(options)))
}

/**
 * Every figure for many customers, in their order. The order figures (the
 * costly part: one 2F1 per month of the lifetime horizon) are computed once
 * per distinct (x, t_x, T), which customers with day-rounded histories share.
 */
export function predictCustomers(models: CustomerModels, rows: CustomerSummary[], options: ValueOptions = {}): CustomerPrediction[] {
  const o = withDefaults(options)
  const cache = new Map<string, OrderFigures>()
  return rows.map((s) => {
    const key = `${s.repeat_orders}:${s.weeks_first_to_last}:${s.weeks_since_first}`
    let f = cache.get(key)
    if (!f) {
      f = orderFigures(models.orders, s, o)
      cache.set(key, f)
    }
    return assemble(models, s, f)
  })
}
