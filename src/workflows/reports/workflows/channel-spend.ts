import { WorkflowResponse, createWorkflow } from "@medusajs/framework/workflows-sdk"
import {
  ChannelSpendInput,
  createChannelSpendStep,
  deleteChannelSpendStep,
  updateChannelSpendStep,
} from "../steps"

export const createChannelSpendWorkflowId = "create-channel-spend"

/**
 * Records what the store spent on a channel (optionally one UTM source or campaign of it) in a month.
 *
 * @example
 * await createChannelSpendWorkflow(container).run({
 *   input: { month: "2026-10", channel: "paid_search", amount: 1000, currency_code: "eur" },
 * })
 */
export const createChannelSpendWorkflow = createWorkflow(createChannelSpendWorkflowId, (input: ChannelSpendInput) => {
  return new WorkflowResponse(createChannelSpendStep(input))
})

export const updateChannelSpendWorkflowId = "update-channel-spend"

/**
 * Changes one spend row.
 *
 * @example
 * await updateChannelSpendWorkflow(container).run({ input: { id: "mcsp_123", update: { amount: 1200 } } })
 */
export const updateChannelSpendWorkflow = createWorkflow(
  updateChannelSpendWorkflowId,
  (input: { id: string; update: Partial<ChannelSpendInput> }) => {
    return new WorkflowResponse(updateChannelSpendStep(input))
  }
)

export const deleteChannelSpendWorkflowId = "delete-channel-spend"

/**
 * Deletes one spend row (soft delete).
 *
 * @example
 * await deleteChannelSpendWorkflow(container).run({ input: { id: "mcsp_123" } })
 */
export const deleteChannelSpendWorkflow = createWorkflow(deleteChannelSpendWorkflowId, (input: { id: string }) => {
  return new WorkflowResponse(deleteChannelSpendStep(input))
})
