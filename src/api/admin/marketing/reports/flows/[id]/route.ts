import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import type { FlowDetailReportResponse } from "../../../../../../modules/marketing/reports/types"
import { marketingOf } from "../../helpers"
import { resolvePeriod } from "../../period"
import type { AdminReportPeriodType } from "../../validators"

/** One flow's measures per step and variant, its holdouts with their lift, and its A/B decisions. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminReportPeriodType>, res: MedusaResponse<FlowDetailReportResponse>) => {
  const report = await marketingOf(req.scope).reportFlowDetail(req.params.id, resolvePeriod(req.validatedQuery))
  if (!report) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Flow with id: ${req.params.id} was not found`)
  res.json(report)
}
