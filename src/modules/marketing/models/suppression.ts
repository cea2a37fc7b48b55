import { model } from "@medusajs/framework/utils"

export const SUPPRESSION_REASONS = ["unsubscribed", "hard_bounce", "complaint", "erased", "manual"] as const
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number]

/**
 * An address that gets no marketing email. Keyed by a keyed hash of the
 * normalised address, so it survives erasure of the person (and the same
 * address coming back as a new contact is still suppressed) without keeping
 * the address itself.
 */
export const Suppression = model
  .define({ name: "Suppression", tableName: "marketing_suppression" }, {
    id: model.id({ prefix: "msup" }).primaryKey(),
    email_hash: model.text(),
    reason: model.enum([...SUPPRESSION_REASONS]),
    /** Where it came from: "unsubscribe_link", "sendgrid", "admin", ... */
    source: model.text().nullable(),
    detail: model.text().nullable(),
    /** Cleared when the contact is erased. */
    contact_id: model.text().nullable(),
    message_id: model.text().nullable(),
  })
  .indexes([
    { on: ["email_hash"], unique: true, where: "deleted_at IS NULL" },
    { on: ["contact_id"], where: "contact_id IS NOT NULL" },
  ])
