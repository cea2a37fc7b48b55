import { model } from "@medusajs/framework/utils"

/**
 * One submission of a form: what the visitor typed, the consent they gave
 * and the text they were shown (the proof), the hidden fields and the page.
 * Erasure deletes a person's submissions; export lists them.
 */
export const FormSubmission = model
  .define({ name: "FormSubmission", tableName: "marketing_form_submission" }, {
    id: model.id({ prefix: "mfsub" }).primaryKey(),
    form_id: model.text(),
    variant: model.text(),
    /** The contact the submission created or updated (moved on merges). */
    contact_id: model.text().nullable(),
    anonymous_id: model.text().nullable(),
    email: model.text(),
    /** The fields' values by field name (`first_name`, `custom.plan`), email included. */
    values: model.json(),
    consent_given: model.boolean(),
    consent_topics: model.json(),
    /** The consent text shown with the form at the time, kept as proof. */
    consent_text: model.text().nullable(),
    /** UTM and page, as the form's hidden fields caught them. */
    hidden: model.json(),
    page_url: model.text().nullable(),
    /** The incentive's code, when the form has one. */
    discount_code: model.text().nullable(),
  })
  // Not partial: export and erasure find a person's rows without a deleted_at filter.
  .indexes([
    { on: ["form_id", "created_at"] },
    { on: ["contact_id"], where: null },
    { on: ["email"], where: null },
  ])
