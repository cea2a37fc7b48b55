import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { startFitRun } from "../helpers"

/** Fits every currency now, in the background; poll GET /admin/marketing/predictions until `running` is false. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const started = await startFitRun(req.scope)
  if ("refused" in started) {
    res.status(409).json({ type: "conflict", message: started.refused })
    return
  }
  res.status(202).json(started)
}
