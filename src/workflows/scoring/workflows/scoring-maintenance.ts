import { WorkflowData, WorkflowResponse, createWorkflow, transform } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { buildSegmentsWorkflow } from "../../segments/workflows/membership"
import { listScoreDependentSegmentsStep } from "../../segments/steps/list-score-dependent-segments"
import { MarketingEvents } from "../../tracking/events"
import { createScoringRecomputeStep, processScoringBacklogStep, runScoringRecomputeStep } from "../steps"
import { runNightlyScoringStep } from "../steps"
import { NotifySalesTeamStepInput, notifySalesTeamStep } from "../steps/notify-sales-team"
import { ScoringSettingsUpdate, updateScoringSettingsStep } from "../steps/update-scoring-settings"

/**
 * Asks for a background rebuild of every contact's scores from stored events.
 *
 * @example
 * const { result } = await requestScoringRecomputeWorkflow(container).run({ input: { reason: "Manual" } })
 */
export const requestScoringRecomputeWorkflow = createWorkflow(
  "request-scoring-recompute",
  (input: { reason: string }) => {
    const recompute = createScoringRecomputeStep(input)
    emitEventStep({
      eventName: MarketingEvents.SCORING_RECOMPUTE_REQUESTED,
      data: transform({ recompute }, ({ recompute }) => ({ id: recompute.id })),
    })
    return new WorkflowResponse(recompute)
  }
)

/**
 * Runs a requested recompute (called by the subscriber, in the background),
 * then rebuilds the segments that read scores, stages or RFM groups, so they
 * do not wait for the nightly build.
 *
 * @example
 * await runScoringRecomputeWorkflow(container).run({ input: { id: "msrec_123" } })
 */
export const runScoringRecomputeWorkflow = createWorkflow(
  "run-scoring-recompute",
  (input: { id: string; now?: string }) => {
    const recompute = runScoringRecomputeStep(input)
    announceScoringOutcome(processScoringBacklogStep({ now: input.now }), "backlog")
    const segmentIds = listScoreDependentSegmentsStep()
    buildSegmentsWorkflow.runAsStep({ input: { segment_ids: segmentIds, with_dependants: true, now: input.now } })
    return new WorkflowResponse(recompute)
  }
)

/**
 * Scores events parked while a recompute ran. The recompute's own catch-up
 * sees all of them (see tryLockScoringShared); the minutely job covers a
 * catch-up that did not run (a crash between the two steps).
 *
 * @example
 * await processScoringBacklogWorkflow(container).run({ input: {} })
 */
export const processScoringBacklogWorkflow = createWorkflow(
  "process-scoring-backlog",
  (input: { now?: string }) => {
    const outcome = processScoringBacklogStep(input)
    announceScoringOutcome(outcome, "backlog")
    return new WorkflowResponse(outcome)
  }
)

/** Emits the stage changes and threshold crossings a scoring pass produced. */
function announceScoringOutcome(
  outcome: WorkflowData<{ stage_changes: unknown[]; crossings: unknown[] }>,
  name: string
) {
  emitEventStep({
    eventName: MarketingEvents.LIFECYCLE_STAGE_CHANGED,
    data: transform({ outcome }, ({ outcome }) => outcome.stage_changes),
  }).config({ name: `emit-${name}-stage-changes` })
  emitEventStep({
    eventName: MarketingEvents.SCORE_THRESHOLD_CROSSED,
    data: transform({ outcome }, ({ outcome }) => outcome.crossings),
  }).config({ name: `emit-${name}-crossings` })
}

/**
 * Saves the scoring settings: stage thresholds, decay half-life, sales notification.
 *
 * @example
 * await updateScoringSettingsWorkflow(container).run({ input: { sales_ready_threshold: 90 } })
 */
export const updateScoringSettingsWorkflow = createWorkflow(
  "update-scoring-settings",
  (input: ScoringSettingsUpdate) => {
    return new WorkflowResponse(updateScoringSettingsStep(input))
  }
)

/**
 * Notifies the sales team that a lead became sales-ready.
 *
 * @example
 * await notifySalesTeamWorkflow(container).run({ input: { contact_id: "mcon_123", reason: "Acquisition score 82" } })
 */
export const notifySalesTeamWorkflow = createWorkflow(
  "notify-sales-team",
  (input: NotifySalesTeamStepInput) => {
    return new WorkflowResponse(notifySalesTeamStep(input))
  }
)

/**
 * The nightly scoring job: RFM, inactivity, decay; announces stage changes
 * and threshold crossings like live scoring does.
 *
 * @example
 * await runNightlyScoringWorkflow(container).run({ input: {} })
 */
export const runNightlyScoringWorkflow = createWorkflow("run-nightly-scoring", (input: { now?: string }) => {
  const result = runNightlyScoringStep(input)
  announceScoringOutcome(result, "nightly")
  return new WorkflowResponse(result)
})
