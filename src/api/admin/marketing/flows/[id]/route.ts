import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteFlowWorkflow, updateFlowWorkflow } from "../../../../../workflows/flows"
import { refetchFlow } from "../helpers"
import type { AdminUpdateFlowType } from "../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ flow: await refetchFlow(req.scope, req.params.id) })
}

/** Edits a draft; a new definition for an active or paused flow is checked and published as a new version. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateFlowType>, res: MedusaResponse) => {
  await updateFlowWorkflow(req.scope).run({ input: { id: req.params.id, update: req.validatedBody } })
  res.json({ flow: await refetchFlow(req.scope, req.params.id) })
}

/** Deletes a draft (a published flow is archived instead). */
export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await deleteFlowWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ id: req.params.id, object: "flow", deleted: true })
}
