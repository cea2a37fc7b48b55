import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { exportContactDataWorkflow } from "../../../../../workflows/privacy"

/**
 * The logged-in customer's own marketing data (GDPR access and portability).
 * A customer the plugin knows nothing about gets `contact: null`.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { result } = await exportContactDataWorkflow(req.scope).run({
    input: { customer_id: req.auth_context.actor_id },
  })
  res.setHeader("Content-Disposition", `attachment; filename="marketing-data.json"`)
  res.setHeader("Cache-Control", "no-store")
  res.json(result)
}
