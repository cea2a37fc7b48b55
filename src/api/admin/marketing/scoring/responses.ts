import { z } from "@medusajs/framework/zod"
import { LIFECYCLE_STAGES } from "../../../../modules/marketing/models/lifecycle-stage-change"
import { RECOMPUTE_STATUSES } from "../../../../modules/marketing/models/scoring-recompute"
import { RFM_GROUPS } from "../../../../modules/marketing/scoring/rfm"
import { component, nullableTimestamp, timestamp } from "../../../utils/openapi"

/** A background rebuild of the scores. */
export const ScoringRecompute = component(
  "ScoringRecompute",
  z
  .object({
    id: z.string(),
    status: z.enum(RECOMPUTE_STATUSES),
    reason: z.string().meta({ description: "Why it runs: requested in the admin, a rule created, changed or deleted..." }),
    rule_id: z.string().nullable().meta({ description: "Set when only one rule's part in the scores is rebuilt (a rule change applied to history)." }),
    progress: z.number().meta({ description: "From 0 to 1." }),
    step: z.string().nullable().meta({ description: "What it is doing now, for people." }),
    started_at: timestamp(),
    finished_at: nullableTimestamp(),
    error: z.string().nullable().meta({ description: "Why it failed." }),
    stats: z.record(z.string(), z.number()).nullable().meta({ description: "Counts of what it did (contacts, ledger entries...), once done." }),
    created_at: timestamp(),
    updated_at: timestamp(),
    deleted_at: nullableTimestamp(),
  })
  .meta({ description: "A background rebuild of every contact's scores from the stored events, or of one rule's part in them." })
)

export const ScoringRecomputeResponse = z.object({ recompute: ScoringRecompute })

const histogram = z
  .array(
    z.object({
      from: z.number().int().meta({ description: "The lowest score of the bucket." }),
      to: z.number().int().meta({ description: "The highest score of the bucket." }),
      count: z.number().int(),
    })
  )
  .meta({ description: "Contacts per score bucket, about ten buckets covering at least 0 to 100." })

export const ScoringOverview = component(
  "ScoringOverview",
  z
  .object({
    acquisition_histogram: histogram,
    loyalty_histogram: histogram,
    stages: z
      .array(z.object({ stage: z.enum(LIFECYCLE_STAGES), count: z.number().int() }))
      .meta({ description: "Contacts per lifecycle stage, every stage in order." }),
    rfm_groups: z
      .array(z.object({ group: z.enum(RFM_GROUPS), count: z.number().int() }))
      .meta({ description: "Contacts per RFM group, every group in order." }),
    contacts: z.number().int().meta({ description: "Live contacts." }),
  })
  .meta({ description: "Score distributions and contacts per stage and RFM group." })
)
