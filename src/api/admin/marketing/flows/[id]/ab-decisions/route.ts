import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { AbDecisionReport } from "../../../../../../modules/marketing/reports/types"
import { marketingOf } from "../../../../../../workflows/utils/marketing"

/** The flow's automatic A/B decisions (every version), newest first: winner, metric, test, p-value, samples. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  await query.graph({ entity: "flow", fields: ["id"], filters: { id: req.params.id } }, { throwIfKeyNotFound: true })
  const rows = await marketingOf(req.scope).listFlowAbDecisions({ flow_id: req.params.id }, { order: { decided_at: "DESC" }, take: 200 })
  const decisions: (AbDecisionReport & { flow_version_id: string })[] = rows.map((d) => ({
    flow_version_id: d.flow_version_id,
    step_id: d.step_id,
    metric: d.metric,
    winner: d.winner,
    test: d.test,
    p_value: d.p_value,
    confidence: d.confidence,
    samples: d.samples as Record<string, unknown>,
    decided_at: new Date(d.decided_at).toISOString(),
  }))
  res.json({ decisions })
}
