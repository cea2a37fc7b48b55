import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MESSAGE_DETAIL_FIELDS } from "../query-config"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph(
    { entity: "message", fields: MESSAGE_DETAIL_FIELDS, filters: { id: req.params.id } },
    { throwIfKeyNotFound: true }
  )
  res.json({ message: data[0] })
}
