import { model } from "@medusajs/framework/utils"
import { CHURN_RISK_BANDS } from "../predictions/churn-risk"

// Floats: these are estimates, not amounts to charge.
/**
 * A customer's predictions in one currency, from the latest fit of that
 * currency's orders, with the summary the models used (the "why").
 */
export const ContactPrediction = model
  .define(
    { name: "ContactPrediction", tableName: "marketing_contact_prediction" },
    {
      id: model.id({ prefix: "mpred" }).primaryKey(),
      contact_id: model.text(),
      currency_code: model.text(),
      fit_id: model.text(),
      /** The summary: orders (distinct order days), first and last, value so far. */
      orders: model.number(),
      first_order_at: model.dateTime(),
      last_order_at: model.dateTime(),
      historic_value: model.float(),
      average_order_value: model.float().nullable(),
      average_days_between_orders: model.float().nullable(),
      /** MBG/NBD: probability the customer is still active, and 1 minus it. */
      probability_active: model.float(),
      churn_risk: model.float(),
      churn_risk_band: model.enum([...CHURN_RISK_BANDS]),
      predicted_orders_365: model.float(),
      predicted_value_365: model.float().nullable(),
      predicted_lifetime_value: model.float().nullable(),
      /** 0–100: the share of the currency's customers with a lower lifetime value (percent_rank × 100); null with it. */
      predicted_lifetime_value_percentile: model.float().nullable(),
      expected_next_order_at: model.dateTime().nullable(),
      predicted_at: model.dateTime(),
    }
  )
  .indexes([
    // Not partial: erasure and merges find a contact's rows without a deleted_at filter.
    { on: ["contact_id", "currency_code"], unique: true, where: null },
    { on: ["churn_risk_band"] },
    { on: ["expected_next_order_at"] },
  ])
