import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MARKETING_MODULE } from "../../../../modules/marketing"
import type MarketingModuleService from "../../../../modules/marketing/service"
import { updateScoringSettingsWorkflow } from "../../../../workflows/scoring"
import { rfmStatus } from "../../../../modules/marketing/scoring/settings"
import type { AdminUpdateScoringSettingsType } from "./validators"

/** The fields, with what the stored cut points say (whether there are any, the order gap, the effective recency floor). */
function present(settings: Record<string, any>) {
  const { rfm_boundaries, deleted_at, flow_thresholds, ...rest } = settings
  return {
    ...rest,
    half_life_days: Number(rest.half_life_days),
    ...rfmStatus({ recency_floor_days: rest.recency_floor_days, rfm_boundaries }),
  }
}

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const marketing = req.scope.resolve<MarketingModuleService>(MARKETING_MODULE)
  res.json({ scoring_settings: present(await marketing.getScoringSettings()) })
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateScoringSettingsType>, res: MedusaResponse) => {
  const { result } = await updateScoringSettingsWorkflow(req.scope).run({ input: req.validatedBody })
  res.json({ scoring_settings: present(result) })
}
