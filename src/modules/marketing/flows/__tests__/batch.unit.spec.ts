import { decideEmails, emailOutcome, finishRun, isBatchStep } from "../batch"
import type { FlowDefinition, SendEmailStep } from "../types"

const now = new Date("2026-06-10T10:00:00Z")
const step: SendEmailStep = { type: "send_email", template_id: "mtpl_1", next: "done" } as SendEmailStep
const candidate = (id: string, contact: string, extra: Partial<Parameters<typeof decideEmails>[0][number]> = {}) => ({
  enrollment_id: id, step_id: "send", contact_id: contact, step, time_zone: "Europe/Paris", already_queued: false, ...extra,
})
const facts = { now, last_email_at: new Map<string, Date | null>(), frequency_cap_hours: 16, quiet_hours: { start: "21:00", end: "08:00" } as const }

const definition = {
  trigger: { type: "manual" }, reentry: { policy: "every_time" }, start: "send",
  steps: { send: { ...step }, done: { type: "exit" } },
} as unknown as FlowDefinition
const enrollment = { id: "mfen_1", flow_id: "mflow_1", flow_version_id: "mflv_1", contact_id: "mcon_1", step_count: 3, wait_until: null, definition }
const base = { enrollment, step_id: "send", step_type: "send_email" as const, idempotency_key: "mfen_1:send:3", now }

describe("the runner's batches", () => {
  it("takes emails and control steps that need no per-contact query", () => {
    expect(["send_email", "wait", "wait_for_event", "random_split", "exit"].every((t) => isBatchStep(t as never))).toBe(true)
    expect(["condition", "update_contact", "webhook", "create_discount"].some((t) => isBatchStep(t as never))).toBe(false)
    expect(isBatchStep(undefined)).toBe(false)
  })

  it("caps a contact's second email in one batch as if it ran after the first", () => {
    const [a, b, c] = decideEmails([candidate("mfen_a", "mcon_1"), candidate("mfen_b", "mcon_1"), candidate("mfen_c", "mcon_2")], facts)
    expect(a.send).toBe(true)
    expect(b).toMatchObject({ send: false, result: { outcome: "held", reason: "frequency_cap", retry_at: "2026-06-11T06:00:00.000Z" } })
    expect(c.send).toBe(true)
  })

  it("sends the decided A/B winner, except to a retry whose email was queued before the decision", () => {
    const ab: SendEmailStep = { ...step, variants: [{ key: "a", weight: 50 }, { key: "b", weight: 50, subject: "B" }] }
    const ids = Array.from({ length: 40 }, (_, i) => `mfen_${i}`)
    const plain = decideEmails(ids.map((id, i) => candidate(id, `mcon_${i}`, { step: ab })), facts)
    expect(new Set(plain.map((d) => d.send && d.choice.variant))).toEqual(new Set(["a", "b"]))
    const won = decideEmails(ids.map((id, i) => candidate(id, `mcon_${i}`, { step: ab, winner: "b" })), facts)
    expect(won.every((d) => d.send && d.choice.variant === "b" && d.choice.subject === "B")).toBe(true)
    const retry = decideEmails(ids.map((id, i) => candidate(id, `mcon_${i}`, { step: ab, winner: "b", already_queued: true })), facts)
    expect(retry.map((d) => d.send && d.choice.variant)).toEqual(plain.map((d) => d.send && d.choice.variant))
  })

  it("holds by an earlier email, skips when the flow says so, and lets bypasses and retries through", () => {
    const last = new Map([["mcon_1", new Date("2026-06-10T08:00:00Z")]])
    const [held] = decideEmails([candidate("mfen_a", "mcon_1")], { ...facts, last_email_at: last })
    expect(held).toMatchObject({ send: false, result: { outcome: "held", reason: "frequency_cap" } })
    const [skipped] = decideEmails([candidate("mfen_a", "mcon_1", { pressure: { when_held: "skip" } })], { ...facts, last_email_at: last })
    expect(skipped).toMatchObject({ send: false, result: { outcome: "skipped", reason: "frequency_cap" } })
    const [bypass] = decideEmails([candidate("mfen_a", "mcon_1", { pressure: { bypass_frequency_cap: true } })], { ...facts, last_email_at: last })
    expect(bypass.send).toBe(true)
    // A retried visit whose email was queued: no check (its own email would hold it).
    const [retry] = decideEmails([candidate("mfen_a", "mcon_1", { already_queued: true })], { ...facts, last_email_at: last })
    expect(retry.send).toBe(true)
    // Quiet hours in the contact's zone: 23:00 in Paris.
    const [quiet] = decideEmails([candidate("mfen_a", "mcon_3")], { ...facts, now: new Date("2026-06-10T21:00:00Z") })
    expect(quiet).toMatchObject({ send: false, result: { outcome: "held", reason: "quiet_hours", retry_at: "2026-06-11T06:00:00.000Z" } })
    // The history says when and in which zone: the run row keeps both.
    expect(quiet.send === false && quiet.result.data).toEqual({ retry_at: "2026-06-11T06:00:00.000Z", time_zone: "Europe/Paris" })
    expect(skipped.send === false && skipped.result.data).toEqual({ retry_at: "2026-06-11T06:00:00.000Z", time_zone: "Europe/Paris" })
  })

  it("holds a best-time email until the contact's best hour, once per visit, then applies quiet hours", () => {
    const best: SendEmailStep = { ...step, send_at: "best_time" }
    // Now is Wednesday 2026-06-10 12:00 in Paris (hour 60): Thursday 10:00 (hour 82) is 22 hours ahead
    const facts82 = { time_zone: "Europe/Paris", counts: { 82: 4 }, shares: null, held_before: false }
    const [held] = decideEmails([candidate("mfen_a", "mcon_1", { step: best, best_time: facts82 })], facts)
    expect(held).toEqual({
      send: false, variant: null,
      result: {
        outcome: "held", reason: "best_time", retry_at: "2026-06-11T08:00:00.000Z", variant: undefined,
        data: { retry_at: "2026-06-11T08:00:00.000Z", time_zone: "Europe/Paris", best_hour: 82, best_hour_label: "Thursday 10:00" },
      },
    })
    // Held once already: it sends when the hour comes, whatever lies 24 hours further
    const [due] = decideEmails([candidate("mfen_a", "mcon_1", { step: best, best_time: { ...facts82, held_before: true } })], facts)
    expect(due.send).toBe(true)
    // Nothing known: at once; without `send_at` the facts are ignored
    expect(decideEmails([candidate("mfen_a", "mcon_1", { step: best, best_time: { ...facts82, counts: {} } })], facts)[0].send).toBe(true)
    expect(decideEmails([candidate("mfen_a", "mcon_1", { best_time: facts82 })], facts)[0].send).toBe(true)
    // A best hour inside the quiet hours (Thursday 06:00, hour 78) is skipped: the next best in reach (09:00) is taken
    const early = { ...facts82, counts: { 78: 9, 81: 2 } }
    const [quiet] = decideEmails([candidate("mfen_a", "mcon_1", { step: best, best_time: early })], facts)
    expect(quiet).toMatchObject({ send: false, result: { reason: "best_time", retry_at: "2026-06-11T07:00:00.000Z" } })
    const [bypass] = decideEmails([candidate("mfen_a", "mcon_1", { step: best, best_time: early, pressure: { bypass_quiet_hours: true } })], facts)
    expect(bypass).toMatchObject({ send: false, result: { reason: "best_time", retry_at: "2026-06-11T04:00:00.000Z" } })
  })

  it("a holdout gets no email", () => {
    const held = { ...step, holdout_percent: 100 } as SendEmailStep
    expect(decideEmails([candidate("mfen_a", "mcon_1", { step: held })], facts)[0]).toEqual({
      send: false, variant: "holdout", result: { outcome: "skipped", reason: "holdout", variant: "holdout" },
    })
  })

  it("reads the sent message as the step's outcome", () => {
    expect(emailOutcome({ id: "mmsg_1", status: "sent" }, "b")).toEqual({ outcome: "completed", variant: "b", message_id: "mmsg_1", data: { status: "sent" } })
    expect(emailOutcome({ id: "mmsg_1", status: "suppressed", error: "unsubscribed" }, null)).toMatchObject({ outcome: "skipped", reason: "suppressed: unsubscribed" })
    expect(emailOutcome({ id: "mmsg_1", status: "failed", error: "550" }, null)).toMatchObject({ outcome: "failed", reason: "550" })
    expect(emailOutcome(undefined, null)).toMatchObject({ outcome: "failed", reason: "no message was queued" })
  })

  it("records the run under the visit's key and moves on, guarded by the claimed step and visit", () => {
    const waits = { ...enrollment, definition: { ...definition, steps: { send: { ...step, next: "pause" }, pause: { type: "wait", seconds: 60 } } } as FlowDefinition }
    const f = finishRun({ ...base, enrollment: waits, result: { outcome: "completed", message_id: "mmsg_1" } })
    expect(f.run).toMatchObject({ idempotency_key: "mfen_1:send:3", outcome: "completed", message_id: "mmsg_1", step_type: "send_email" })
    expect(f.exit_run).toBeUndefined()
    expect(f.transition).toEqual({ id: "mfen_1", from_step: "send", from_count: 3, now, kind: "move", step: "pause", run_at: now, context_patch: undefined })
    const end = finishRun({ ...base, step_id: "done", step_type: "exit", idempotency_key: "mfen_1:done:4", result: { outcome: "completed" }, next: { kind: "end", status: "exited", reason: "exit step done" } })
    expect(end.transition).toMatchObject({ kind: "end", status: "exited", reason: "exit step done", from_step: "done" })
  })

  it("a step leading straight to an exit step ends in the same batch, with the exit step's run as its own visit", () => {
    const f = finishRun({ ...base, result: { outcome: "completed", message_id: "mmsg_1" } })
    expect(f.run).toMatchObject({ idempotency_key: "mfen_1:send:3", step_id: "send", message_id: "mmsg_1" })
    expect(f.exit_run).toMatchObject({ idempotency_key: "mfen_1:done:4", step_id: "done", step_type: "exit", outcome: "completed", message_id: null, variant: null })
    expect(f.transition).toEqual({ id: "mfen_1", from_step: "send", from_count: 3, now, kind: "end", status: "exited", reason: "exit step done", visits: 1 })
    // Not when the step leaves something in the context, nor when the exit is due later (after a wait).
    expect(finishRun({ ...base, result: { outcome: "completed", context_patch: { discount: { code: "X" } } as never } }).transition.kind).toBe("move")
    const later = new Date(now.getTime() + 60_000)
    const afterWait = finishRun({ ...base, step_id: "pause", step_type: "wait", result: { outcome: "completed" }, next: { kind: "move", step: "done", run_at: later } })
    expect(afterWait.exit_run).toBeUndefined()
    expect(afterWait.transition).toMatchObject({ kind: "move", step: "done", run_at: later })
  })

  it("a held email's run has a key per attempt; a waiting step records nothing", () => {
    const held = finishRun({ ...base, result: { outcome: "held", reason: "quiet_hours", retry_at: "2026-06-11T06:00:00.000Z" } })
    expect(held.run?.idempotency_key).toBe(`mfen_1:send:3:held:${now.toISOString()}`)
    expect(held.transition).toMatchObject({ kind: "stay", run_at: new Date("2026-06-11T06:00:00.000Z") })
    const waiting = finishRun({ ...base, step_type: "wait_for_event", result: { outcome: "completed" }, next: { kind: "stay", run_at: "2026-06-12T00:00:00.000Z" as never } })
    expect(waiting.run).toBeNull()
    expect(waiting.transition).toMatchObject({ kind: "stay", run_at: new Date("2026-06-12T00:00:00.000Z"), wait_until: new Date("2026-06-12T00:00:00.000Z") })
  })

  it("a suppressed contact exits when the flow says so", () => {
    const exits = { ...enrollment, definition: { ...definition, message_pressure: { when_suppressed: "exit" } } as FlowDefinition }
    const f = finishRun({ ...base, enrollment: exits, result: { outcome: "skipped", reason: "suppressed: unsubscribed" } })
    expect(f.transition).toMatchObject({ kind: "end", status: "exited", reason: "suppressed" })
    // Otherwise it goes on (here to the flow's exit step).
    expect(finishRun({ ...base, result: { outcome: "skipped", reason: "suppressed: unsubscribed" } }).transition).toMatchObject({ kind: "end", reason: "exit step done" })
  })
})
