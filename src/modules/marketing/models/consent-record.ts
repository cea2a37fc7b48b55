import { model } from "@medusajs/framework/utils"

export const EMAIL_CONSENT_STATUSES = ["unknown", "pending", "granted", "denied"] as const
export type EmailConsentStatus = (typeof EMAIL_CONSENT_STATUSES)[number]

/** Sources the API accepts; the plugin itself also records its own (unsubscribe_link, preferences, double_opt_in, bounce). */
export const CONSENT_SOURCES = [
  "checkout",
  "newsletter_form",
  "admin",
  "import",
  "storefront",
  "account",
  "unsubscribe_link",
  "list_unsubscribe",
  "preferences",
  "double_opt_in",
] as const

/**
 * Proof of each email marketing consent change: what was said, where, when
 * and from which IP. The contact's `email_marketing_consent` is the latest
 * of these; the records are the history a regulator may ask for.
 */
export const ConsentRecord = model
  .define({ name: "ConsentRecord", tableName: "marketing_consent_record" }, {
    id: model.id({ prefix: "mcr" }).primaryKey(),
    contact_id: model.text(),
    channel: model.text().default("email_marketing"),
    status: model.enum(["pending", "granted", "denied"]),
    source: model.text(),
    ip_address: model.text().nullable(),
    user_agent: model.text().nullable(),
    message_id: model.text().nullable(),
    /** The source in its own words where `source` is a kind: an import's stated source and file. */
    detail: model.text().nullable(),
    occurred_at: model.dateTime(),
  })
  // Not partial: export and erasure find a contact's records without a deleted_at filter.
  .indexes([{ on: ["contact_id", "occurred_at"], where: null }])
