import { WorkflowResponse, createWorkflow } from "@medusajs/framework/workflows-sdk"
import { evaluateFlowAbTestsStep } from "../steps/evaluate-flow-ab-tests"
import { recordFlowAbDecisionsStep } from "../steps/record-flow-ab-decisions"

export type DecideFlowAbWinnersWorkflowInput = { now?: string }

export const decideFlowAbWinnersWorkflowId = "decide-flow-ab-winners"

/**
 * Automatic A/B winners: tests every undecided send step with `auto_winner`
 * in the active flows and stores a decision (winner, test, p-value, samples)
 * for those that are significant with every variant at its minimum sample.
 * From then on the runner sends the winner at that step. Idempotent: one
 * decision per flow version and step.
 *
 * @example
 * const { result } = await decideFlowAbWinnersWorkflow(container).run({ input: {} })
 * // result.decided: ids of the decisions stored; result.evaluated: each step's verdict
 */
export const decideFlowAbWinnersWorkflow = createWorkflow(decideFlowAbWinnersWorkflowId, (input: DecideFlowAbWinnersWorkflowInput) => {
  const { decisions, evaluated } = evaluateFlowAbTestsStep(input)
  const { ids } = recordFlowAbDecisionsStep({ decisions })
  return new WorkflowResponse({ decided: ids, evaluated })
})
