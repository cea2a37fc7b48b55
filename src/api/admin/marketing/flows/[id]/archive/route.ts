import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { archiveFlowWorkflow } from "../../../../../../workflows/flows"
import { refetchFlow } from "../../helpers"

/** Archives a flow; every contact still in it exits with the reason "archived". */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await archiveFlowWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ flow: await refetchFlow(req.scope, req.params.id) })
}
