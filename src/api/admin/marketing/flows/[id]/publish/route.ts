import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { publishFlowWorkflow } from "../../../../../../workflows/flows"
import { refetchFlow } from "../../helpers"

/** Checks the draft in full and publishes it as the next version (a 400 names the step and writes nothing). */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await publishFlowWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ flow: await refetchFlow(req.scope, req.params.id) })
}
