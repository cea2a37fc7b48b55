import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createScoringRuleWorkflow } from "../../../../workflows/scoring"
import { SCORING_RULE_LIST_FIELDS } from "./query-config"
import type { AdminCreateScoringRuleType, AdminListScoringRulesType } from "./validators"

export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminListScoringRulesType>, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const input = req.validatedQuery
  const { data, metadata } = await query.graph({
    entity: "scoring_rule",
    fields: SCORING_RULE_LIST_FIELDS,
    filters: {
      ...(input.kind ? { kind: input.kind } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
    },
    pagination: { skip: input.offset, take: input.limit, order: { created_at: "ASC", id: "ASC" } },
  })
  res.json({ scoring_rules: data, count: metadata?.count ?? 0, offset: input.offset, limit: input.limit })
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateScoringRuleType>, res: MedusaResponse) => {
  const { apply_to_history, ...rule } = req.validatedBody
  const { result } = await createScoringRuleWorkflow(req.scope).run({
    input: { rule: rule as any, apply_to_history },
  })
  res.status(200).json({ scoring_rule: result.scoring_rule, recompute: result.recompute ?? null })
}
