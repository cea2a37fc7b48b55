import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { resumeFlowWorkflow } from "../../../../../../workflows/flows"
import { refetchFlow } from "../../helpers"

/** Resumes a paused flow. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await resumeFlowWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ flow: await refetchFlow(req.scope, req.params.id) })
}
