import { model } from "@medusajs/framework/utils"
import { PREDICTION_FIT_STATUSES } from "./prediction-fit"

/**
 * One nightly fit of purchase propensity for leads (a logistic regression on
 * behaviour and profile): trained on one 30-day window, its AUC measured on
 * the next, refitted on that latest window to score today's leads. Nobody's
 * row: counts, weights and accuracy of the whole store.
 */
export const PropensityFit = model
  .define(
    { name: "PropensityFit", tableName: "marketing_propensity_fit" },
    {
      id: model.id({ prefix: "mpfp" }).primaryKey(),
      status: model.enum([...PREDICTION_FIT_STATUSES]),
      /** Below a minimum: which one, in the owner's words. */
      missing: model.text().nullable(),
      /** Leads at the start of each window, and how many placed a first order within 30 days. */
      training_leads: model.number().default(0),
      training_first_buyers: model.number().default(0),
      evaluation_leads: model.number().default(0),
      evaluation_first_buyers: model.number().default(0),
      /** Leads scored today. */
      scored_leads: model.number().default(0),
      /** Area under the ROC curve of the training window's model on the evaluation window. */
      auc: model.float().nullable(),
      training_from: model.dateTime(),
      evaluation_from: model.dateTime(),
      /** The scoring model: intercept, weights, odds ratios with 95% intervals and their words, features left out. */
      model: model.json().nullable(),
      /** Time spent per phase, seconds. */
      timings: model.json().nullable(),
      error: model.text().nullable(),
      fitted_at: model.dateTime(),
    }
  )
  .indexes([{ on: ["fitted_at"] }])
