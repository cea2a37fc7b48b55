import { model } from "@medusajs/framework/utils"

/**
 * Views, closes and submissions of one form's variant on one UTC day: the
 * list's 30-day figures and the A/B test read these, never the submissions.
 * Counters only: nobody's row.
 */
export const FormStat = model
  .define({ name: "FormStat", tableName: "marketing_form_stat" }, {
    id: model.id({ prefix: "mfst" }).primaryKey(),
    form_id: model.text(),
    variant: model.text(),
    /** YYYY-MM-DD (UTC). */
    day: model.text(),
    views: model.number().default(0),
    closes: model.number().default(0),
    submissions: model.number().default(0),
  })
  // The target of the counters' upsert (ON CONFLICT), so not partial.
  .indexes([{ on: ["form_id", "variant", "day"], unique: true, where: null }])
