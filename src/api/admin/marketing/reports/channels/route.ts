import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MARKETING_MODULE } from "../../../../../modules/marketing"
import type { ChannelsReportResponse } from "../../../../../modules/marketing/reports/types"
import type MarketingModuleService from "../../../../../modules/marketing/service"
import type { AdminChannelsReportType } from "./validators"

/** The first instant of the UTC month `months` after the one `at` is in. */
const monthStart = (at: Date, months = 0) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + months, 1))

/**
 * New customers, spend and CAC per month (UTC) and channel. `from` (inclusive)
 * and `to` (exclusive) default to the last 12 months, this one included.
 */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminChannelsReportType>,
  res: MedusaResponse<ChannelsReportResponse>
) => {
  const now = new Date()
  const to = req.validatedQuery.to ?? monthStart(req.validatedQuery.from ?? now, req.validatedQuery.from ? 12 : 1)
  const from = req.validatedQuery.from ?? monthStart(to, -12)
  const marketing = req.scope.resolve<MarketingModuleService>(MARKETING_MODULE)
  res.json(await marketing.channelsReport({ from, to }))
}
