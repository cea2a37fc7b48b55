import { WorkflowResponse, createWorkflow } from "@medusajs/framework/workflows-sdk"
import { DispatchMessagesInput, dispatchMessagesStep } from "../steps/dispatch-messages"

export const dispatchEmailsWorkflowId = "dispatch-marketing-email"

/**
 * Delivers due messages: new ones nobody dispatched yet and transient
 * failures whose backoff has passed. Safe to run on several servers at once
 * (claims skip rows another dispatcher holds). The `dispatch-marketing-email`
 * job runs it every minute.
 *
 * @example
 * const { result } = await dispatchEmailsWorkflow(container).run({ input: { limit: 500 } })
 * // result: { claimed, sent, failed, retrying, suppressed }
 */
export const dispatchEmailsWorkflow = createWorkflow(dispatchEmailsWorkflowId, (input: DispatchMessagesInput) => {
  const result = dispatchMessagesStep(input)
  return new WorkflowResponse(result)
})
