import { model } from "@medusajs/framework/utils"

/**
 * A lead's purchase propensity: the probability of a first order in the
 * next 30 days, from the latest propensity fit. A table of its own, like the
 * customers' predictions: rewritten whole each night without touching the
 * contact rows every event updates; segments read it by `contact_id`.
 */
export const ContactPropensity = model
  .define(
    { name: "ContactPropensity", tableName: "marketing_contact_propensity" },
    {
      id: model.id({ prefix: "mprop" }).primaryKey(),
      contact_id: model.text(),
      fit_id: model.text(),
      probability: model.float(),
      /** 0–100 among the fit's leads (percent_rank of the probability): "top 10 %" is >= 90. */
      percentile: model.float().nullable(),
      predicted_at: model.dateTime(),
    }
  )
  .indexes([
    // Not partial: erasure and merges find a contact's row without a deleted_at filter.
    { on: ["contact_id"], unique: true, where: null },
    { on: ["probability"] },
  ])
