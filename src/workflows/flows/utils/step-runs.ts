import type { StepRunResult } from "../../../modules/marketing/flows/types"
import type MarketingModuleService from "../../../modules/marketing/service"

export type RecordedRun = {
  id: string
  step_id: string
  outcome: StepRunResult["outcome"]
  reason: string | null
  message_id: string | null
  idempotency_key: string
  data: Record<string, unknown> | null
  finished_at: Date | string | null
}

const FIELDS = ["id", "step_id", "outcome", "reason", "message_id", "idempotency_key", "data", "finished_at", "started_at"]

/**
 * The finished step run the engine recorded under this key: what a retried
 * run already produced. A run still in progress (no `finished_at`) is not an
 * answer yet.
 */
export async function recordedRun(marketing: MarketingModuleService, idempotencyKey: string): Promise<RecordedRun | null> {
  const [run] = await marketing.listFlowStepRuns({ idempotency_key: idempotencyKey }, { select: FIELDS, take: 1 })
  return run && run.finished_at ? (run as unknown as RecordedRun) : null
}

/** A recorded run's result, as the step first returned it. */
export function resultOf(run: RecordedRun): StepRunResult {
  return {
    outcome: run.outcome,
    ...(run.reason ? { reason: run.reason } : {}),
    ...(run.message_id ? { message_id: run.message_id } : {}),
    data: { ...(run.data ?? {}), replayed: true },
  }
}

/**
 * The latest finished runs of one step in one enrolment, newest first (a
 * step on a loop is visited more than once; a held step is run again).
 */
export async function runsOfStep(
  marketing: MarketingModuleService,
  enrollmentId: string,
  stepId: string,
  take = 20
): Promise<RecordedRun[]> {
  const runs = await marketing.listFlowStepRuns(
    { enrollment_id: enrollmentId, step_id: stepId },
    { select: FIELDS, order: { started_at: "DESC" }, take }
  )
  return (runs as unknown as RecordedRun[]).filter((r) => r.finished_at)
}
