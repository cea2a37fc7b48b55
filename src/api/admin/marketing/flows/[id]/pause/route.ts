import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { pauseFlowWorkflow } from "../../../../../../workflows/flows"
import { refetchFlow } from "../../helpers"

/** Pauses an active flow: nobody enrolls and enrolled contacts are held. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await pauseFlowWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ flow: await refetchFlow(req.scope, req.params.id) })
}
