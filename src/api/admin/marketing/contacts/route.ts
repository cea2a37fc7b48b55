import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { listPage } from "../../../utils/list"
import { contactFilters, contactOrder } from "./helpers"
import { CONTACT_LIST_FIELDS } from "./query-config"
import type { AdminListContactsType } from "./validators"

/** Lists contacts with pagination, sorting, email search and filters. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminListContactsType>, res: MedusaResponse) => {
  const input = req.validatedQuery
  const { data, ...page } = await listPage(
    req.scope,
    { entity: "contact", fields: CONTACT_LIST_FIELDS, filters: contactFilters(input), order: contactOrder(input.order) },
    input
  )
  res.json({ contacts: data, ...page })
}
