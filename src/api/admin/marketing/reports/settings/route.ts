import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MARKETING_MODULE } from "../../../../../modules/marketing"
import { CHANNELS } from "../../../../../modules/marketing/reports/channels"
import type MarketingModuleService from "../../../../../modules/marketing/service"
import { updateReportSettingsWorkflow } from "../../../../../workflows/reports"
import type { AdminUpdateReportSettingsType } from "./validators"

/** The report settings, with the channels a mapping may name. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const marketing = req.scope.resolve<MarketingModuleService>(MARKETING_MODULE)
  res.json({ report_settings: await marketing.getReportSettings(), channels: CHANNELS })
}

/** Saves the given fields; a change of channel_mappings re-classifies contacts' channels. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateReportSettingsType>, res: MedusaResponse) => {
  const { result } = await updateReportSettingsWorkflow(req.scope).run({ input: req.validatedBody })
  res.json({ report_settings: result.settings, channels: CHANNELS, reclassified: result.reclassified })
}
