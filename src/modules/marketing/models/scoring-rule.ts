import { model } from "@medusajs/framework/utils"

export const SCORING_RULE_KINDS = ["engagement", "fit", "loyalty"] as const
export const CAP_PERIODS = ["day", "week", "month", "ever"] as const

/**
 * A rule that adds or takes away points. Engagement and loyalty rules react
 * to events of one type whose properties match `conditions`; fit rules hold
 * while the contact's attributes match `conditions`.
 */
export const ScoringRule = model.define(
  { name: "ScoringRule", tableName: "marketing_scoring_rule" },
  {
    id: model.id({ prefix: "msrule" }).primaryKey(),
    name: model.text(),
    description: model.text().nullable(),
    kind: model.enum([...SCORING_RULE_KINDS]),
    event_type: model.text().nullable(),
    /** A condition tree (see conditions/), or null to match every event. */
    conditions: model.json().nullable(),
    points: model.number(),
    cap_count: model.number().nullable(),
    cap_period: model.enum([...CAP_PERIODS]).nullable(),
    active: model.boolean().default(true),
  }
)
