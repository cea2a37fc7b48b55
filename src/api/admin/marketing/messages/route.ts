import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MESSAGE_FIELDS } from "../../../../workflows/email/utils/message-fields"
import type { AdminListMessagesType } from "./validators"

/** The message log, newest first, filtered by contact, template or status. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { limit, offset, ...filters } = req.validatedQuery as unknown as AdminListMessagesType
  const { data, metadata } = await query.graph({
    entity: "message",
    fields: MESSAGE_FIELDS,
    filters,
    pagination: { skip: offset, take: limit, order: { queued_at: "DESC", id: "DESC" } },
  })
  res.json({ messages: data, count: metadata?.count ?? 0, offset, limit })
}
