import { z } from "@medusajs/framework/zod"
import { FLOW_STATUSES } from "../../../../modules/marketing/flows"
import { descriptionField, listParams, nameField } from "../../../utils/validators"

/** A definition as JSON; drafts may be incomplete, so the full check runs on publish and on validate. */
const definitionField = () =>
  z
    .record(z.string(), z.unknown())
    .refine((d) => JSON.stringify(d).length <= 200_000, { message: "must be at most 200,000 characters of JSON" })
    .meta({
      description:
        "The draft's FlowDefinition, up to 200,000 characters of JSON. A draft may be incomplete while it is built: it is checked in full on publish.",
    })

export const AdminCreateFlow = z
  .object({ name: nameField(), description: descriptionField(), definition: definitionField() })
  .strict()
export type AdminCreateFlowType = z.output<typeof AdminCreateFlow>

export const AdminUpdateFlow = z
  .object({ name: nameField(), description: descriptionField(), definition: definitionField() })
  .partial()
  .strict()
export type AdminUpdateFlowType = z.output<typeof AdminUpdateFlow>

/** Anything: the answer says what is wrong with it. */
export const AdminValidateFlow = z
  .object({ definition: z.unknown().meta({ description: "A FlowDefinition, or anything: the answer lists what is wrong with it." }) })
  .strict()
export type AdminValidateFlowType = z.output<typeof AdminValidateFlow>

export const FLOW_ORDER_FIELDS = ["name", "status", "created_at", "updated_at", "published_at"] as const

const statuses = z.enum(FLOW_STATUSES)
export const AdminListFlows = z
  .object({
    ...listParams({ max: 100, defaultLimit: 20 }),
    q: z.string().trim().min(1).max(200).optional(),
    status: z.union([statuses, z.array(statuses).max(4)]).optional(),
    order: z.enum(FLOW_ORDER_FIELDS.flatMap((f) => [f, `-${f}`]) as [string, ...string[]]).default("-updated_at"),
  })
  .strict()
export type AdminListFlowsType = z.output<typeof AdminListFlows>

export const AdminFlowStats = z
  .object({
    version_id: z.string().trim().min(1).max(100).optional().meta({ description: "One published version's numbers; every version's when absent." }),
  })
  .strict()
export type AdminFlowStatsType = z.output<typeof AdminFlowStats>
