import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MARKETING_MODULE } from "../../../../modules/marketing"
import type MarketingModuleService from "../../../../modules/marketing/service"
import { updateScoringSettingsWorkflow } from "../../../../workflows/scoring"
import type { AdminUpdateScoringSettingsType } from "./validators"

function present(settings: Record<string, any>) {
  const { rfm_boundaries, deleted_at, ...rest } = settings
  return { ...rest, half_life_days: Number(rest.half_life_days) }
}

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const marketing = req.scope.resolve<MarketingModuleService>(MARKETING_MODULE)
  res.json({ scoring_settings: present(await marketing.getScoringSettings()) })
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateScoringSettingsType>, res: MedusaResponse) => {
  const { result } = await updateScoringSettingsWorkflow(req.scope).run({ input: req.validatedBody })
  res.json({ scoring_settings: present(result) })
}
