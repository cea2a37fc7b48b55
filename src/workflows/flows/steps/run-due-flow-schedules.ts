import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { marketingOf } from "../../utils/marketing"

export const runDueFlowSchedulesStepId = "run-due-flow-schedules"

/**
 * Segment enrollments whose time came: each segment's members as they are
 * now, set-based, in one transaction with the schedule marked done (claimed
 * with SKIP LOCKED, so two runners never enroll one schedule twice). Answers
 * how many were enrolled; the runner claims them as due.
 * No compensation: enrollment is idempotent per schedule.
 */
export const runDueFlowSchedulesStep = createStep(runDueFlowSchedulesStepId, async (input: { now?: string }, { container }) => {
  const now = input.now ? new Date(input.now) : new Date()
  const enrolled = await marketingOf(container).runDueFlowSchedules({ now, limit: 20 })
  return new StepResponse({ enrolled })
})
