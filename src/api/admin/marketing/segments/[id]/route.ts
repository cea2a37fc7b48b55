import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteSegmentWorkflow, updateSegmentWorkflow } from "../../../../../workflows/segments"
import { withTrends } from "../helpers"
import { retrieve } from "../route"
import type { AdminUpdateSegmentType } from "../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const [segment] = await withTrends(req.scope, [await retrieve(req, req.params.id)])
  res.json({ segment })
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateSegmentType>, res: MedusaResponse) => {
  await updateSegmentWorkflow(req.scope).run({ input: { id: req.params.id, update: req.validatedBody as any } })
  const [segment] = await withTrends(req.scope, [await retrieve(req, req.params.id)])
  res.json({ segment })
}

export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await deleteSegmentWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ id: req.params.id, object: "segment", deleted: true })
}
