import { z } from "@medusajs/framework/zod"
import { ENROLLMENT_STATUSES } from "../../../../../../modules/marketing/flows/types"
import { listParams } from "../../../../../utils/validators"

export const AdminListFlowEnrollments = z
  .object({
    ...listParams({ max: 200, defaultLimit: 50 }),
    status: z.enum(ENROLLMENT_STATUSES).optional(),
    contact_id: z.string().min(1).max(100).optional(),
  })
  .strict()
export type AdminListFlowEnrollmentsType = z.infer<typeof AdminListFlowEnrollments>

/** `{ contact_id }` now, or `{ segment_id, at? }` now or at a later time. */
export const AdminEnrollInFlow = z
  .object({
    contact_id: z.string().min(1).max(100).optional(),
    segment_id: z.string().min(1).max(100).optional(),
    at: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (!body.contact_id === !body.segment_id) {
      ctx.addIssue({ code: "custom", path: [body.contact_id ? "segment_id" : "contact_id"], message: "give exactly one of contact_id and segment_id" })
    }
    if (body.at && !body.segment_id) ctx.addIssue({ code: "custom", path: ["at"], message: "a scheduled enrollment needs a segment_id" })
  })
  .meta({
    description:
      "Exactly one of `contact_id` and `segment_id`. `at` (a segment only) schedules the enrollment; a time already past enrolls now.",
  })
export type AdminEnrollInFlowType = z.infer<typeof AdminEnrollInFlow>
