import { z } from "@medusajs/framework/zod"
import { MESSAGE_STATUSES } from "../../../../modules/marketing/models/message"

export const AdminListMessages = z
  .object({
    contact_id: z.string().max(100).optional(),
    template_id: z.string().max(100).optional(),
    status: z.enum(MESSAGE_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(20),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict()
export type AdminListMessagesType = z.output<typeof AdminListMessages>

export const AdminDispatchMessages = z.object({ limit: z.number().int().min(1).max(5000).default(500) }).strict()
export type AdminDispatchMessagesType = z.output<typeof AdminDispatchMessages>
