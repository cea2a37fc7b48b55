import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { MessagesSeriesResponse } from "../../../../../modules/marketing/reports/types"
import { marketingOf } from "../helpers"
import { resolvePeriod } from "../period"
import type { AdminReportPeriodType } from "../validators"

/** Marketing messages sent, opened, clicked, bounced and unsubscribed per UTC day of sending. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminReportPeriodType>, res: MedusaResponse<MessagesSeriesResponse>) => {
  res.json(await marketingOf(req.scope).reportMessages(resolvePeriod(req.validatedQuery)))
}
