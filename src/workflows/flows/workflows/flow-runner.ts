import { WorkflowResponse, createWorkflow, transform, when } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { MarketingEvents } from "../../tracking/events"
import { enrollDateTriggersStep } from "../steps/enroll-date-triggers"
import { enrollInFlowStep, type EnrollInFlowStepInput } from "../steps/enroll-in-flow"
import { reactToFlowOccurrencesStep, type ReactToFlowOccurrencesInput } from "../steps/react-to-flow-occurrences"
import { runDueFlowSchedulesStep } from "../steps/run-due-flow-schedules"
import { runEnrollmentsStep } from "../steps/run-enrollments"

export type RunDueFlowsWorkflowInput = { now?: string; limit?: number }

export const runDueFlowsWorkflowId = "run-due-flows"

/**
 * One batch of the flow runner: scheduled segment enrollments whose time
 * came, then due enrollments of active flows, each run until it reaches a
 * wait or ends. `claimed` below the limit means nothing more is due.
 *
 * @example
 * const { result } = await runDueFlowsWorkflow(container).run({ input: { limit: 100 } })
 * // result: { claimed: 12, enrollments: 12, steps: 30, failures: 0 }
 */
export const runDueFlowsWorkflow = createWorkflow(runDueFlowsWorkflowId, (input: RunDueFlowsWorkflowInput) => {
  runDueFlowSchedulesStep({ now: input.now })
  const summary = runEnrollmentsStep({ now: input.now, limit: input.limit })
  return new WorkflowResponse(summary)
})

export type ReactToFlowOccurrencesWorkflowInput = ReactToFlowOccurrencesInput

export const reactToFlowOccurrencesWorkflowId = "react-to-flow-occurrences"

/**
 * Flows' side of something that happened to a contact (recorded events, a
 * segment entry or exit, a score crossing, a stage change): goals convert,
 * exit conditions exit, waiting wait_for_event steps wake, triggers enroll;
 * then the enrolled and woken enrollments run at once until their first
 * wait (the fast path: "cart abandoned, wait 0, send" needs no job tick).
 * Takes one contact's occurrences, or several contacts' (`contacts`).
 *
 * @example
 * await reactToFlowOccurrencesWorkflow(container).run({
 *   input: { contact_id: "mcon_123", event_types: ["cart_updated"] },
 * })
 */
export const reactToFlowOccurrencesWorkflow = createWorkflow(
  reactToFlowOccurrencesWorkflowId,
  (input: ReactToFlowOccurrencesWorkflowInput) => {
    const reaction = reactToFlowOccurrencesStep(input)
    const ids = transform({ reaction }, ({ reaction }) => [...new Set([...reaction.enrolled, ...reaction.woken])])
    runEnrollmentsStep({ ids, now: input.now })
    // One message per enrollment a goal converted or an exit condition ended.
    const ended = transform({ reaction }, ({ reaction }) => reaction.ended)
    when({ ended }, ({ ended }) => ended.length > 0).then(() => {
      emitEventStep({ eventName: MarketingEvents.FLOW_ENROLLMENT_ENDED, data: ended }).config({ name: "emit-flow-enrollments-ended" })
    })
    return new WorkflowResponse(reaction)
  }
)

export type EnrollInFlowWorkflowInput = EnrollInFlowStepInput

export const enrollInFlowWorkflowId = "enroll-in-flow"

/**
 * Manual enrollment: one contact, or a whole segment (set-based), now or
 * at a later time. Enrollments made now run their first steps at once (a
 * segment's first batch; the runner takes the rest as due). Answers how
 * many were enrolled, and a contact's enrollment ids.
 *
 * @example
 * await enrollInFlowWorkflow(container).run({
 *   input: { flow_id: "mflow_123", segment_id: "mseg_123", at: "2026-12-24T08:00:00Z", request_id: "req_1" },
 * })
 */
export const enrollInFlowWorkflow = createWorkflow(enrollInFlowWorkflowId, (input: EnrollInFlowWorkflowInput) => {
  const made = enrollInFlowStep(input)
  const ids = transform({ made }, ({ made }) => made.first_ids)
  runEnrollmentsStep({ ids, now: input.now }).config({ name: "run-enrolled-now" })
  const result = transform({ made }, ({ made }) => ({
    enrolled: made.enrolled,
    ...(made.enrollment_ids ? { enrollment_ids: made.enrollment_ids } : {}),
    schedule_id: made.schedule_id,
  }))
  return new WorkflowResponse(result)
})

export type RunFlowDateTriggersWorkflowInput = { now?: string }

export const runFlowDateTriggersWorkflowId = "run-flow-date-triggers"

/**
 * Date triggers (a birthday every year, N days after the first order…):
 * enrolls the contacts whose local date and time have come, then runs their
 * first steps.
 *
 * @example
 * await runFlowDateTriggersWorkflow(container).run({ input: {} })
 */
export const runFlowDateTriggersWorkflow = createWorkflow(runFlowDateTriggersWorkflowId, (input: RunFlowDateTriggersWorkflowInput) => {
  const { enrolled } = enrollDateTriggersStep(input)
  const summary = runEnrollmentsStep({ ids: enrolled, now: input.now })
  return new WorkflowResponse({ enrolled, summary })
})
