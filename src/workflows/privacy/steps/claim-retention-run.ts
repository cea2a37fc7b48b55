import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import type { RetentionRunRow } from "../../../modules/marketing/retention/purge"
import { marketingOf } from "../../utils/marketing"

export type ClaimRetentionRunStepInput = { now?: string }

export const claimRetentionRunStepId = "claim-retention-run"

/**
 * Claims the day's retention purge and stores its cut-off. Null when
 * `tracking.retentionDays` is off or another instance has (or did) today's run.
 * Compensation marks the run failed, so a later run that day may take it over.
 */
export const claimRetentionRunStep = createStep(
  claimRetentionRunStepId,
  async (input: ClaimRetentionRunStepInput, { container }) => {
    const run: RetentionRunRow | null = await marketingOf(container).claimRetentionRun(input.now ? new Date(input.now) : new Date())
    return new StepResponse(run, run?.id ?? null)
  },
  async (runId, { container }) => {
    if (!runId) return
    await marketingOf(container).finishRetentionRun(runId, new Date(), "The purge workflow failed")
  }
)
