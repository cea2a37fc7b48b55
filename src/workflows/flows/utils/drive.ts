import type { MedusaContainer } from "@medusajs/framework/types"
import { isBatchStep } from "../../../modules/marketing/flows/batch"
import type { ClaimedEnrollment } from "../../../modules/marketing/flows/sql"
import { marketingOf } from "../../utils/marketing"
import { runFlowStepWorkflow } from "../workflows/run-flow-step"
import { runFlowStepsWorkflow } from "../workflows/run-flow-steps"

/** Steps one enrollment may take in one drive; a graph needs a wait in every cycle, so this is a safety net. */
const MAX_STEPS_PER_DRIVE = 50
/** Enrollments per batch workflow: the send workflow delivers at most 500 messages at once. */
const MAX_BATCH = 500

export type DriveSummary = { enrollments: number; steps: number; failures: number }

/**
 * Runs claimed enrollments step after step until each reaches a wait (a
 * step due later) or ends. Enrollments on emails and simple control steps
 * run together, a batch workflow per step (run-flow-steps); conditions and
 * the other actions one enrollment at a time (run-flow-step). A step that
 * throws is retried later with backoff; after `maxAttempts` the enrollment
 * fails, with a failed step run.
 */
export async function driveEnrollments(container: MedusaContainer, claimed: ClaimedEnrollment[], now: Date): Promise<DriveSummary> {
  const marketing = marketingOf(container)
  const { leaseSeconds, maxAttempts } = marketing.getOptions().flows
  const summary: DriveSummary = { enrollments: claimed.length, steps: 0, failures: 0 }
  const dueNow = (kind: string, runAt?: string) => kind === "move" && !!runAt && new Date(runAt).getTime() <= now.getTime()
  let pending = claimed
  for (let i = 0; i < MAX_STEPS_PER_DRIVE && pending.length; i++) {
    const single: ClaimedEnrollment[] = []
    const batch: ClaimedEnrollment[] = []
    for (const e of pending) (isBatchStep(e.definition.steps[e.current_step_id]?.type) ? batch : single).push(e)
    const moved: string[] = []
    for (let at = 0; at < batch.length; at += MAX_BATCH) {
      const chunk = batch.slice(at, at + MAX_BATCH)
      try {
        const { result } = await runFlowStepsWorkflow(container).run({ input: { enrollments: chunk, now: now.toISOString() } })
        summary.steps += result.length
        for (const r of result) if (dueNow(r.kind, r.run_at)) moved.push(r.enrollment_id)
      } catch {
        // The batch changed no enrollment: one at a time, each failure is recorded with its own retry.
        single.push(...chunk)
      }
    }
    for (const enrollment of single) {
      try {
        const { result } = await runFlowStepWorkflow(container).run({ input: { enrollment, now: now.toISOString() } })
        summary.steps++
        if (dueNow(result.kind, result.run_at)) moved.push(enrollment.id)
      } catch (error) {
        summary.failures++
        await failAttempt(container, enrollment, now, maxAttempts, (error as Error).message)
      }
    }
    if (!moved.length) break
    // Fresh state (context, visit count) for the next step, under a new lease.
    pending = await marketing.claimDueEnrollments({ now, limit: moved.length, lease_seconds: leaseSeconds, ids: moved })
  }
  return summary
}

async function failAttempt(container: MedusaContainer, e: ClaimedEnrollment, now: Date, maxAttempts: number, message: string) {
  const marketing = marketingOf(container)
  const guard = { id: e.id, from_step: e.current_step_id, from_count: e.step_count, now }
  const attempts = e.attempts + 1
  // Each failed attempt is a row, with the error: the admin sees why a contact is stuck.
  await marketing.recordFlowStepRun({
    enrollment_id: e.id, flow_id: e.flow_id, flow_version_id: e.flow_version_id, contact_id: e.contact_id,
    step_id: e.current_step_id, step_type: e.definition.steps[e.current_step_id]?.type ?? "unknown", outcome: "failed",
    reason: message.slice(0, 1000), idempotency_key: `${e.id}:${e.current_step_id}:${e.step_count}:attempt:${attempts}`, started_at: now,
  })
  if (attempts < maxAttempts) {
    const retryAt = new Date(now.getTime() + 60_000 * 2 ** (attempts - 1))
    await marketing.transitionEnrollment({ ...guard, kind: "stay", run_at: retryAt, attempts })
    return
  }
  await marketing.transitionEnrollment({ ...guard, kind: "end", status: "failed", reason: `step ${e.current_step_id} failed ${attempts} times` })
}
