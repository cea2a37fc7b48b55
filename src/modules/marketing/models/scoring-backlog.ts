import { model } from "@medusajs/framework/utils"

/**
 * Events stored while a full recompute held the scoring lock. Ingestion never
 * waits for a recompute: it parks the events here, and the recompute's
 * catch-up passes score them all before its workflow ends (passes run one at a
 * time; the minutely job is only a safety net).
 */
export const ScoringBacklog = model
  .define(
    { name: "ScoringBacklog", tableName: "marketing_scoring_backlog" },
    {
      id: model.id({ prefix: "msbl" }).primaryKey(),
      event_id: model.text(),
      contact_id: model.text(),
    }
  )
  .indexes([{ on: ["event_id"], unique: true }])
