import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { requestScoringRecomputeWorkflow } from "../../../../../workflows/scoring"

/** Starts a background rebuild of every score; poll GET /admin/marketing/scoring/recomputes/:id. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { result } = await requestScoringRecomputeWorkflow(req.scope).run({ input: { reason: "Requested in the admin" } })
  res.status(202).json({ recompute: result })
}
