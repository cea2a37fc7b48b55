import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"

const TIMELINE_PAGE = 20

/** One contact, its visitors and the first page of its event timeline. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "contact",
    fields: ["*", "visitors.id", "visitors.anonymous_id", "visitors.created_at"],
    filters: { id: req.params.id },
  })
  const contact = data[0]
  if (!contact) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Contact with id "${req.params.id}" was not found`)
  }
  const { data: events, metadata } = await query.graph({
    entity: "event",
    fields: ["id", "type", "properties", "occurred_at", "received_at", "session_id", "source"],
    filters: { contact_id: req.params.id },
    pagination: { skip: 0, take: TIMELINE_PAGE, order: { occurred_at: "DESC", id: "DESC" } },
  })
  res.json({ contact, events, events_count: metadata?.count ?? 0 })
}
