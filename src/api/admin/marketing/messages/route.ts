import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { listPage } from "../../../utils/list"
import { MESSAGE_LIST_FIELDS } from "./query-config"
import type { AdminListMessagesType } from "./validators"

/** The message log, newest first, filtered by contact, template or status. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminListMessagesType>, res: MedusaResponse) => {
  const { limit, offset, ...filters } = req.validatedQuery
  const { data, ...page } = await listPage(
    req.scope,
    { entity: "message", fields: MESSAGE_LIST_FIELDS, filters, order: { queued_at: "DESC", id: "DESC" } },
    { offset, limit }
  )
  res.json({ messages: data, ...page })
}
