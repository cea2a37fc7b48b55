import type { PredictionField } from "../../predictions/contact-fields"
import type { RenderContact } from "./types"

const iso = (value: unknown): string | null => {
  const ms = value instanceof Date ? value.getTime() : typeof value === "string" ? Date.parse(value) : NaN
  return Number.isNaN(ms) ? null : new Date(ms).toISOString()
}
const numberOrNull = (value: unknown): number | null =>
  value == null || value === "" || !Number.isFinite(Number(value)) ? null : Number(value)
const textOrNull = (value: unknown): string | null => (typeof value === "string" ? value : null)

/**
 * A contact's prediction fields as `contact.*` template variables: dates as
 * ISO strings, `predicted_next_order_at` as the name for the expected
 * next order; every one null without predictions (so a preview never shows
 * the sample's figures for a real contact).
 */
export function predictionVariables(p: Partial<Record<PredictionField, unknown>> | null | undefined): Partial<RenderContact> {
  const expected = iso(p?.expected_next_order_at)
  return {
    churn_risk: numberOrNull(p?.churn_risk),
    churn_risk_band: textOrNull(p?.churn_risk_band),
    probability_active: numberOrNull(p?.probability_active),
    predicted_orders_365: numberOrNull(p?.predicted_orders_365),
    predicted_value_365: numberOrNull(p?.predicted_value_365),
    predicted_lifetime_value: numberOrNull(p?.predicted_lifetime_value),
    predicted_lifetime_value_percentile: numberOrNull(p?.predicted_lifetime_value_percentile),
    expected_next_order_at: expected,
    predicted_next_order_at: expected,
    average_days_between_orders: numberOrNull(p?.average_days_between_orders),
    historic_value: numberOrNull(p?.historic_value),
    prediction_currency_code: textOrNull(p?.prediction_currency_code),
    purchase_propensity: numberOrNull(p?.purchase_propensity),
    purchase_propensity_percentile: numberOrNull(p?.purchase_propensity_percentile),
  }
}
