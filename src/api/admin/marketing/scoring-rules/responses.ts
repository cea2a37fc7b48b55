import { z } from "@medusajs/framework/zod"
import { OPERATORS_BY_TYPE } from "../../../../modules/marketing/conditions/types"
import type { FieldType } from "../../../../modules/marketing/conditions/types"
import { CAP_PERIODS, SCORING_RULE_KINDS } from "../../../../modules/marketing/models/scoring-rule"
import { component, nullableTimestamp, page, timestamp } from "../../../utils/openapi"
import { ScoringRecompute } from "../scoring/responses"

/** A scoring rule as stored. */
export const ScoringRule = component(
  "ScoringRule",
  z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    kind: z.enum(SCORING_RULE_KINDS).meta({
      description: "`engagement`: points for events, which decay; `fit`: points while the contact's attributes match; `loyalty`: points for events, toward the loyalty score.",
    }),
    event_type: z.string().nullable().meta({ description: "The event type an engagement or loyalty rule reacts to; null for a fit rule." }),
    conditions: z
      .record(z.string(), z.unknown())
      .nullable()
      .meta({ description: "A condition tree (`{ and: [...] }`, `{ or: [...] }`, `{ field, operator, value }`) over the event's properties or, for a fit rule, the contact; null matches every event." }),
    points: z.number().int().meta({ description: "Points given (or taken, when negative) each time it applies." }),
    cap_count: z.number().int().nullable().meta({ description: "At most this many applications per contact in `cap_period`." }),
    cap_period: z.enum(CAP_PERIODS).nullable(),
    active: z.boolean(),
    created_at: timestamp(),
    updated_at: timestamp(),
    deleted_at: nullableTimestamp(),
  })
  .meta({ description: "A rule that gives or takes points for what contacts do or are." })
)

export const ScoringRuleList = z.object({ scoring_rules: z.array(ScoringRule), ...page })

/** A rule, and the background apply to history its change started. */
export const ScoringRuleResponse = z.object({
  scoring_rule: ScoringRule,
  recompute: z.union([ScoringRecompute, z.null()]).meta({ description: "The apply of the change to history, when `apply_to_history` was true; null otherwise." }),
})

export const ScoringRuleGetResponse = z.object({ scoring_rule: ScoringRule })

export const ScoringRuleDeleted = z.object({
  id: z.string(),
  deleted: z.literal(true),
  recompute: z.union([ScoringRecompute, z.null()]).meta({ description: "The removal of the rule's points from history, when `apply_to_history=true`; null otherwise." }),
})

export const ScoringRuleFields = z.object({
  fields: z
    .array(
      z.object({
        name: z.string().meta({ description: "The field as a condition names it, e.g. `properties.category` or `country_code`." }),
        type: z.enum(Object.keys(OPERATORS_BY_TYPE) as [FieldType, ...FieldType[]]),
        values: z.array(z.string()).optional().meta({ description: "The allowed values of an enum field." }),
      })
    )
    .meta({ description: "The fields a rule's conditions may test." }),
  event_types: z.array(z.string()).meta({ description: "The built-in event types a rule may react to (custom ones, `custom:<name>`, too)." }),
})

export const ScoringRulePreview = z.object({
  count: z.number().int().meta({ description: "Live contacts the rule would affect: with a matching event, or, for a fit rule, whose attributes match." }),
})
