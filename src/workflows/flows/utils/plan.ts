import type { ClaimedEnrollment } from "../../../modules/marketing/flows/sql"
import type { FlowStep, StepRunInput } from "../../../modules/marketing/flows/types"

/** One visit of one step: what its workflow step gets, keyed by (enrollment, step, visit). */
export type StepRunPlan = {
  type: FlowStep["type"]
  input: StepRunInput
  enrollment: ClaimedEnrollment
}

/**
 * The key is the same for every attempt at this visit (step_count moves only
 * when the enrollment moves), so a retried run never repeats an effect.
 */
export function planStepRun({ enrollment, now }: { enrollment: ClaimedEnrollment; now: string }): StepRunPlan {
  const stepId = enrollment.current_step_id
  const step = enrollment.definition.steps[stepId]
  if (!step) throw new Error(`Enrollment ${enrollment.id}: step "${stepId}" is not in its flow version`)
  return {
    type: step.type,
    enrollment,
    input: {
      enrollment_id: enrollment.id,
      flow_id: enrollment.flow_id,
      flow_version_id: enrollment.flow_version_id,
      flow_name: enrollment.flow_name,
      contact_id: enrollment.contact_id,
      step_id: stepId,
      step,
      context: enrollment.context ?? {},
      idempotency_key: `${enrollment.id}:${stepId}:${enrollment.step_count}`,
      now,
    },
  }
}
