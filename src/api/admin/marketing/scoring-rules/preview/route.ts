import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../../../../modules/marketing"
import type MarketingModuleService from "../../../../../modules/marketing/service"
import { validateScoringRule } from "../../../../../modules/marketing/scoring/rules"
import type { AdminPreviewScoringRuleType } from "../validators"

/** How many contacts a rule being edited would affect, for the live count in the editor. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminPreviewScoringRuleType>, res: MedusaResponse) => {
  const rule = { name: "preview", points: 1, ...req.validatedBody } as any
  const errors = validateScoringRule(rule)
  if (errors.length) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid request: ${errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`)
  }
  const marketing = req.scope.resolve<MarketingModuleService>(MARKETING_MODULE)
  res.json({ count: await marketing.countContactsForRule(rule) })
}
