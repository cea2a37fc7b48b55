import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { FunnelResponse } from "../../../../../modules/marketing/reports/types"
import { marketingOf } from "../helpers"
import { resolvePeriod } from "../period"
import type { AdminReportPeriodType } from "../validators"

/** Contacts per lifecycle stage now, and entries into each stage in the period. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminReportPeriodType>, res: MedusaResponse<FunnelResponse>) => {
  res.json(await marketingOf(req.scope).reportFunnel(resolvePeriod(req.validatedQuery)))
}
