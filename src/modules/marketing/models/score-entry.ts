import { model } from "@medusajs/framework/utils"

export const SCORE_KINDS = ["acquisition", "loyalty"] as const
export const SCORE_COMPONENTS = ["engagement", "fit", "rfm", "loyalty_rule"] as const

/**
 * The score ledger: every change to a contact's scores, with the rule and
 * the event behind it. One entry per (rule, event), so re-processing an event
 * never counts twice.
 */
export const ScoreEntry = model
  .define(
    { name: "ScoreEntry", tableName: "marketing_score_entry" },
    {
      id: model.id({ prefix: "mscore" }).primaryKey(),
      contact_id: model.text(),
      score: model.enum([...SCORE_KINDS]),
      component: model.enum([...SCORE_COMPONENTS]),
      delta: model.float(),
      rule_id: model.text().nullable(),
      event_id: model.text().nullable(),
      reason: model.text(),
      occurred_at: model.dateTime(),
    }
  )
  .indexes([
    // Not partial: merges and erasure find a contact's entries without a deleted_at filter.
    { on: ["contact_id", "occurred_at"], where: null },
    // Also serves lookups by rule: every rule entry has an event.
    { on: ["rule_id", "event_id"], unique: true, where: "event_id IS NOT NULL" },
  ])
