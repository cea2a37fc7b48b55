import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteSegmentWorkflow, updateSegmentWorkflow } from "../../../../../workflows/segments"
import { refetchSegment } from "../helpers"
import type { AdminUpdateSegmentType } from "../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ segment: await refetchSegment(req.scope, req.params.id) })
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateSegmentType>, res: MedusaResponse) => {
  await updateSegmentWorkflow(req.scope).run({ input: { id: req.params.id, update: req.validatedBody as any } })
  res.json({ segment: await refetchSegment(req.scope, req.params.id) })
}

export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await deleteSegmentWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ id: req.params.id, object: "segment", deleted: true })
}
