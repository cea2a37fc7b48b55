import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { FLOW_VERSION_FIELDS } from "../../query-config"

/** The flow's published versions, newest first. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  await query.graph({ entity: "flow", fields: ["id"], filters: { id: req.params.id } }, { throwIfKeyNotFound: true })
  const { data } = await query.graph({
    entity: "flow_version",
    fields: FLOW_VERSION_FIELDS,
    filters: { flow_id: req.params.id },
    pagination: { order: { version: "DESC" } },
  })
  res.json({ versions: data })
}
