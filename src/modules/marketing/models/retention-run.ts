import { model } from "@medusajs/framework/utils"

export const RETENTION_RUN_STATUSES = ["running", "done", "failed"] as const

/**
 * One night's purge of behavioural events older than `tracking.retentionDays`.
 * `run_on` (the UTC day) is unique, so one instance claims each night's run.
 * `cutoff` also settles the score ledger: entries before the latest cut-off
 * are history a recompute keeps as it is (their events may be gone).
 */
export const RetentionRun = model
  .define(
    { name: "RetentionRun", tableName: "marketing_retention_run" },
    {
      id: model.id({ prefix: "mret" }).primaryKey(),
      run_on: model.text(),
      retention_days: model.number(),
      cutoff: model.dateTime(),
      status: model.enum([...RETENTION_RUN_STATUSES]).default("running"),
      events_deleted: model.number().default(0),
      batches: model.number().default(0),
      started_at: model.dateTime(),
      finished_at: model.dateTime().nullable(),
      error: model.text().nullable(),
    }
  )
  .indexes([
    { on: ["run_on"], unique: true, where: null },
    { on: ["cutoff"], where: null },
  ])
