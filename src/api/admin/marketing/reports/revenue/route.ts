import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { RevenueSeriesResponse } from "../../../../../modules/marketing/reports/types"
import { marketingOf } from "../helpers"
import { resolvePeriod } from "../period"
import type { AdminRevenueReportType } from "../validators"

/** Attributed revenue per flow per UTC day in one currency (`currency_code`; default the first with revenue). */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminRevenueReportType>, res: MedusaResponse<RevenueSeriesResponse>) => {
  res.json(await marketingOf(req.scope).reportRevenue(resolvePeriod(req.validatedQuery), req.validatedQuery.currency_code))
}
