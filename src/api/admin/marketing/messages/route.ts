import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MESSAGE_LIST_FIELDS } from "./query-config"
import type { AdminListMessagesType } from "./validators"

/** The message log, newest first, filtered by contact, template or status. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminListMessagesType>, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { limit, offset, ...filters } = req.validatedQuery
  const { data, metadata } = await query.graph({
    entity: "message",
    fields: MESSAGE_LIST_FIELDS,
    filters,
    pagination: { skip: offset, take: limit, order: { queued_at: "DESC", id: "DESC" } },
  })
  res.json({ messages: data, count: metadata?.count ?? 0, offset, limit })
}
