import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MARKETING_MODULE } from "../../../../../../modules/marketing"
import type MarketingModuleService from "../../../../../../modules/marketing/service"
import type { AdminListSegmentMembersType } from "../../validators"

export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminListSegmentMembersType>, res: MedusaResponse) => {
  const marketing = req.scope.resolve<MarketingModuleService>(MARKETING_MODULE)
  const { limit, offset } = req.validatedQuery
  await marketing.retrieveSegment(req.params.id)
  const { contacts, count } = await marketing.listSegmentMembers(req.params.id, { limit, offset })
  res.json({ contacts, count, limit, offset })
}
