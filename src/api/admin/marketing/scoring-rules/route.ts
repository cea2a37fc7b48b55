import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { createScoringRuleWorkflow } from "../../../../workflows/scoring"
import { listPage } from "../../../utils/list"
import { SCORING_RULE_LIST_FIELDS } from "./query-config"
import type { AdminCreateScoringRuleType, AdminListScoringRulesType } from "./validators"

export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminListScoringRulesType>, res: MedusaResponse) => {
  const input = req.validatedQuery
  const filters = {
    ...(input.kind ? { kind: input.kind } : {}),
    ...(input.active !== undefined ? { active: input.active } : {}),
  }
  const { data, ...page } = await listPage(
    req.scope,
    { entity: "scoring_rule", fields: SCORING_RULE_LIST_FIELDS, filters, order: { created_at: "ASC", id: "ASC" } },
    input
  )
  res.json({ scoring_rules: data, ...page })
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateScoringRuleType>, res: MedusaResponse) => {
  const { apply_to_history, ...rule } = req.validatedBody
  const { result } = await createScoringRuleWorkflow(req.scope).run({
    input: { rule: rule as any, apply_to_history },
  })
  res.status(200).json({ scoring_rule: result.scoring_rule, recompute: result.recompute ?? null })
}
