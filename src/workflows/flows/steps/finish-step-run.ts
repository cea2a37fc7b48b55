import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { afterStep, type Next } from "../../../modules/marketing/flows/advance"
import type { StepRunResult } from "../../../modules/marketing/flows/types"
import { marketingOf } from "../../utils/marketing"
import type { StepRunPlan } from "../utils/plan"

export type FinishStepRunInput = {
  plan: StepRunPlan
  /** What the step did. */
  result: StepRunResult
  /** Control steps decide their own next step; the others go to `next`. */
  next?: Next | null
}

export type FinishStepRunOutput = {
  kind: "move" | "stay" | "end" | "stale"
  step?: string
  run_at?: string
  step_run_id?: string
  /** When the enrollment ended here: its status and why. */
  status?: string
  reason?: string
}

export const finishStepRunStepId = "finish-flow-step-run"

/**
 * Records the step run (by its key: a retry finds the first row) and moves
 * the enrollment on, guarded by the step and visit it was claimed at, so a
 * runner whose lease ran out changes nothing ("stale"). A held email stays
 * on its step until `retry_at`, its hold recorded as a run of its own.
 * No compensation: both writes are idempotent and the last in the workflow.
 */
export const finishStepRunStep = createStep(
  finishStepRunStepId,
  async ({ plan, result, next: given }: FinishStepRunInput, { container }) => {
    // Step outputs cross a serialisation boundary: dates arrive as strings.
    const next: Next | null | undefined = given && given.kind !== "end" ? { ...given, run_at: new Date(given.run_at) } : given
    const marketing = marketingOf(container)
    const { enrollment, input } = plan
    const now = new Date(input.now)
    const guard = { id: enrollment.id, from_step: input.step_id, from_count: enrollment.step_count, now }
    const def = enrollment.definition
    const record = (key: string) =>
      marketing.recordFlowStepRun({
        enrollment_id: enrollment.id,
        flow_id: enrollment.flow_id,
        flow_version_id: enrollment.flow_version_id,
        contact_id: enrollment.contact_id,
        step_id: input.step_id,
        step_type: plan.type,
        outcome: result.outcome,
        reason: result.reason ?? null,
        branch: result.branch ?? null,
        variant: result.variant ?? null,
        message_id: result.message_id ?? null,
        idempotency_key: key,
        data: result.data ?? null,
        started_at: now,
        finished_at: now,
      })

    if (next?.kind === "stay") {
      // wait_for_event and a last wait: the deadline is set on the first visit only.
      const ok = await marketing.transitionEnrollment({ ...guard, kind: "stay", run_at: next.run_at, wait_until: enrollment.wait_until ? null : next.run_at })
      return new StepResponse<FinishStepRunOutput>({ kind: ok ? "stay" : "stale", run_at: next.run_at.toISOString() })
    }
    if (result.outcome === "held") {
      const retryAt = new Date(result.retry_at ?? now.getTime() + 3_600_000)
      const run = await record(`${input.idempotency_key}:held:${now.toISOString()}`)
      const ok = await marketing.transitionEnrollment({ ...guard, kind: "stay", run_at: retryAt })
      return new StepResponse<FinishStepRunOutput>({ kind: ok ? "stay" : "stale", run_at: retryAt.toISOString(), step_run_id: run.id })
    }
    const run = await record(input.idempotency_key)
    let decided: Next = next ?? afterStep(def, input.step_id, now)
    const suppressed = plan.type === "send_email" && result.outcome === "skipped" && result.reason?.startsWith("suppressed")
    if (suppressed && def.message_pressure?.when_suppressed === "exit") {
      decided = { kind: "end", status: "exited", reason: "suppressed" }
    }
    const ok = decided.kind === "move"
      ? await marketing.transitionEnrollment({ ...guard, kind: "move", step: decided.step, run_at: decided.run_at, context_patch: result.context_patch })
      : decided.kind === "end"
        ? await marketing.transitionEnrollment({ ...guard, kind: "end", status: decided.status, reason: decided.reason })
        : false
    return new StepResponse<FinishStepRunOutput>({
      kind: ok ? decided.kind : "stale",
      ...(decided.kind === "move" ? { step: decided.step, run_at: decided.run_at.toISOString() } : {}),
      ...(decided.kind === "end" && ok ? { status: decided.status, reason: decided.reason } : {}),
      step_run_id: run.id,
    })
  }
)
