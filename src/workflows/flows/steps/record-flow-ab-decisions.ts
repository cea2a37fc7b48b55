import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import type { AbDecisionRow } from "../../../modules/marketing/flows/ab-sql"
import { marketingOf } from "../../utils/marketing"

export const recordFlowAbDecisionsStepId = "record-flow-ab-decisions"

/**
 * Stores each decision once per flow version and step (a decision already
 * there, from a run at the same time, is kept). Compensation deletes only
 * the rows this step created.
 */
export const recordFlowAbDecisionsStep = createStep(
  recordFlowAbDecisionsStepId,
  async (input: { decisions: AbDecisionRow[] }, { container }) => {
    const marketing = marketingOf(container)
    const created: string[] = []
    const ids: string[] = []
    for (const d of input.decisions) {
      const r = await marketing.recordFlowAbDecision({ ...d, decided_at: new Date(d.decided_at) })
      ids.push(r.id)
      if (r.created) created.push(r.id)
    }
    return new StepResponse({ ids, created }, created)
  },
  async (created, { container }) => {
    if (created?.length) await marketingOf(container).deleteFlowAbDecisions(created)
  }
)
