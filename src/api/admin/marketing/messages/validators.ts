import { z } from "@medusajs/framework/zod"
import { MESSAGE_STATUSES } from "../../../../modules/marketing/models/message"
import { listParams } from "../../../utils/validators"

export const AdminListMessages = z
  .object({
    contact_id: z.string().max(100).optional(),
    template_id: z.string().max(100).optional(),
    status: z.enum(MESSAGE_STATUSES).optional(),
    ...listParams({ max: 200, defaultLimit: 20 }),
  })
  .strict()
export type AdminListMessagesType = z.output<typeof AdminListMessages>

export const AdminDispatchMessages = z.object({ limit: z.number().int().min(1).max(5000).default(500) }).strict()
export type AdminDispatchMessagesType = z.output<typeof AdminDispatchMessages>
