import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { advance, type Next } from "../../../modules/marketing/flows/advance"
import { abKey } from "../../../modules/marketing/flows/ab-sql"
import { decideEmails, type EmailCandidate } from "../../../modules/marketing/flows/batch"
import { zoneOr } from "../../../modules/marketing/flows/local-time"
import type { ClaimedEnrollment } from "../../../modules/marketing/flows/sql"
import type { SendEmailStep, StepRunInput, StepRunResult } from "../../../modules/marketing/flows/types"
import type { SendEmailInput } from "../../email/steps/prepare-messages"
import { marketingOf } from "../../utils/marketing"
import { flowEmailInput } from "../utils/email-input"
import { bestTimeFacts } from "../utils/best-time"
import { planStepRun, type StepRunPlan } from "../utils/plan"

export type PlannedStepRun = {
  plan: StepRunPlan
  /** Decided here (control steps, emails held or held out); null: the email at `send_index` decides it. */
  result: StepRunResult | null
  next: Next | null
  send_index: number | null
  variant: string | null
}

export type PlanFlowStepsOutput = { runs: PlannedStepRun[]; sends: SendEmailInput[] }

export const planFlowStepsStepId = "plan-flow-step-runs"

/**
 * A batch's step runs, decided with a few queries for all of them: control
 * steps (wait, wait_for_event, random split, exit) from the claimed rows;
 * emails' holdout, variant and message pressure (the contacts' latest
 * marketing emails and the visits already queued, one query each; the A/B
 * winners decided, one query when a batch has a step with `auto_winner`; the
 * send-time facts, two queries when a step has `send_at: "best_time"`). Reads only.
 */
export const planFlowStepsStep = createStep(
  planFlowStepsStepId,
  async (input: { enrollments: ClaimedEnrollment[]; now: string }, { container }) => {
    const marketing = marketingOf(container)
    const now = new Date(input.now)
    const plans = input.enrollments.map((enrollment) => planStepRun({ enrollment, now: input.now }))
    let storeZone: string | null = null
    const zone = async (own: string | null) => zoneOr(own, (storeZone ??= (await marketing.getScoringSettings()).time_zone))

    const runs: PlannedStepRun[] = []
    const emails: { run: PlannedStepRun; candidate: EmailCandidate }[] = []
    for (const plan of plans) {
      const { enrollment, input: stepInput } = plan
      const run: PlannedStepRun = { plan, result: null, next: null, send_index: null, variant: null }
      runs.push(run)
      if (plan.type === "send_email") {
        const pressure = enrollment.definition.message_pressure
        emails.push({
          run,
          candidate: {
            enrollment_id: enrollment.id, step_id: stepInput.step_id, contact_id: enrollment.contact_id, step: stepInput.step as SendEmailStep,
            pressure, time_zone: pressure?.bypass_quiet_hours ? "UTC" : await zone(enrollment.time_zone), already_queued: false,
          },
        })
        continue
      }
      const step = stepInput.step
      const next = advance(enrollment.definition, stepInput.step_id, {
        enrollment_id: enrollment.id,
        time_zone: step.type === "wait" && "until" in step ? await zone(enrollment.time_zone) : "UTC",
        wait_until: enrollment.wait_until ? new Date(enrollment.wait_until) : null,
        event_arrived: !!enrollment.awaited_event_id,
      }, now)
      run.next = next
      run.result = {
        outcome: "completed",
        ...(next.kind !== "stay" && next.branch ? { branch: next.branch } : {}),
        ...(step.type === "wait" && next.kind === "move" ? { data: { until: next.run_at.toISOString() } } : {}),
        ...(enrollment.awaited_event_id ? { data: { event_id: enrollment.awaited_event_id } } : {}),
      }
    }

    const sends: SendEmailInput[] = []
    if (emails.length) {
      const options = marketing.getOptions().flows
      const queued = await marketing.queuedMessageKeys(emails.map((e) => e.run.plan.input.idempotency_key))
      const abVersions = emails.filter((e) => e.candidate.step.auto_winner).map((e) => e.run.plan.input.flow_version_id)
      const winners = abVersions.length ? await marketing.flowAbWinners(abVersions) : new Map<string, string>()
      const capped = emails.filter((e) => !e.candidate.pressure?.bypass_frequency_cap && options.frequencyCapHours > 0)
      // Every flow email counts as the contact's latest, so every contact in the batch is looked up when any is capped.
      const last = capped.length
        ? await marketing.lastMarketingEmailsAt([...new Set(emails.map((e) => e.candidate.contact_id))], now)
        : new Map<string, Date>()
      const bestTime = await bestTimeFacts(
        marketing,
        emails.filter((e) => e.candidate.step.send_at === "best_time").map((e) => ({
          enrollment_id: e.candidate.enrollment_id, contact_id: e.candidate.contact_id, key: e.run.plan.input.idempotency_key,
          time_zone: e.run.plan.enrollment.time_zone,
        })),
        zone
      )
      const decisions = decideEmails(
        emails.map((e) => ({
          ...e.candidate,
          already_queued: queued.has(e.run.plan.input.idempotency_key),
          winner: winners.get(abKey(e.run.plan.input.flow_version_id, e.candidate.step_id)) ?? null,
          best_time: bestTime.get(e.run.plan.input.idempotency_key),
        })),
        { now, last_email_at: last, frequency_cap_hours: options.frequencyCapHours, quiet_hours: options.quietHours }
      )
      decisions.forEach((d, i) => {
        const { run } = emails[i]
        if (!d.send) {
          run.result = d.result
          run.variant = d.variant
          return
        }
        run.variant = d.choice.variant
        run.send_index = sends.length
        sends.push(flowEmailInput(run.plan.input as StepRunInput<SendEmailStep>, d.choice))
      })
    }
    return new StepResponse<PlanFlowStepsOutput>({ runs, sends })
  }
)
