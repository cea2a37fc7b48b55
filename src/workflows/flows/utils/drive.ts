import type { MedusaContainer } from "@medusajs/framework/types"
import type { ClaimedEnrollment } from "../../../modules/marketing/flows/sql"
import { marketingOf } from "../../utils/marketing"
import { runFlowStepWorkflow } from "../workflows/run-flow-step"

/** Steps one enrollment may take in one drive; a graph needs a wait in every cycle, so this is a safety net. */
const MAX_STEPS_PER_DRIVE = 50

export type DriveSummary = { enrollments: number; steps: number; failures: number }

/**
 * Runs claimed enrollments step after step until each reaches a wait (a
 * step due later) or ends. A step that throws is retried later with
 * backoff; after `maxAttempts` the enrollment fails, with a failed step run.
 */
export async function driveEnrollments(container: MedusaContainer, claimed: ClaimedEnrollment[], now: Date): Promise<DriveSummary> {
  const marketing = marketingOf(container)
  const { leaseSeconds, maxAttempts } = marketing.getOptions().flows
  const summary: DriveSummary = { enrollments: claimed.length, steps: 0, failures: 0 }
  for (let enrollment of claimed) {
    for (let i = 0; i < MAX_STEPS_PER_DRIVE; i++) {
      let moved = false
      try {
        const { result } = await runFlowStepWorkflow(container).run({ input: { enrollment, now: now.toISOString() } })
        summary.steps++
        moved = result.kind === "move" && !!result.run_at && new Date(result.run_at).getTime() <= now.getTime()
      } catch (error) {
        summary.failures++
        await failAttempt(container, enrollment, now, maxAttempts, (error as Error).message)
      }
      if (!moved) break
      // Fresh state (context, visit count) for the next step, under a new lease.
      const [next] = await marketing.claimDueEnrollments({ now, limit: 1, lease_seconds: leaseSeconds, ids: [enrollment.id] })
      if (!next) break
      enrollment = next
    }
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
