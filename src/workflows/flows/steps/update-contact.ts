import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import type { StepRunInput, StepRunResult, UpdateContactStep } from "../../../modules/marketing/flows/types"
import { marketingOf } from "../../utils/marketing"

export const updateContactFromFlowStepId = "update-contact-from-flow"

/**
 * Score points (a ledger entry whose reason names the flow and step), fields
 * from an allow-list, tags added and removed: written in the transaction
 * that records the step run, so a retry finds the key taken and writes
 * nothing. No compensation: the step run is the record of what was done.
 */
export const updateContactFromFlowStep = createStep(
  updateContactFromFlowStepId,
  async (input: StepRunInput<UpdateContactStep>, { container }) => {
    const now = new Date(input.now)
    const { step_run_id } = await marketingOf(container).applyFlowContactUpdate({
      run: {
        enrollment_id: input.enrollment_id,
        flow_id: input.flow_id,
        flow_version_id: input.flow_version_id,
        contact_id: input.contact_id,
        step_id: input.step_id,
        step_type: "update_contact",
        outcome: "completed",
        idempotency_key: input.idempotency_key,
        data: { score: input.step.score ?? null, set: input.step.set ?? [], add_tags: input.step.add_tags ?? [], remove_tags: input.step.remove_tags ?? [] },
        started_at: now,
      },
      step: input.step,
      flow_name: input.flow_name,
      now,
    })
    return new StepResponse<StepRunResult>({ outcome: "completed", data: { step_run_id } })
  }
)
