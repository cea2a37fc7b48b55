import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { stepStats } from "../../helpers"
import type { AdminFlowStatsType } from "../../validators"

/** Each step's numbers (entered, waiting now, emails sent/opened/clicked, branches, variants) for one version or all. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminFlowStatsType>, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  await query.graph({ entity: "flow", fields: ["id"], filters: { id: req.params.id } }, { throwIfKeyNotFound: true })
  res.json({ steps: await stepStats(req.scope, req.params.id, req.validatedQuery.version_id) })
}
