import { WorkflowResponse, createWorkflow, transform } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { MarketingEvents } from "../../tracking/events"
import {
  type CreateContactExportInput, createContactExportStep, expireContactExportFilesStep, runContactExportStep,
} from "../steps"

export const requestContactExportWorkflowId = "request-contact-export"

/**
 * Records a contact export (a list view's filters, a segment, or a segment as
 * an ad audience) and asks for it to run in the background.
 *
 * @example
 * const { result } = await requestContactExportWorkflow(container).run({
 *   input: { kind: "audience", segment_id: "mseg_123", columns: [], advertising: true, platform: "meta", requested_by: "user_123" },
 * })
 */
export const requestContactExportWorkflow = createWorkflow(requestContactExportWorkflowId, (input: CreateContactExportInput) => {
  const created = createContactExportStep(input)
  emitEventStep({
    eventName: MarketingEvents.CONTACT_EXPORT_REQUESTED,
    data: transform({ created }, ({ created }) => ({ id: created.id })),
  })
  return new WorkflowResponse(created)
})

export const runContactExportWorkflowId = "run-contact-export"

/**
 * Runs one export: the one named (from the subscriber), or the oldest waiting
 * (from the minutely job, which also takes over exports whose instance died).
 *
 * @example
 * const { result } = await runContactExportWorkflow(container).run({ input: { id: "mcexp_123" } })
 * // result: { claimed: true, id: "mcexp_123", status: "done", rows: 1200 }
 */
export const runContactExportWorkflow = createWorkflow(runContactExportWorkflowId, (input: { id?: string }) => {
  return new WorkflowResponse(runContactExportStep(input))
})

export const expireContactExportFilesWorkflowId = "expire-contact-export-files"

/**
 * Deletes export files past their retention and marks their exports expired.
 *
 * @example
 * const { result } = await expireContactExportFilesWorkflow(container).run({ input: {} })
 * // result: { expired: 2, abandoned: 0 }
 */
export const expireContactExportFilesWorkflow = createWorkflow(
  expireContactExportFilesWorkflowId,
  (input: { now?: string; limit?: number }) => new WorkflowResponse(expireContactExportFilesStep(input))
)
