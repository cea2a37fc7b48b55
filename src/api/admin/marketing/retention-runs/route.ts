import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MARKETING_MODULE } from "../../../../modules/marketing"
import type MarketingModuleService from "../../../../modules/marketing/service"

/** The retention period and the latest nightly purges, newest first. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const marketing = req.scope.resolve<MarketingModuleService>(MARKETING_MODULE)
  const runs = await marketing.listRetentionRuns({}, { order: { started_at: "DESC" }, take: 30 })
  res.json({ retention_days: marketing.getOptions().tracking.retentionDays, retention_runs: runs })
}
