import { WorkflowResponse, createWorkflow, transform, when } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { MarketingEvents } from "../../tracking/events"
import { queueContactImportStep, runContactImportStep } from "../steps"

export const queueContactImportWorkflowId = "queue-contact-import"

/**
 * Hands a staged import to the background: marks it queued and announces it,
 * so a run starts at once (the scheduled job takes it otherwise).
 *
 * @example
 * await queueContactImportWorkflow(container).run({ input: { id: "mimp_01…", rows_read: 100000 } })
 */
export const queueContactImportWorkflow = createWorkflow(queueContactImportWorkflowId, (input: { id: string; rows_read: number }) => {
  const queued = queueContactImportStep(input)
  emitEventStep({
    eventName: MarketingEvents.CONTACT_IMPORT_QUEUED,
    data: transform({ queued }, ({ queued }) => ({ id: queued.id })),
  })
  return new WorkflowResponse(queued)
})

export const runContactImportWorkflowId = "run-contact-import"

/**
 * Claims one waiting contact import (or one whose run stopped) and applies it
 * in batches; answers null when there was none to take.
 *
 * @example
 * const { result } = await runContactImportWorkflow(container).run({ input: {} })
 * // { id: "mimp_01…", status: "completed", batches: 200, rows: 100000 }
 */
export const runContactImportWorkflow = createWorkflow(runContactImportWorkflowId, (input: { now?: string }) => {
  const run = runContactImportStep(input)
  when({ run }, ({ run }) => !!run).then(() => {
    emitEventStep({
      eventName: MarketingEvents.CONTACT_IMPORT_FINISHED,
      data: transform({ run }, ({ run }) => ({ id: run!.id, status: run!.status })),
    })
  })
  return new WorkflowResponse(run)
})
