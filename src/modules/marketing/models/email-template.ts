import { model } from "@medusajs/framework/utils"

export const TEMPLATE_LAYOUTS = ["marketing", "internal", "none"] as const

/**
 * An email template: subject, body (HTML or MJML) and plain text, all
 * Handlebars, rendered by `email/templates`. Validated (syntax, helpers,
 * partials) before it is saved.
 */
export const EmailTemplate = model
  .define({ name: "EmailTemplate", tableName: "marketing_email_template" }, {
    id: model.id({ prefix: "mtpl" }).primaryKey(),
    name: model.text(),
    description: model.text().nullable(),
    subject: model.text(),
    html: model.text().nullable(),
    mjml: model.text().nullable(),
    text: model.text().nullable(),
    /** "marketing" wraps the body in the store's layout with the unsubscribe footer; "internal" for team emails. */
    layout: model.enum([...TEMPLATE_LAYOUTS]).default("marketing"),
    /** The starter template this one was installed from. */
    starter_key: model.text().nullable(),
    metadata: model.json().nullable(),
  })
  .indexes([{ on: ["starter_key"], unique: true, where: "starter_key IS NOT NULL AND deleted_at IS NULL" }])
