import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { CONTACT_EXPORT_FIELDS } from "./query-config"

/** One export record, or a 404. */
export async function retrieveContactExport(scope: MedusaContainer, id: string) {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "contact_export", fields: CONTACT_EXPORT_FIELDS, filters: { id } })
  if (!data[0]) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Contact export with id "${id}" was not found`)
  return data[0]
}
