import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MARKETING_MODULE } from "../../../../../modules/marketing"
import type MarketingModuleService from "../../../../../modules/marketing/service"
import type { AdminPreviewSegmentType } from "../validators"

/** Count and sample for an unsaved definition (the builder calls it as the owner types). */
export const POST = async (req: AuthenticatedMedusaRequest<AdminPreviewSegmentType>, res: MedusaResponse) => {
  const marketing = req.scope.resolve<MarketingModuleService>(MARKETING_MODULE)
  res.json(await marketing.previewSegment(req.validatedBody.definition))
}
