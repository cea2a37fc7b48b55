import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { validateFlowDefinition } from "../../../../../modules/marketing/flows"
import type { AdminValidateFlowType } from "../validators"

/**
 * Checks an unsaved definition's fields and graph (not its references):
 * `{ valid, errors }`, 200 either way, for the builder as the owner types.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminValidateFlowType>, res: MedusaResponse) => {
  const result = validateFlowDefinition(req.validatedBody.definition)
  res.json(result.ok ? { valid: true, errors: [] } : { valid: false, errors: result.errors })
}
