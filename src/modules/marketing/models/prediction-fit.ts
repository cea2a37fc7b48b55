import { model } from "@medusajs/framework/utils"

/** What a fit ended as: fitted, or skipped because the store is below a minimum, or failed. */
export const PREDICTION_FIT_STATUSES = ["fitted", "insufficient", "failed"] as const

/**
 * One nightly fit of the customer models (MBG/NBD for orders, Gamma-Gamma for
 * order value) on one currency's orders, with its backtest. Nobody's row:
 * counts and parameters of the whole store.
 */
export const PredictionFit = model
  .define(
    { name: "PredictionFit", tableName: "marketing_prediction_fit" },
    {
      id: model.id({ prefix: "mpfit" }).primaryKey(),
      currency_code: model.text(),
      status: model.enum([...PREDICTION_FIT_STATUSES]),
      /** Below a minimum: which one, in the owner's words ("at least 500 buyers; this store has 212"). */
      missing: model.text().nullable(),
      customers: model.number().default(0),
      repeat_customers: model.number().default(0),
      history_days: model.float().default(0),
      /**
       * Fitted parameters, the order model's under its own name:
       * `{ orders_model: "mbgnbd", mbgnbd: { r, alpha, a, b, log_likelihood, converged }, gamma_gamma: { p, q, gamma, customers, converged } }`.
       */
      parameters: model.json().nullable(),
      /** Forecast against what happened in the last weeks, fitted without them. */
      backtest: model.json().nullable(),
      /** Time spent per phase, seconds. */
      timings: model.json().nullable(),
      error: model.text().nullable(),
      fitted_at: model.dateTime(),
    }
  )
  .indexes([{ on: ["currency_code", "fitted_at"] }])
