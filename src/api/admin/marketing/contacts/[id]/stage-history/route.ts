import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MARKETING_MODULE } from "../../../../../../modules/marketing"
import type MarketingModuleService from "../../../../../../modules/marketing/service"
import { STAGE_CHANGE_FIELDS } from "../../query-config"

/** Every lifecycle stage the contact moved through, newest first. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const marketing = req.scope.resolve<MarketingModuleService>(MARKETING_MODULE)
  const contact = await marketing.retrieveContact(req.params.id)
  const changes = await marketing.listLifecycleStageChanges(
    { contact_id: contact.id },
    { order: { changed_at: "DESC" }, take: 100, select: STAGE_CHANGE_FIELDS }
  )
  res.json({ changes })
}
