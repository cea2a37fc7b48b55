/**
 * Predictions, the pure core: no Medusa import, no database. Summaries come
 * in as plain rows (computed in SQL, defined by `summarizeOrders`), models
 * are fitted by maximum likelihood, figures and backtests come out as plain
 * objects.
 *
 * - Orders: MBG/NBD (Batislam, Denizel and Filiztekin 2007), the default, or
 *   BG/NBD (Fader, Hardie and Lee 2005), time in weeks, each an `OrderModel`
 *   (`MBG_NBD`, `BG_NBD`): `fit`, then `probabilityActive`,
 *   `probabilityOfOrderWithin`, `expectedOrders` (next t weeks, given the
 *   history), `expectedOrdersOfNewCustomer`, `weeksToNextOrder`. BG/NBD's
 *   functions are also exported by name (`fitBgNbd`, …).
 * - Spend: Gamma-Gamma (Fader, Hardie and Lee 2005, "RFM and CLV").
 *   `fitGammaGamma`, then `expectedOrderValue`.
 * - Per customer: `predictCustomer(s)`: churn risk and band, predicted orders
 *   and value over 365 days, lifetime value, days to the next order, average
 *   days between orders.
 * - Accuracy: `backtest` (total, deciles, by repeat orders, mean absolute
 *   error) and `cumulativeRepeatOrders` (the forecast-vs-actual chart).
 * - Leads: `fitPurchasePropensity`, `purchaseProbability`, `oddsRatios`,
 *   `oddsLabel`, `areaUnderCurve`.
 *
 * @example
 * const fit = MBG_NBD.fit(calibration) // PurchaseSummary[], weeks
 * const spend = fitGammaGamma(calibration) // repeat_orders + average_order_value
 * const figures = predictCustomers({ orders: fit.params, orders_model: MBG_NBD, spend: spend.params }, customers)
 * const accuracy = backtest(fit.params, holdoutCustomers, 26, MBG_NBD)
 */
export {
  DAYS_PER_WEEK,
  DEFAULT_RESOLUTION_WEEKS,
  bgNbdLogLikelihood,
  expectedOrders,
  expectedOrdersOfNewCustomer,
  fitBgNbd,
  groupSummaries,
  probabilityActive,
  probabilityOfOrderWithin,
  weeksToNextOrder,
} from "./bg-nbd"
export type { BgNbdFit, BgNbdParams, FitOptions, PurchaseSummary, SummaryGroups } from "./bg-nbd"
export { fitMbgNbd, mbgNbdLogLikelihood } from "./mbg-nbd"
export type { MbgNbdParams } from "./mbg-nbd"
export { BG_NBD, MBG_NBD, ORDER_MODELS, ORDER_MODEL_KINDS } from "./order-model"
export type { OrderModel, OrderModelKind, OrderModelParams } from "./order-model"
export { expectedOrderValue, fitGammaGamma, gammaGammaLogLikelihood } from "./gamma-gamma"
export type { GammaGammaFit, GammaGammaParams, SpendSummary } from "./gamma-gamma"
export {
  CHURN_RISK_BANDS,
  CHURN_RISK_HIGH_FROM,
  CHURN_RISK_MEDIUM_FROM,
  DAYS_PER_YEAR,
  DEFAULT_ANNUAL_DISCOUNT_RATE,
  DEFAULT_LIFETIME_YEARS,
  churnRiskBand,
  predictCustomer,
  predictCustomers,
} from "./customer"
export type { ChurnRiskBand, CustomerModels, CustomerPrediction, CustomerSummary, ValueOptions } from "./customer"
export { backtest, countByWeek, cumulativeRepeatOrders } from "./backtest"
export type { BacktestCustomer, BacktestResult, CumulativePoint, ForecastVsActual } from "./backtest"
export { summarizeOrders } from "./summary"
export type { OrderDay } from "./summary"
export { areaUnderCurve, fitPurchasePropensity, oddsLabel, oddsRatios, purchaseProbability } from "./propensity"
export type { FitPropensityOptions, OddsRatio, PropensityModel } from "./propensity"
