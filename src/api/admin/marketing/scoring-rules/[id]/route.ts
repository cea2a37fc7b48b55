import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MARKETING_MODULE } from "../../../../../modules/marketing"
import type MarketingModuleService from "../../../../../modules/marketing/service"
import { deleteScoringRuleWorkflow, updateScoringRuleWorkflow } from "../../../../../workflows/scoring"
import type { AdminDeleteScoringRuleQueryType, AdminUpdateScoringRuleType } from "../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const marketing = req.scope.resolve<MarketingModuleService>(MARKETING_MODULE)
  res.json({ scoring_rule: await marketing.retrieveScoringRule(req.params.id) })
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateScoringRuleType>, res: MedusaResponse) => {
  const { apply_to_history, ...update } = req.validatedBody
  const { result } = await updateScoringRuleWorkflow(req.scope).run({
    input: { id: req.params.id, update: update as any, apply_to_history },
  })
  res.json({ scoring_rule: result.scoring_rule, recompute: result.recompute ?? null })
}

export const DELETE = async (req: AuthenticatedMedusaRequest<unknown, AdminDeleteScoringRuleQueryType>, res: MedusaResponse) => {
  const { apply_to_history } = req.validatedQuery
  const { result } = await deleteScoringRuleWorkflow(req.scope).run({
    input: { id: req.params.id, apply_to_history },
  })
  res.json({ id: result.id, deleted: true, recompute: result.recompute ?? null })
}
