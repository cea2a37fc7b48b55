import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { CONTACT_DETAIL_FIELDS, TIMELINE_EVENT_FIELDS, TIMELINE_PAGE } from "../query-config"

/** One contact, its visitors and the first page of its event timeline. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "contact",
    fields: CONTACT_DETAIL_FIELDS,
    filters: { id: req.params.id },
  })
  const contact = data[0]
  if (!contact) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Contact with id "${req.params.id}" was not found`)
  }
  const { data: events, metadata } = await query.graph({
    entity: "event",
    fields: TIMELINE_EVENT_FIELDS,
    filters: { contact_id: req.params.id },
    pagination: { skip: 0, take: TIMELINE_PAGE, order: { occurred_at: "DESC", id: "DESC" } },
  })
  res.json({ contact, events, events_count: metadata?.count ?? 0 })
}
