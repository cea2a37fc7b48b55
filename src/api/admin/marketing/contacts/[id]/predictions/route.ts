import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MARKETING_MODULE } from "../../../../../../modules/marketing"
import type MarketingModuleService from "../../../../../../modules/marketing/service"

/** A contact's predictions in every currency it bought in, with the summary the models used; a lead's purchase propensity. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const marketing = req.scope.resolve<MarketingModuleService>(MARKETING_MODULE)
  const contact = await marketing.retrieveContact(req.params.id)
  res.json(await marketing.contactPredictionsWithFit(contact.id))
}
