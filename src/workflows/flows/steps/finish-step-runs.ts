import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { finishRun } from "../../../modules/marketing/flows/batch"
import type { Next } from "../../../modules/marketing/flows/advance"
import type { StepRunResult } from "../../../modules/marketing/flows/types"
import { marketingOf } from "../../utils/marketing"
import type { StepRunPlan } from "../utils/plan"

export type FinishedStepRun = {
  enrollment_id: string
  contact_id: string
  flow_id: string
  step_id: string
  step_type: string
  outcome: StepRunResult["outcome"]
  kind: "move" | "stay" | "end" | "stale"
  step?: string
  run_at?: string
  step_run_id?: string
  /** The exit step run in the same batch (see finishRun). */
  exit_step_run?: { step_id: string; id: string }
  status?: string
  reason?: string
}

export const finishStepRunsStepId = "finish-flow-step-runs"

/**
 * finish-flow-step-run for a batch: every step run recorded in one
 * statement (by its key: a retry finds the first rows), then the
 * enrollments moved with one guarded UPDATE per kind; an enrollment that
 * moved on meanwhile is "stale" and unchanged. A step that leads straight
 * to an exit step ends its enrollment here, and the exit step's run is
 * recorded for each enrollment that did end (batch.ts finishRun). No
 * compensation: the writes are idempotent and the last in the workflow.
 */
export const finishStepRunsStep = createStep(
  finishStepRunsStepId,
  async (input: { runs: { plan: StepRunPlan; result: StepRunResult; next: Next | null }[] }, { container }) => {
    const marketing = marketingOf(container)
    const finishes = input.runs.map(({ plan, result, next }) => ({
      plan,
      result,
      finish: finishRun({
        enrollment: plan.enrollment,
        step_id: plan.input.step_id,
        step_type: plan.type,
        idempotency_key: plan.input.idempotency_key,
        now: new Date(plan.input.now),
        result,
        next,
      }),
    }))
    const runIds = await marketing.recordFlowStepRuns(finishes.flatMap((f) => (f.finish.run ? [f.finish.run] : [])))
    const moved = await marketing.transitionEnrollments(finishes.map((f) => f.finish.transition))
    // An exit step taken in this batch happened only where the enrollment did end.
    const exits = finishes.flatMap(({ finish: f }) => (f.exit_run && moved.has(f.transition.id) ? [f.exit_run] : []))
    if (exits.length) for (const [key, id] of await marketing.recordFlowStepRuns(exits)) runIds.set(key, id)
    const out: FinishedStepRun[] = finishes.map(({ plan, result, finish: { run, exit_run, transition: t } }) => ({
      enrollment_id: plan.enrollment.id,
      contact_id: plan.enrollment.contact_id,
      flow_id: plan.enrollment.flow_id,
      step_id: plan.input.step_id,
      step_type: plan.type,
      outcome: result.outcome,
      kind: moved.has(t.id) ? t.kind : "stale",
      ...(t.kind === "move" ? { step: t.step, run_at: new Date(t.run_at).toISOString() } : {}),
      ...(t.kind === "stay" ? { run_at: new Date(t.run_at).toISOString() } : {}),
      ...(t.kind === "end" && moved.has(t.id) ? { status: t.status, reason: t.reason } : {}),
      ...(run ? { step_run_id: runIds.get(run.idempotency_key) } : {}),
      ...(exit_run && moved.has(t.id) ? { exit_step_run: { step_id: exit_run.step_id, id: runIds.get(exit_run.idempotency_key)! } } : {}),
    }))
    return new StepResponse(out)
  }
)
