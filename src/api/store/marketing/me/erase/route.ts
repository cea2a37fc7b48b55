import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { eraseContactWorkflow } from "../../../../../workflows/privacy"
import type { StoreEraseMeType } from "../validators"

/**
 * Erases the logged-in customer's marketing data (GDPR right to erasure);
 * the body must be `{ "confirm": true }`. The Medusa account itself stays.
 * Answers `{ erased: false }` when there was nothing to erase.
 */
export const POST = async (req: AuthenticatedMedusaRequest<StoreEraseMeType>, res: MedusaResponse) => {
  const { result } = await eraseContactWorkflow(req.scope).run({
    input: { customer_id: req.auth_context.actor_id, source: "customer" },
  })
  res.json({ erased: result.erased, counts: result.deleted, suppressions_added: result.suppressions_added })
}
