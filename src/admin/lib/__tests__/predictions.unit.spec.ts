import {
  backtestStartWeek,
  churnRiskBandRange,
  forecastDeviation,
  missingMinimumSentence,
  pickCurrency,
  type CurrencyPredictions,
  type PredictionFit,
} from "../predictions"
import { predictionWhy } from "../predictions/contact"

const minimums = { buyers: 200, repeat_buyers: 50, history_days: 180 }
const fit = (over: Partial<PredictionFit>): PredictionFit => ({
  id: "mpfit_1",
  currency_code: "usd",
  status: "insufficient",
  missing: null,
  customers: 500,
  repeat_customers: 100,
  history_days: 400,
  parameters: null,
  timings: null,
  error: null,
  fitted_at: "2026-06-30T12:00:00.000Z",
  ...over,
})

describe("missingMinimumSentence", () => {
  it("names the first minimum the currency misses, with the store's count", () => {
    expect(missingMinimumSentence(fit({ customers: 31 }), minimums)).toBe("Predictions start at 200 buyers; this store has 31 in USD.")
    expect(missingMinimumSentence(fit({ repeat_customers: 12 }), minimums)).toBe(
      "Predictions start at 50 buyers who came back for a second order; this store has 12 in USD."
    )
    expect(missingMinimumSentence(fit({ history_days: 90.6 }), minimums)).toBe(
      "Predictions start at 180 days of order history; this store has 90 in USD."
    )
    expect(missingMinimumSentence(fit({ customers: 1500 }), { ...minimums, buyers: 2000 })).toBe(
      "Predictions start at 2,000 buyers; this store has 1,500 in USD."
    )
  })

  it("falls back to the fit's own words when the minimums changed since", () => {
    expect(missingMinimumSentence(fit({ missing: "at least 300 buyers (250 so far)" }), minimums)).toBe(
      "Predictions need at least 300 buyers (250 so far) in USD."
    )
  })
})

describe("the backtest's figures", () => {
  const backtest = {
    holdout_weeks: 2,
    customers: 3,
    calibration_customers: 3,
    total: { customers: 3, forecast: 11, actual: 10 },
    deciles: [],
    by_repeat_orders: [],
    mean_absolute_error: 0.5,
    cumulative: [1, 2, 3, 4].map((week) => ({ week, forecast: week, actual: week })),
  }

  it("starts the forecast weeks where the holdout begins", () => {
    expect(backtestStartWeek(backtest)).toBe(3)
    expect(backtestStartWeek({ ...backtest, holdout_weeks: 10 })).toBe(1)
    expect(backtestStartWeek({ ...backtest, cumulative: [] })).toBeNull()
  })

  it("says how far the forecast is from what happened", () => {
    expect(forecastDeviation(backtest.total)).toBeCloseTo(0.1)
    expect(forecastDeviation({ customers: 1, forecast: 8, actual: 10 })).toBeCloseTo(-0.2)
    expect(forecastDeviation({ customers: 1, forecast: 2, actual: 0 })).toBeNull()
  })
})

it("churn risk bands read as the model cuts them", () => {
  expect(churnRiskBandRange("low")).toBe("under 33%")
  expect(churnRiskBandRange("medium")).toBe("33% to 67%")
  expect(churnRiskBandRange("high")).toBe("67% and above")
})

it("shows the asked currency, else the one with the most buyers", () => {
  const c = (code: string, customers: number) => ({ currency_code: code, fit: fit({ currency_code: code, customers }) }) as CurrencyPredictions
  const list = [c("usd", 30), c("eur", 400)]
  expect(pickCurrency(list, "usd")).toBe("usd")
  expect(pickCurrency(list, "gbp")).toBe("eur")
  expect(pickCurrency(list, null)).toBe("eur")
  expect(pickCurrency([], null)).toBeNull()
})

describe("predictionWhy", () => {
  const base = {
    currency_code: "eur",
    fit_id: "mpfit_1",
    orders: 3,
    first_order_at: "2026-01-05T00:00:00.000Z",
    last_order_at: "2026-05-02T00:00:00.000Z",
    historic_value: 120,
    average_order_value: 40,
    average_days_between_orders: 58.5,
    probability_active: 0.8,
    churn_risk: 0.2,
    churn_risk_band: "low" as const,
    predicted_orders_365: 2.1,
    predicted_value_365: 84,
    predicted_lifetime_value: 200,
    expected_next_order_at: null,
    predicted_at: "2026-06-11T12:00:00.000Z",
    fitted_at: "2026-06-11T12:00:00.000Z",
  }
  const day = (iso: string) => iso.slice(0, 10)

  it("summarises the orders the models read", () => {
    expect(predictionWhy(base, day)).toBe("3 orders from 2026-01-05 to 2026-05-02, about every 59 days; the last one 41 days before the fit.")
  })

  it("has no gap for a one-order customer", () => {
    expect(predictionWhy({ ...base, orders: 1, average_days_between_orders: null, last_order_at: base.first_order_at }, day)).toBe(
      "1 order, on 2026-01-05, 158 days before the fit."
    )
  })
})
