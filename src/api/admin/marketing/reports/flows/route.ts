import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { FlowsReportResponse } from "../../../../../modules/marketing/reports/types"
import { marketingOf } from "../helpers"
import { resolvePeriod } from "../period"
import type { AdminReportPeriodType } from "../validators"

/** Every flow's relevance measures over the period (`from`, `to`; default the last 30 days). */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminReportPeriodType>, res: MedusaResponse<FlowsReportResponse>) => {
  res.json(await marketingOf(req.scope).reportFlows(resolvePeriod(req.validatedQuery)))
}
