import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { duplicateFlowWorkflow } from "../../../../../../workflows/flows"
import { refetchFlow } from "../../helpers"

/** Copies the flow into a new draft named "<name> (copy)". */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { result } = await duplicateFlowWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ flow: await refetchFlow(req.scope, result.flow.id) })
}
