import { z } from "@medusajs/framework/zod"
import { RETENTION_RUN_STATUSES } from "../../../../modules/marketing/models/retention-run"
import { component, nullableTimestamp, timestamp } from "../../../utils/openapi"

/** One night's purge of behavioural events past the retention period. */
export const RetentionRun = component(
  "RetentionRun",
  z
    .object({
      id: z.string(),
      run_on: z.string().meta({ description: "The UTC day of the run (YYYY-MM-DD): one run per day across instances." }),
      retention_days: z.number().int().meta({ description: "`tracking.retentionDays` when it ran." }),
      cutoff: timestamp().meta({ description: "Behavioural events before this instant were deleted; score entries before it are settled history." }),
      status: z.enum(RETENTION_RUN_STATUSES),
      events_deleted: z.number().int(),
      batches: z.number().int().meta({ description: "Delete statements that removed events, each its own short transaction." }),
      started_at: timestamp(),
      finished_at: nullableTimestamp(),
      error: z.string().nullable().meta({ description: "Why it failed." }),
      created_at: timestamp(),
      updated_at: timestamp(),
      deleted_at: nullableTimestamp(),
    })
    .meta({ description: "One night's purge of behavioural events older than the retention period (orders' events stay)." })
)

export const RetentionRunsResponse = z.object({
  retention_days: z.number().int().nullable().meta({ description: "The option `tracking.retentionDays`; 0 or null: events are kept for ever." }),
  retention_runs: z.array(RetentionRun).meta({ description: "The latest 30 runs, newest first." }),
})
