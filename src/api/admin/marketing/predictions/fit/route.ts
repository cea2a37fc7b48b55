import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { startFitRun } from "../helpers"

/** Fits every currency now, in the background; poll GET /admin/marketing/predictions until `running` is false. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.status(202).json({ run: await startFitRun(req.scope) })
}
