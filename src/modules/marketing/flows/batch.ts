/**
 * The runner's set-based decisions (Medusa-free, clock passed in): which
 * claimed enrollments one batch workflow can take, which emails of a batch
 * may go (message pressure across the batch, as if they ran one after the
 * other), and what each finished step run records and how its enrollment
 * moves, exactly as the one-enrollment path decides it.
 */
import { afterStep, chooseEmail, type EmailChoice, type Next } from "./advance"
import { bestTimeHold, type BestTimeFacts } from "./best-time"
import { checkPressure, pressureResult, type QuietHours } from "./pressure"
import type { StepRunRow, Transition } from "./sql"
import type { FlowDefinition, MessagePressure, SendEmailStep, StepRunResult, StepType } from "./types"

/**
 * Step types a batch runs together: send_email (one send workflow for the
 * batch) and control steps decided from the claimed row alone. Conditions
 * (per-contact queries) and the other actions run one enrollment at a time.
 */
export const BATCH_STEP_TYPES: readonly StepType[] = ["send_email", "wait", "wait_for_event", "random_split", "exit"]

export const isBatchStep = (type: StepType | undefined): boolean => !!type && BATCH_STEP_TYPES.includes(type)

export type EmailCandidate = {
  enrollment_id: string
  step_id: string
  contact_id: string
  step: SendEmailStep
  pressure?: MessagePressure
  /** The contact's time zone, or the store's. */
  time_zone: string
  /** A message with this visit's key exists: a retry, which skips the checks (its own email would hold it). */
  already_queued: boolean
  /** The step's automatic A/B winner, if decided (ignored on a retry whose email was queued before: it keeps its variant). */
  winner?: string | null
  /** For `send_at: "best_time"`. */
  best_time?: BestTimeFacts
}

export type EmailDecision =
  | { send: true; choice: Extract<EmailChoice, { holdout: false }> }
  | { send: false; variant: string | null; result: StepRunResult }

/**
 * Holdout, variant, the contact's best time (`send_at: "best_time"`), frequency
 * cap and quiet hours for a batch of emails, in order. An email allowed here
 * counts as the contact's latest for the ones after it, so two flows' emails to one contact in one batch are capped as
 * if the second ran after the first was queued.
 */
export function decideEmails(
  candidates: EmailCandidate[],
  facts: { now: Date; last_email_at: Map<string, Date | null>; frequency_cap_hours: number; quiet_hours: QuietHours | null }
): EmailDecision[] {
  const last = new Map(facts.last_email_at)
  return candidates.map((c) => {
    const choice = chooseEmail(c.step, c.enrollment_id, c.step_id, c.already_queued ? null : c.winner)
    if (choice.holdout) return { send: false, variant: "holdout", result: { outcome: "skipped", reason: "holdout", variant: "holdout" } }
    if (!c.already_queued) {
      const pressure = c.pressure ?? {}
      const quiet = pressure.bypass_quiet_hours ? null : facts.quiet_hours
      const wait = bestTimeHold(c.step, c.best_time, { now: facts.now, quiet_hours: quiet, variant: choice.variant })
      if (wait) return { send: false, variant: choice.variant, result: wait }
      const verdict = checkPressure({
        now: facts.now,
        time_zone: c.time_zone,
        last_marketing_email_at: last.get(c.contact_id) ?? null,
        frequency_cap_hours: facts.frequency_cap_hours,
        quiet_hours: facts.quiet_hours,
        bypass_frequency_cap: pressure.bypass_frequency_cap,
        bypass_quiet_hours: pressure.bypass_quiet_hours,
      })
      if (!verdict.allowed) {
        const result = pressureResult(verdict, { when_held: pressure.when_held, variant: choice.variant, time_zone: c.time_zone })
        return { send: false, variant: choice.variant, result }
      }
    }
    last.set(c.contact_id, facts.now)
    return { send: true, choice }
  })
}

/** The sent message's state as the step's result (what the one-enrollment path records). */
export function emailOutcome(
  message: { id: string; status: string; error?: string | null } | undefined,
  variant: string | null
): StepRunResult {
  const v = variant ?? undefined
  if (!message) return { outcome: "failed", reason: "no message was queued", variant: v }
  if (message.status === "suppressed") return { outcome: "skipped", reason: `suppressed: ${message.error ?? "not allowed"}`, variant: v, message_id: message.id }
  if (message.status === "failed") return { outcome: "failed", reason: message.error ?? "send failed", variant: v, message_id: message.id }
  return { outcome: "completed", variant: v, message_id: message.id, data: { status: message.status } }
}

export type FinishInput = {
  enrollment: {
    id: string
    flow_id: string
    flow_version_id: string
    contact_id: string
    step_count: number
    wait_until: Date | string | null
    definition: FlowDefinition
  }
  step_id: string
  step_type: StepType
  /** (enrollment, step, visit). */
  idempotency_key: string
  now: Date
  result: StepRunResult
  /** Control steps decide their own next step; the others go to the step's `next`. */
  next?: Next | null
}

export type Finish = {
  /** The step run to record (none while a wait_for_event or last wait holds). */
  run: StepRunRow | null
  /**
   * When the step leads straight to an `exit` step, that step's run: the
   * enrollment ends in this batch instead of being claimed again to exit.
   */
  exit_run?: StepRunRow
  /** Guarded by the step and visit the enrollment was claimed at. */
  transition: Transition
}

/**
 * What a finished step run writes: the step run under its key (a held
 * email's run gets a key of its own per attempt) and the enrollment's move,
 * stay or end. A suppressed contact exits when the flow says so.
 */
export function finishRun(f: FinishInput): Finish {
  const { enrollment: e, result, now } = f
  const guard = { id: e.id, from_step: f.step_id, from_count: e.step_count, now }
  const run = (key: string): StepRunRow => ({
    enrollment_id: e.id,
    flow_id: e.flow_id,
    flow_version_id: e.flow_version_id,
    contact_id: e.contact_id,
    step_id: f.step_id,
    step_type: f.step_type,
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
  const next = f.next && f.next.kind !== "end" ? { ...f.next, run_at: new Date(f.next.run_at) } : f.next
  if (next?.kind === "stay") {
    // wait_for_event and a last wait: the deadline is set on the first visit only.
    return { run: null, transition: { ...guard, kind: "stay", run_at: next.run_at, wait_until: e.wait_until ? null : next.run_at } }
  }
  if (result.outcome === "held") {
    const retryAt = new Date(result.retry_at ?? now.getTime() + 3_600_000)
    return { run: run(`${f.idempotency_key}:held:${now.toISOString()}`), transition: { ...guard, kind: "stay", run_at: retryAt } }
  }
  let decided: Next = next ?? afterStep(e.definition, f.step_id, now)
  const suppressed = f.step_type === "send_email" && result.outcome === "skipped" && !!result.reason?.startsWith("suppressed")
  if (suppressed && e.definition.message_pressure?.when_suppressed === "exit") {
    decided = { kind: "end", status: "exited", reason: "suppressed" }
  }
  const target = decided.kind === "move" ? e.definition.steps[decided.step] : undefined
  if (decided.kind === "move" && target?.type === "exit" && !result.context_patch && decided.run_at.getTime() <= now.getTime()) {
    // What the exit step's own visit would record: its run under that visit's key, and the end (the visit counted).
    const exitRun: StepRunRow = {
      ...run(`${e.id}:${decided.step}:${e.step_count + 1}`),
      step_id: decided.step, step_type: "exit", outcome: "completed", reason: null, branch: null, variant: null, message_id: null, data: null,
    }
    return {
      run: run(f.idempotency_key),
      exit_run: exitRun,
      transition: { ...guard, kind: "end", status: "exited", reason: `exit step ${decided.step}`, visits: 1 },
    }
  }
  const transition: Transition = decided.kind === "move"
    ? { ...guard, kind: "move", step: decided.step, run_at: decided.run_at, context_patch: result.context_patch }
    : decided.kind === "end"
      ? { ...guard, kind: "end", status: decided.status, reason: decided.reason }
      : { ...guard, kind: "stay", run_at: decided.run_at }
  return { run: run(f.idempotency_key), transition }
}
