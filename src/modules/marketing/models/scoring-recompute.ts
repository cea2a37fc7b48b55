import { model } from "@medusajs/framework/utils"

export const RECOMPUTE_STATUSES = ["running", "done", "failed"] as const

/**
 * A background rebuild of every contact's scores from the stored events, or
 * of one rule's part in them (`rule_id`: a rule edit applied to history).
 */
export const ScoringRecompute = model.define(
  { name: "ScoringRecompute", tableName: "marketing_scoring_recompute" },
  {
    id: model.id({ prefix: "msrec" }).primaryKey(),
    status: model.enum([...RECOMPUTE_STATUSES]).default("running"),
    reason: model.text(),
    rule_id: model.text().nullable(),
    progress: model.float().default(0),
    step: model.text().nullable(),
    started_at: model.dateTime(),
    finished_at: model.dateTime().nullable(),
    error: model.text().nullable(),
    stats: model.json().nullable(),
  }
)
