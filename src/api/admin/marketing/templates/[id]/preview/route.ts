import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MARKETING_MODULE } from "../../../../../../modules/marketing"
import type MarketingModuleService from "../../../../../../modules/marketing/service"
import { previewTemplate } from "../../helpers"
import type { AdminPreviewEmailTemplateType } from "../../validators"

/** Renders a saved template with the sample context or a chosen contact. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminPreviewEmailTemplateType>, res: MedusaResponse) => {
  const marketing = req.scope.resolve<MarketingModuleService>(MARKETING_MODULE)
  const template = await marketing.retrieveEmailTemplate(req.params.id)
  res.json(await previewTemplate(req.scope, template as any, req.validatedBody))
}
