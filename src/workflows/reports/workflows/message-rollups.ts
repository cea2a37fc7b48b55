import { WorkflowResponse, createWorkflow } from "@medusajs/framework/workflows-sdk"
import { BuildMessageRollupsInput, buildMessageRollupsStep } from "../steps/build-message-rollups"

export const buildMessageRollupsWorkflowId = "build-marketing-message-rollups"

/**
 * Brings the reports' daily message rollups up to date: every closed UTC day
 * of the last 401 that was never built, or whose messages changed since it
 * was (opened, clicked, bounced, erased …), is counted again from its
 * messages. Reports read such days live until then, so this only makes them faster.
 *
 * @example
 * const { result } = await buildMessageRollupsWorkflow(container).run({ input: {} })
 * // result: { days: 2, rows: 37 }
 */
export const buildMessageRollupsWorkflow = createWorkflow(
  buildMessageRollupsWorkflowId,
  (input: BuildMessageRollupsInput) => new WorkflowResponse(buildMessageRollupsStep(input))
)
