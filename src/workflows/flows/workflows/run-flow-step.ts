import { WorkflowData, WorkflowResponse, createWorkflow, transform, when } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { CONTROL_STEP_TYPES, type Next } from "../../../modules/marketing/flows/advance"
import type { ClaimedEnrollment } from "../../../modules/marketing/flows/sql"
import type { StepRunInput, StepRunResult, StepType } from "../../../modules/marketing/flows/types"
import { sendEmailWorkflow } from "../../email/workflows/send-email"
import { checkMessagePressureStep, type CheckMessagePressureOutput } from "../steps/check-message-pressure"
import { finishStepRunStep } from "../steps/finish-step-run"
import { runControlStep, type ControlStepOutput } from "../steps/run-control-step"
import { updateContactFromFlowStep } from "../steps/update-contact"
import { flowAssignOwnerStep } from "../steps/assign-owner"
import { flowCreateDiscountStep } from "../steps/create-discount"
import { flowCustomerGroupStep } from "../steps/customer-group"
import { flowNotifyTeamStep } from "../steps/notify-team"
import { flowWebhookStep } from "../steps/webhook"
import { planStepRun } from "../utils/plan"
import { MarketingEvents } from "../../tracking/events"

export type RunFlowStepInput = { enrollment: ClaimedEnrollment; now: string }

/**
 * Step types whose effect is one workflow step taking `StepRunInput<X>` and
 * returning `StepRunResult`. Adding one is one entry here plus one in
 * RUNNABLE_STEP_TYPES (flows/runnable.ts). send_email and the control steps
 * have their own blocks below.
 */
const ACTION_STEPS: { type: StepType; run: (input: WorkflowData<StepRunInput<any>>) => WorkflowData<StepRunResult> }[] = [
  { type: "update_contact", run: (input) => updateContactFromFlowStep(input) },
  { type: "customer_group", run: (input) => flowCustomerGroupStep(input) },
  { type: "create_discount", run: (input) => flowCreateDiscountStep(input) },
  { type: "webhook", run: (input) => flowWebhookStep(input) },
  { type: "notify_team", run: (input) => flowNotifyTeamStep(input) },
  { type: "assign_owner", run: (input) => flowAssignOwnerStep(input) },
]

/** The message the send-email workflow returned, as the step's result. */
function emailResult({ check, sent }: { check?: CheckMessagePressureOutput; sent?: { messages: any[] } }): StepRunResult | undefined {
  if (!check) return undefined
  if (check.result) return check.result
  const message = sent?.messages?.[0]
  const variant = check.variant ?? undefined
  if (!message) return { outcome: "failed", reason: "no message was queued", variant }
  if (message.status === "suppressed") return { outcome: "skipped", reason: `suppressed: ${message.error ?? "not allowed"}`, variant, message_id: message.id }
  if (message.status === "failed") return { outcome: "failed", reason: message.error ?? "send failed", variant, message_id: message.id }
  return { outcome: "completed", variant, message_id: message.id, data: { status: message.status } }
}

export const runFlowStepWorkflowId = "run-flow-step"

/**
 * Runs the step an enrollment is on, once per visit: the step run's key is
 * (enrollment, step, visit), so a retried run sends no second email and
 * writes no second score entry. Then records the step run and moves the
 * enrollment on (guarded by the step it was claimed at).
 *
 * @example
 * const { result } = await runFlowStepWorkflow(container).run({
 *   input: { enrollment: claimed, now: new Date().toISOString() },
 * })
 * // result: { kind: "move", step: "send_reminder", run_at: "…" } | { kind: "stay" | "end" | "stale", … }
 */
export const runFlowStepWorkflow = createWorkflow(runFlowStepWorkflowId, (input: RunFlowStepInput) => {
  const plan = transform({ input }, ({ input }) => planStepRun(input))
  const stepInput = transform({ plan }, ({ plan }) => plan.input)

  // send_email: holdout, variant and message pressure, then the email workflow with the visit's key.
  const check = when({ plan }, ({ plan }) => plan.type === "send_email").then(() =>
    checkMessagePressureStep(
      transform({ plan }, ({ plan }) => ({
        input: plan.input as StepRunInput<any>,
        time_zone: plan.enrollment.time_zone,
        pressure: plan.enrollment.definition.message_pressure,
      }))
    )
  )
  const sent = when({ check }, ({ check }) => !!check?.send).then(() =>
    sendEmailWorkflow.runAsStep({
      input: transform({ check, plan }, ({ check, plan }) => ({ messages: [check!.send!], now: plan.input.now })),
    })
  )
  const email = transform({ check, sent }, emailResult)

  const actions = ACTION_STEPS.map(({ type, run }) =>
    // Named: a workflow holds several conditions of the same shape.
    when(`flow-step-is-${type}`, { plan }, ({ plan }) => plan.type === type).then(() => run(stepInput))
  )

  const control = when({ plan }, ({ plan }) => (CONTROL_STEP_TYPES as readonly string[]).includes(plan.type)).then(() =>
    runControlStep(plan)
  )

  const finishInput = transform({ plan, email, actions, control }, ({ plan, email, actions, control }) => {
    const c = control as ControlStepOutput | undefined
    const result = c?.result ?? email ?? (actions as (StepRunResult | undefined)[]).find(Boolean)
    if (!result) throw new Error(`The engine cannot run ${plan.type} steps (step ${plan.input.step_id})`)
    return { plan, result, next: (c?.next ?? null) as Next | null }
  })
  const finished = finishStepRunStep(finishInput)

  // Subscribers and reports hear of it once the run succeeds (the run's event group).
  const ran = transform({ plan, finishInput, finished }, ({ plan, finishInput, finished }) =>
    finished.kind === "stale" || !finished.step_run_id ? null : {
      id: finished.step_run_id, enrollment_id: plan.enrollment.id, flow_id: plan.enrollment.flow_id, contact_id: plan.enrollment.contact_id,
      step_id: plan.input.step_id, step_type: plan.type, outcome: finishInput.result.outcome,
    }
  )
  when({ ran }, ({ ran }) => !!ran).then(() => {
    emitEventStep({ eventName: MarketingEvents.FLOW_STEP_RAN, data: ran }).config({ name: "emit-flow-step-ran" })
  })
  const ended = transform({ plan, finished }, ({ plan, finished }) =>
    finished.kind === "end" && finished.status
      ? { id: plan.enrollment.id, contact_id: plan.enrollment.contact_id, status: finished.status, reason: finished.reason ?? null }
      : null
  )
  when({ ended }, ({ ended }) => !!ended).then(() => {
    emitEventStep({ eventName: MarketingEvents.FLOW_ENROLLMENT_ENDED, data: ended }).config({ name: "emit-flow-enrollment-ended" })
  })
  return new WorkflowResponse(finished)
})
