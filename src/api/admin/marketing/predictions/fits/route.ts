import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MARKETING_MODULE } from "../../../../../modules/marketing"
import type MarketingModuleService from "../../../../../modules/marketing/service"
import type { AdminListPredictionFitsType } from "../validators"

/** Past fits, newest first. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminListPredictionFitsType>, res: MedusaResponse) => {
  const marketing = req.scope.resolve<MarketingModuleService>(MARKETING_MODULE)
  const { limit, offset, currency_code, with_backtest } = req.validatedQuery
  const { fits, count } = await marketing.listPredictionFitHistory({ limit, offset, currency_code, with_backtest })
  res.json({ fits, count, limit, offset })
}
