import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { marketingOf } from "../../utils/marketing"

export const enrollDateTriggersStepId = "enroll-flow-date-triggers"

/**
 * Enrolls, set-based, the contacts whose date trigger is due now in their
 * time zone. No compensation: enrollment is idempotent per (contact, year
 * or day), and a rolled-back run would enroll them again on the next.
 */
export const enrollDateTriggersStep = createStep(enrollDateTriggersStepId, async (input: { now?: string }, { container }) => {
  const enrolled = await marketingOf(container).runFlowDateTriggers(input.now ? new Date(input.now) : new Date())
  return new StepResponse({ enrolled })
})
