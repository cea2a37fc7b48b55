import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { marketingOf } from "../../utils/marketing"
import { driveEnrollments, type DriveSummary } from "../utils/drive"

export type RunEnrollmentsStepInput = {
  now?: string
  /** Only these enrollments (the fast path after a trigger); otherwise whatever is due, one batch. */
  ids?: string[]
  limit?: number
}

export const runEnrollmentsStepId = "run-flow-enrollments"

/**
 * Claims due enrollments of active flows (FOR UPDATE SKIP LOCKED, with a
 * lease) and runs each until it reaches a wait or ends, each step its own
 * run-flow-step workflow. No compensation: every step run is its own record.
 */
export const runEnrollmentsStep = createStep(runEnrollmentsStepId, async (input: RunEnrollmentsStepInput, { container }) => {
  const marketing = marketingOf(container)
  const now = input.now ? new Date(input.now) : new Date()
  if (input.ids && !input.ids.length) return new StepResponse<DriveSummary & { claimed: number }>({ claimed: 0, enrollments: 0, steps: 0, failures: 0 })
  const options = marketing.getOptions().flows
  const claimed = await marketing.claimDueEnrollments({
    now,
    limit: input.limit ?? options.batchSize,
    lease_seconds: options.leaseSeconds,
    ...(input.ids ? { ids: input.ids } : {}),
  })
  const summary = await driveEnrollments(container, claimed, now)
  return new StepResponse({ claimed: claimed.length, ...summary })
})
