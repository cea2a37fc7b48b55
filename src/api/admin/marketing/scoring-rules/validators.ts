import { z } from "@medusajs/framework/zod"
import { descriptionField, listParams, nameField } from "../../../utils/validators"

const APPLY_TO_HISTORY = "Also re-score the stored events with this change, in the background; otherwise it applies from now on."

const ruleFields = {
  name: nameField(),
  description: descriptionField(),
  kind: z.enum(["engagement", "fit", "loyalty"]),
  event_type: z.string().trim().min(1).max(80).nullish(),
  /** Checked against the rule's field catalog by the workflow, which names the path. */
  conditions: z
    .record(z.string(), z.unknown())
    .nullish()
    .meta({ description: "A condition tree over the fields GET /admin/marketing/scoring-rules/fields lists; null matches every event of the type." }),
  points: z
    .number()
    .int()
    .min(-1000)
    .max(1000)
    .refine((p) => p !== 0, { message: "Points cannot be 0" }),
  cap_count: z.number().int().min(1).max(10000).nullish().meta({ description: "At most this many applications per contact in `cap_period` (both or neither; not for fit rules)." }),
  cap_period: z.enum(["day", "week", "month", "ever"]).nullish(),
  active: z.boolean().optional(),
}

export const AdminCreateScoringRule = z
  .object({ ...ruleFields, apply_to_history: z.boolean().optional().meta({ description: APPLY_TO_HISTORY }) })
  .strict()
export type AdminCreateScoringRuleType = z.output<typeof AdminCreateScoringRule>

export const AdminUpdateScoringRule = z
  .object({ ...ruleFields, apply_to_history: z.boolean().optional().meta({ description: APPLY_TO_HISTORY }) })
  .partial()
  .strict()
export type AdminUpdateScoringRuleType = z.output<typeof AdminUpdateScoringRule>

export const AdminPreviewScoringRule = z
  .object({
    kind: ruleFields.kind,
    event_type: ruleFields.event_type,
    conditions: ruleFields.conditions,
  })
  .strict()
export type AdminPreviewScoringRuleType = z.output<typeof AdminPreviewScoringRule>

export const AdminListScoringRules = z
  .object({
    ...listParams({ max: 100, defaultLimit: 50 }),
    kind: z.enum(["engagement", "fit", "loyalty"]).optional(),
    active: z.enum(["true", "false"]).transform((v) => v === "true").optional(),
  })
  .strict()
export type AdminListScoringRulesType = z.output<typeof AdminListScoringRules>

export const AdminRuleFieldsQuery = z
  .object({
    kind: z.enum(["engagement", "fit", "loyalty"]),
    event_type: z.string().max(80).optional(),
  })
  .strict()
export type AdminRuleFieldsQueryType = z.output<typeof AdminRuleFieldsQuery>

export const AdminDeleteScoringRuleQuery = z
  .object({
    apply_to_history: z
      .enum(["true", "false"])
      .transform((v) => v === "true")
      .optional()
      .meta({ description: "`true`: also remove the points the rule gave, in the background." }),
  })
  .strict()
export type AdminDeleteScoringRuleQueryType = z.output<typeof AdminDeleteScoringRuleQuery>
