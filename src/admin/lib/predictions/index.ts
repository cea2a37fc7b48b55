/**
 * The Predictions page's shapes (the contract with `/admin/marketing/predictions`
 * and `/admin/marketing/contacts/:id/predictions`) and what the page says
 * about them. The bands come from `churn-risk.ts`, which imports nothing: the
 * models' files (customer.ts too) load numeric with `require` at import.
 */
import {
  CHURN_RISK_BANDS,
  CHURN_RISK_HIGH_FROM,
  CHURN_RISK_MEDIUM_FROM,
  type ChurnRiskBand,
} from "../../../modules/marketing/predictions/churn-risk"

export { CHURN_RISK_BANDS, type ChurnRiskBand }

/** An order model's fitted parameters (MBG/NBD; BG/NBD on older fits), time in weeks. */
export type OrderModelParameters = { r: number; alpha: number; a: number; b: number; log_likelihood: number; converged: boolean }

export type ForecastVsActual = { customers: number; forecast: number; actual: number }

export type Backtest =
  | {
      holdout_weeks: number
      customers: number
      calibration_customers: number
      total: ForecastVsActual
      deciles: (ForecastVsActual & { decile: number })[]
      by_repeat_orders: (ForecastVsActual & { repeat_orders: string })[]
      mean_absolute_error: number
      cumulative: { week: number; forecast: number; actual: number }[]
    }
  | { skipped: string }

export type FitStatus = "fitted" | "insufficient" | "failed"

export type PredictionFit = {
  id: string
  currency_code: string
  status: FitStatus
  missing: string | null
  customers: number
  repeat_customers: number
  history_days: number
  parameters: {
    orders_model?: "mbgnbd" | "bgnbd"
    mbgnbd?: OrderModelParameters
    bgnbd?: OrderModelParameters
    gamma_gamma: { p: number; q: number; gamma: number; customers: number; converged: boolean } | null
  } | null
  timings: Record<string, number> | null
  error: string | null
  fitted_at: string
  backtest?: Backtest | null
}

export type PredictionMinimums = { buyers: number; repeat_buyers: number; history_days: number }

export type CurrencyPredictions = {
  currency_code: string
  fit: PredictionFit
  predictions: number
  churn_risk_bands: { band: ChurnRiskBand; count: number }[]
  top_lifetime_values: {
    contact_id: string
    email: string | null
    orders: number
    historic_value: number
    predicted_lifetime_value: number
    churn_risk_band: ChurnRiskBand
  }[]
}

export type FitRun = {
  id: string
  status: "running" | "done" | "skipped" | "failed"
  started_at: string
  finished_at: string | null
  error: string | null
  fits: { currency_code: string; status: FitStatus; predictions: number }[]
}

export type PredictionsOverviewResponse = {
  currencies: CurrencyPredictions[]
  minimums: PredictionMinimums
  backtest_weeks: number
  lifetime_years: number
  annual_discount_rate: number
  running: boolean
  run: FitRun | null
}

export type FitRunResponse = { run: FitRun }

export type ContactPrediction = {
  currency_code: string
  fit_id: string
  orders: number
  first_order_at: string
  last_order_at: string
  historic_value: number
  average_order_value: number | null
  average_days_between_orders: number | null
  probability_active: number
  churn_risk: number
  churn_risk_band: ChurnRiskBand
  predicted_orders_365: number
  predicted_value_365: number | null
  predicted_lifetime_value: number | null
  expected_next_order_at: string | null
  predicted_at: string
  fitted_at: string | null
}

/** A lead's purchase propensity from the latest propensity fit. */
export type ContactPropensity = {
  fit_id: string
  probability: number
  percentile: number | null
  predicted_at: string
  fitted_at: string | null
  auc: number | null
}

export type ContactPredictionsResponse = { predictions: ContactPrediction[]; propensity: ContactPropensity | null }

const count = (n: number) => new Intl.NumberFormat("en-US").format(Math.floor(n))

/**
 * Which minimum a currency misses, as one sentence: "Predictions start at
 * 200 buyers; this store has 31 in USD." The fit's counts against the
 * minimums in force; the fit's own words when none is below them (the
 * options changed since).
 */
export function missingMinimumSentence(fit: PredictionFit, minimums: PredictionMinimums): string {
  const currency = fit.currency_code.toUpperCase()
  if (fit.customers < minimums.buyers) {
    return `Predictions start at ${count(minimums.buyers)} buyers; this store has ${count(fit.customers)} in ${currency}.`
  }
  if (fit.repeat_customers < minimums.repeat_buyers) {
    return `Predictions start at ${count(minimums.repeat_buyers)} buyers who came back for a second order; this store has ${count(fit.repeat_customers)} in ${currency}.`
  }
  if (fit.history_days < minimums.history_days) {
    return `Predictions start at ${count(minimums.history_days)} days of order history; this store has ${count(fit.history_days)} in ${currency}.`
  }
  return fit.missing ? `Predictions need ${fit.missing} in ${currency}.` : `Predictions are not available in ${currency} yet.`
}

/** The backtest, when it ran (not skipped, not absent). */
export function backtestOf(fit: PredictionFit) {
  const b = fit.backtest
  return b && !("skipped" in b) ? b : null
}

/** The first week of the cumulative chart that the backtest forecast (the weeks the fit did not see). */
export function backtestStartWeek(b: Exclude<Backtest, { skipped: string }>): number | null {
  const points = b.cumulative
  if (!points.length) return null
  return points[Math.max(0, points.length - b.holdout_weeks)].week
}

/** Forecast against actual as a signed share of the actual: +0.08 is 8% too many. Null without actual orders. */
export function forecastDeviation(total: ForecastVsActual): number | null {
  return total.actual > 0 ? (total.forecast - total.actual) / total.actual : null
}

export const CHURN_RISK_BAND_LABELS: Record<ChurnRiskBand, string> = {
  low: "Low",
  medium: "Medium",
  high: "High",
}

/** The band's range in words, from the model's cut points: "33% to 67%". */
export function churnRiskBandRange(band: ChurnRiskBand): string {
  const pct = (x: number) => `${Math.round(x * 100)}%`
  if (band === "low") return `under ${pct(CHURN_RISK_MEDIUM_FROM)}`
  if (band === "medium") return `${pct(CHURN_RISK_MEDIUM_FROM)} to ${pct(CHURN_RISK_HIGH_FROM)}`
  return `${pct(CHURN_RISK_HIGH_FROM)} and above`
}

/** The badge colour of a churn risk band. */
export const CHURN_RISK_BAND_COLORS: Record<ChurnRiskBand, "green" | "orange" | "red"> = {
  low: "green",
  medium: "orange",
  high: "red",
}

/** The currency shown first: the one asked for when it exists, else the one with the most buyers. */
export function pickCurrency(currencies: CurrencyPredictions[], wanted: string | null | undefined): string | null {
  if (wanted && currencies.some((c) => c.currency_code === wanted)) return wanted
  return [...currencies].sort((a, b) => b.fit.customers - a.fit.customers)[0]?.currency_code ?? null
}
