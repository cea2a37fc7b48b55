import { z } from "@medusajs/framework/zod"
import { CHURN_RISK_BANDS } from "../../../../modules/marketing/predictions/churn-risk"
import { PREDICTION_FIT_STATUSES } from "../../../../modules/marketing/models/prediction-fit"
import { component, nullableTimestamp, page, timestamp } from "../../../utils/openapi"

const forecastVsActual = {
  customers: z.number().int(),
  forecast: z.number().meta({ description: "Repeat orders the model forecast for these customers over the backtest weeks." }),
  actual: z.number().meta({ description: "Repeat orders they placed in those weeks." }),
}

const Backtest = z
  .union([
    z.object({
      holdout_weeks: z.number().int().meta({ description: "The last weeks left out of the fit and forecast." }),
      customers: z.number().int(),
      calibration_customers: z.number().int().meta({ description: "Customers who had ordered before the backtest weeks." }),
      total: z.object(forecastVsActual).meta({ description: "All repeat orders in the backtest weeks." }),
      deciles: z
        .array(z.object({ decile: z.number().int(), ...forecastVsActual }))
        .meta({ description: "Ten groups of customers by forecast, highest first." }),
      by_repeat_orders: z
        .array(z.object({ repeat_orders: z.string().meta({ description: "0 to 6, then `7+`." }), ...forecastVsActual }))
        .meta({ description: "By repeat orders before the backtest weeks." }),
      mean_absolute_error: z.number().meta({ description: "The mean of |forecast − actual| repeat orders per customer." }),
      cumulative: z
        .array(z.object({ week: z.number().int(), forecast: z.number(), actual: z.number() }))
        .meta({ description: "Cumulative repeat orders, forecast and actual, at the end of each week since the currency's first order; the last `holdout_weeks` are the backtest." }),
    }),
    z.object({ skipped: z.string().meta({ description: "Why there is no backtest: the part before the backtest weeks is below a minimum." }) }),
  ])
  .nullable()
  .meta({ description: "The model fitted again without the last weeks, its forecast of those weeks against what happened. Null unless fitted." })

const OrderModelParameters = z.object({
  r: z.number(), alpha: z.number(), a: z.number(), b: z.number(), log_likelihood: z.number(), converged: z.boolean(),
})

const fitFields = {
  id: z.string(),
  currency_code: z.string(),
  status: z.enum(PREDICTION_FIT_STATUSES).meta({ description: "`insufficient`: below a minimum (see `missing`); `failed`: see `error`." }),
  missing: z.string().nullable().meta({ description: "The minimum the currency misses, in the owner's words." }),
  customers: z.number().int().meta({ description: "Buyers in this currency." }),
  repeat_customers: z.number().int().meta({ description: "Buyers with a second order day." }),
  history_days: z.number().meta({ description: "Days from the currency's first order to the fit." }),
  parameters: z
    .object({
      orders_model: z.enum(["mbgnbd", "bgnbd"]).optional().meta({ description: "The order model fitted (absent on fits made before MBG/NBD: BG/NBD)." }),
      mbgnbd: OrderModelParameters.optional().meta({ description: "MBG/NBD's parameters, when `orders_model` is `mbgnbd`." }),
      bgnbd: OrderModelParameters.optional().meta({ description: "BG/NBD's parameters, on fits made before MBG/NBD." }),
      gamma_gamma: z.object({ p: z.number(), q: z.number(), gamma: z.number(), customers: z.number().int(), converged: z.boolean() }).nullable(),
    })
    .nullable()
    .meta({ description: "The order model's (MBG/NBD) and Gamma-Gamma's (order value) parameters; null unless fitted." }),
  timings: z.record(z.string(), z.number()).nullable().meta({ description: "Seconds per phase (summaries, fit, predict, backtest, write)." }),
  error: z.string().nullable(),
  fitted_at: timestamp(),
}

export const PredictionFit = component(
  "PredictionFit",
  z
    .object({ ...fitFields, backtest: Backtest.optional().meta({ description: "Listed only when asked for." }) })
    .meta({ description: "One fit of one currency's customer models." })
)

const CurrencyFitOutcome = z.object({
  id: z.string(),
  currency_code: z.string(),
  status: z.enum(PREDICTION_FIT_STATUSES),
  missing: z.string().nullable(),
  customers: z.number().int(),
  repeat_customers: z.number().int(),
  predictions: z.number().int(),
})

export const PredictionFitRun = component(
  "PredictionFitRun",
  z
    .object({
      id: z.string().meta({ description: "The run's workflow transaction id." }),
      status: z.enum(["running", "done", "skipped", "failed"]).meta({ description: "`skipped`: another instance was fitting." }),
      started_at: timestamp(),
      finished_at: nullableTimestamp(),
      error: z.string().nullable(),
      fits: z.array(CurrencyFitOutcome).meta({ description: "Each currency's outcome, once done." }),
    })
    .meta({ description: "A fit started from the admin, as this instance ran it." })
)

export const PredictionFitRunResponse = z.object({ run: PredictionFitRun })

export const PredictionsOverview = component(
  "PredictionsOverview",
  z
    .object({
      currencies: z.array(
        z.object({
          currency_code: z.string(),
          fit: z.object({ ...fitFields, backtest: Backtest }).meta({ description: "The currency's latest fit." }),
          predictions: z.number().int().meta({ description: "Customers with predictions now." }),
          churn_risk_bands: z.array(z.object({ band: z.enum(CHURN_RISK_BANDS), count: z.number().int() })),
          top_lifetime_values: z
            .array(
              z.object({
                contact_id: z.string(),
                email: z.string().nullable(),
                orders: z.number().int(),
                historic_value: z.number(),
                predicted_lifetime_value: z.number(),
                churn_risk_band: z.enum(CHURN_RISK_BANDS),
              })
            )
            .meta({ description: "The highest predicted lifetime values, highest first." }),
        })
      ),
      minimums: z
        .object({
          buyers: z.number().int(),
          repeat_buyers: z.number().int(),
          history_days: z.number().int(),
        })
        .meta({ description: "What a currency needs for predictions (the plugin's `predictions` options)." }),
      backtest_weeks: z.number().int(),
      lifetime_years: z.number(),
      annual_discount_rate: z.number(),
      running: z.boolean().meta({ description: "A fit runs now, on this instance or another." }),
      run: PredictionFitRun.nullable().meta({ description: "This instance's latest fit started from the admin, running or finished." }),
    })
    .meta({ description: "Each currency's latest fit with its accuracy, and what its predictions look like." })
)

export const PredictionFitList = z.object({ fits: z.array(PredictionFit), ...page })

export const ContactPredictionList = z.object({
  predictions: z.array(
    z.object({
      currency_code: z.string(),
      fit_id: z.string(),
      orders: z.number().int().meta({ description: "Days with an order (several orders on one day are one)." }),
      first_order_at: timestamp(),
      last_order_at: timestamp(),
      historic_value: z.number(),
      average_order_value: z.number().nullable(),
      average_days_between_orders: z.number().nullable().meta({ description: "Null with one order." }),
      probability_active: z.number(),
      churn_risk: z.number().meta({ description: "1 − probability_active." }),
      churn_risk_band: z.enum(CHURN_RISK_BANDS),
      predicted_orders_365: z.number(),
      predicted_value_365: z.number().nullable(),
      predicted_lifetime_value: z.number().nullable(),
      expected_next_order_at: nullableTimestamp(),
      predicted_at: timestamp(),
      fitted_at: nullableTimestamp(),
    })
  ),
  propensity: z
    .object({
      fit_id: z.string(),
      probability: z.number().meta({ description: "Probability of a first order within 30 days." }),
      percentile: z.number().nullable().meta({ description: "0–100 among the fit's leads: 90 or more is the top 10 %." }),
      predicted_at: timestamp(),
      fitted_at: nullableTimestamp(),
      auc: z.number().nullable().meta({ description: "The fit's AUC on its held-out window." }),
    })
    .nullable()
    .meta({ description: "A lead's purchase propensity; null for a customer, or before the first propensity fit." }),
})
