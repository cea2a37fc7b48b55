import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { advance, conditionLeaves, type Next } from "../../../modules/marketing/flows/advance"
import { zoneOr } from "../../../modules/marketing/flows/local-time"
import type { StepRunResult } from "../../../modules/marketing/flows/types"
import { marketingOf } from "../../utils/marketing"
import type { StepRunPlan } from "../utils/plan"

export type ControlStepOutput = { result: StepRunResult; next: Next }

export const runControlStepId = "run-flow-control-step"

/**
 * wait, wait_for_event, condition, random_split and exit, decided by
 * `advance` from facts read here (the condition's leaves for this contact,
 * the wait's deadline and whether the awaited event arrived). Reads only.
 */
export const runControlStep = createStep(runControlStepId, async (plan: StepRunPlan, { container }) => {
  const marketing = marketingOf(container)
  const { enrollment, input } = plan
  const now = new Date(input.now)
  const step = input.step
  const leaves = step.type === "condition"
    ? await marketing.answerFlowConditionLeaves({
        contact_id: enrollment.contact_id,
        enrollment_id: enrollment.id,
        entered_at: new Date(enrollment.entered_at),
        leaves: conditionLeaves(step.if),
        now,
      })
    : undefined
  const timeZone = step.type === "wait" && "until" in step
    ? zoneOr(enrollment.time_zone, (await marketing.getScoringSettings()).time_zone)
    : "UTC"
  const next = advance(enrollment.definition, input.step_id, {
    enrollment_id: enrollment.id,
    time_zone: timeZone,
    leaves,
    wait_until: enrollment.wait_until ? new Date(enrollment.wait_until) : null,
    event_arrived: !!enrollment.awaited_event_id,
  }, now)
  const result: StepRunResult = {
    outcome: "completed",
    ...(next.kind !== "stay" && next.branch ? { branch: next.branch } : {}),
    ...(step.type === "wait" && next.kind === "move" ? { data: { until: next.run_at.toISOString() } } : {}),
    ...(enrollment.awaited_event_id ? { data: { event_id: enrollment.awaited_event_id } } : {}),
    ...(leaves ? { data: { leaves } } : {}),
  }
  return new StepResponse<ControlStepOutput>({ result, next })
})
