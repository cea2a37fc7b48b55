import { WorkflowResponse, createWorkflow, transform, when } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { emailOutcome } from "../../../modules/marketing/flows/batch"
import type { ClaimedEnrollment } from "../../../modules/marketing/flows/sql"
import { sendEmailWorkflow } from "../../email/workflows/send-email"
import { MarketingEvents } from "../../tracking/events"
import { finishStepRunsStep, type FinishedStepRun } from "../steps/finish-step-runs"
import { planFlowStepsStep } from "../steps/plan-flow-steps"

export type RunFlowStepsInput = { enrollments: ClaimedEnrollment[]; now: string }

export const runFlowStepsWorkflowId = "run-flow-steps"

/**
 * run-flow-step for a batch of claimed enrollments whose steps are emails or
 * control steps (flows/batch.ts BATCH_STEP_TYPES): the emails' checks in a
 * few queries, every email of the batch handed to the send workflow in one
 * call (each keyed by its visit, so a retried batch sends none twice), then
 * the step runs recorded and the enrollments moved in bulk, guarded as one
 * by one. Failing as a whole, it changes no enrollment: the runner then runs
 * them one at a time, which records each failure with its retry.
 *
 * @example
 * const { result } = await runFlowStepsWorkflow(container).run({
 *   input: { enrollments: claimed, now: new Date().toISOString() },
 * })
 * // result: [{ enrollment_id: "mfen_1", kind: "move", step: "done", run_at: "…", … }, …]
 */
export const runFlowStepsWorkflow = createWorkflow(runFlowStepsWorkflowId, (input: RunFlowStepsInput) => {
  const planned = planFlowStepsStep(input)
  const sent = when({ planned }, ({ planned }) => planned.sends.length > 0).then(() =>
    sendEmailWorkflow.runAsStep({
      input: transform({ planned, input }, ({ planned, input }) => ({ messages: planned.sends, now: input.now })),
    })
  )
  const runs = transform({ planned, sent }, ({ planned, sent }) => {
    const messages = (sent?.messages ?? []) as { id: string; contact_id: string; status: string; error?: string | null }[]
    // The send workflow answers in the order it was given; a gap would shift every later message.
    if (messages.length !== planned.sends.length || messages.some((m, i) => m?.contact_id !== planned.sends[i].contact_id)) {
      throw new Error(`The send workflow answered ${messages.length} messages for ${planned.sends.length} emails`)
    }
    return {
      runs: planned.runs.map((run) => ({
        plan: run.plan,
        next: run.next,
        result: run.result ?? emailOutcome(run.send_index === null ? undefined : messages[run.send_index], run.variant),
      })),
    }
  })
  const finished = finishStepRunsStep(runs)

  // As run-flow-step: subscribers and reports hear of each run, and of each enrollment that ended.
  const ran = transform({ finished }, ({ finished }) =>
    (finished as FinishedStepRun[])
      .filter((f) => f.kind !== "stale" && f.step_run_id)
      .flatMap((f) => {
        const who = { enrollment_id: f.enrollment_id, flow_id: f.flow_id, contact_id: f.contact_id }
        return [
          { id: f.step_run_id, ...who, step_id: f.step_id, step_type: f.step_type, outcome: f.outcome },
          ...(f.exit_step_run ? [{ id: f.exit_step_run.id, ...who, step_id: f.exit_step_run.step_id, step_type: "exit", outcome: "completed" }] : []),
        ]
      })
  )
  when({ ran }, ({ ran }) => ran.length > 0).then(() => {
    emitEventStep({ eventName: MarketingEvents.FLOW_STEP_RAN, data: ran }).config({ name: "emit-flow-steps-ran" })
  })
  const ended = transform({ finished }, ({ finished }) =>
    (finished as FinishedStepRun[])
      .filter((f) => f.kind === "end" && f.status)
      .map((f) => ({ id: f.enrollment_id, contact_id: f.contact_id, status: f.status, reason: f.reason ?? null }))
  )
  when({ ended }, ({ ended }) => ended.length > 0).then(() => {
    emitEventStep({ eventName: MarketingEvents.FLOW_ENROLLMENT_ENDED, data: ended }).config({ name: "emit-flow-enrollments-ended" })
  })
  return new WorkflowResponse(finished)
})
