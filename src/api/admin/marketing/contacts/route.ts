import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { listPage } from "../../../utils/list"
import { marketingOf } from "../../../../workflows/utils/marketing"
import { contactFilters, contactOrder } from "./helpers"
import { CONTACT_LIST_FIELDS } from "./query-config"
import type { AdminListContactsType } from "./validators"

/**
 * Lists contacts with pagination, sorting and filters. `q` searches emails
 * and finds a contact by its visitor (anonymous id), customer or cart id.
 */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminListContactsType>, res: MedusaResponse) => {
  const input = req.validatedQuery
  const matched = input.q ? await marketingOf(req.scope).findContactIdsByIdentifier(input.q) : []
  const { data, ...page } = await listPage(
    req.scope,
    { entity: "contact", fields: CONTACT_LIST_FIELDS, filters: contactFilters(input, matched), order: contactOrder(input.order) },
    input
  )
  res.json({ contacts: data, ...page })
}
