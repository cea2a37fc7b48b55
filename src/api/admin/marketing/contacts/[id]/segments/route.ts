import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MARKETING_MODULE } from "../../../../../../modules/marketing"
import type MarketingModuleService from "../../../../../../modules/marketing/service"

/** The segments a contact is in now. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const marketing = req.scope.resolve<MarketingModuleService>(MARKETING_MODULE)
  await marketing.retrieveContact(req.params.id)
  res.json({ segments: await marketing.listContactSegments(req.params.id) })
}
