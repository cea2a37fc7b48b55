import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { contactFilters, contactOrder } from "./helpers"
import { CONTACT_LIST_FIELDS } from "./query-config"
import type { AdminListContactsType } from "./validators"

/** Lists contacts with pagination, sorting, email search and filters. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminListContactsType>, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const input = req.validatedQuery
  const { data: contacts, metadata } = await query.graph({
    entity: "contact",
    fields: CONTACT_LIST_FIELDS,
    filters: contactFilters(input),
    pagination: {
      skip: input.offset,
      take: input.limit,
      order: contactOrder(input.order),
    },
  })
  res.json({ contacts, count: metadata?.count ?? 0, offset: input.offset, limit: input.limit })
}
