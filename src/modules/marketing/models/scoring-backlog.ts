import { model } from "@medusajs/framework/utils"

/**
 * Events stored while a full recompute held the scoring lock. Ingestion never
 * waits for a recompute: it parks the events here and they are scored right
 * after it (and by a minutely job, for any that committed later).
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
