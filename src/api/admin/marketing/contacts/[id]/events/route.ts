import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { TIMELINE_EVENT_FIELDS } from "../../query-config"
import type { AdminListContactEventsType } from "../../validators"
import { listPage } from "../../../../../utils/list"

/** A contact's event timeline, newest first, paginated. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminListContactEventsType>, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const input = req.validatedQuery
  const { data: contacts } = await query.graph({
    entity: "contact",
    fields: ["id"],
    filters: { id: req.params.id },
  })
  if (!contacts.length) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Contact with id "${req.params.id}" was not found`)
  }
  const filters = { contact_id: req.params.id, ...(input.type ? { type: input.type } : {}) }
  const { data, ...page } = await listPage(
    req.scope,
    { entity: "event", fields: TIMELINE_EVENT_FIELDS, filters, order: { occurred_at: "DESC", id: "DESC" } },
    input
  )
  res.json({ events: data, ...page })
}
