import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MARKETING_MODULE } from "../../../../../../modules/marketing"
import type MarketingModuleService from "../../../../../../modules/marketing/service"
import { eraseContactWorkflow } from "../../../../../../workflows/privacy"

/**
 * Erases the person (GDPR right to erasure): every row about them in every
 * plugin table, and the contacts merged into theirs. Only a keyed hash of
 * each address stays, as a suppression. Final: there is no undo.
 */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const marketing = req.scope.resolve<MarketingModuleService>(MARKETING_MODULE)
  await marketing.retrieveContact(req.params.id, { select: ["id"], withDeleted: true })
  const { result } = await eraseContactWorkflow(req.scope).run({ input: { contact_id: req.params.id, source: "admin" } })
  res.json({
    id: result.contact_id,
    object: "contact",
    deleted: true,
    contact_ids: result.contact_ids,
    counts: result.deleted,
    suppressions_added: result.suppressions_added,
  })
}
