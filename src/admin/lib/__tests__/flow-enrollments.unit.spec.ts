import {
  describeEnrollmentEnd,
  describeStepRun,
  enrollmentStatusLabel,
  formatZonedTime,
  scheduleTime,
  segmentEnrollmentWords,
  stepLabel,
  stepLabelIn,
  suppressionWords,
} from "../flows"
import { formatAmount, formatDateTime } from "../format"
import type { FlowDefinition, FlowStepRun } from "../types"

const run = (fields: Partial<FlowStepRun>): FlowStepRun => ({
  id: "mfsr_1",
  step_id: "send",
  step_type: "send_email",
  outcome: "completed",
  reason: null,
  branch: null,
  variant: null,
  message_id: null,
  data: null,
  started_at: "2026-06-10T21:00:00.000Z",
  finished_at: "2026-06-10T21:00:00.000Z",
  ...fields,
})

const definition: Partial<FlowDefinition> = {
  start: "wait_1",
  steps: {
    wait_1: { type: "wait", seconds: 3600, next: "leave" },
    leave: { type: "exit", name: "Leave quietly" },
  },
}

describe("formatZonedTime", () => {
  it("gives the time in the zone, with the day when it is not the day the run started there", () => {
    // 23:00 in Paris on the 10th; 08:00 the next morning.
    expect(formatZonedTime("2026-06-11T06:00:00Z", "Europe/Paris", "2026-06-10T21:00:00Z")).toBe("Thu 11 Jun, 08:00 Europe/Paris")
    // 01:00 in Paris on the 11th already: the same day.
    expect(formatZonedTime("2026-06-11T06:00:00Z", "Europe/Paris", "2026-06-10T23:00:00Z")).toBe("08:00 Europe/Paris")
    expect(formatZonedTime("2026-06-11T06:00:00Z", "Not/AZone", "2026-06-11T01:00:00Z")).toBe("06:00 UTC")
  })
})

describe("describeStepRun", () => {
  it("says what held an email and until when, in the contact's zone", () => {
    const held = run({ outcome: "held", reason: "quiet_hours", started_at: "2026-06-10T23:30:00Z", data: { retry_at: "2026-06-11T06:00:00Z", time_zone: "Europe/Paris" } })
    expect(describeStepRun(held)).toBe("held by quiet hours until 08:00 Europe/Paris")
    expect(describeStepRun({ ...held, reason: "frequency_cap" })).toBe("held by the frequency cap until 08:00 Europe/Paris")
    expect(describeStepRun({ ...held, reason: "best_time" })).toBe("held for the contact's best time until 08:00 Europe/Paris")
    // Rows written before the time was kept: the reason alone.
    expect(describeStepRun({ ...held, data: null })).toBe("held by quiet hours")
    expect(describeStepRun(run({ step_type: "webhook", outcome: "held", reason: "HTTP 503" }))).toBe("held: HTTP 503")
  })

  it("says why a step was skipped in the owner's words", () => {
    expect(describeStepRun(run({ outcome: "skipped", reason: "suppressed: email consent denied" }))).toBe("skipped: unsubscribed")
    expect(describeStepRun(run({ outcome: "skipped", reason: 'suppressed: opted out of topic "news"' }))).toBe('skipped: opted out of "news"')
    expect(describeStepRun(run({ outcome: "skipped", reason: "suppressed: address suppressed (manual)" }))).toBe("skipped: address suppressed (manual)")
    expect(describeStepRun(run({ outcome: "skipped", reason: "holdout", variant: "holdout" }))).toBe("skipped: in the holdout group")
    expect(describeStepRun(run({ step_type: "customer_group", outcome: "skipped", reason: "no_customer" }))).toBe("skipped: not a Medusa customer")
    expect(describeStepRun(run({ outcome: "skipped", reason: "quiet_hours" }))).toBe("skipped: quiet hours")
    expect(describeStepRun(run({ outcome: "skipped", reason: null }))).toBe("skipped: no reason given")
  })

  it("says what a finished step did, by step type", () => {
    expect(describeStepRun(run({ data: { status: "sent" }, variant: "b" }))).toBe("email sent (variant B)")
    expect(describeStepRun(run({ data: { status: "queued" } }))).toBe("email queued")
    expect(describeStepRun(run({ step_type: "wait", data: { until: "2026-06-11T21:00:00Z" } }))).toBe(
      `waiting until ${formatDateTime("2026-06-11T21:00:00Z")}`
    )
    expect(describeStepRun(run({ step_type: "condition", branch: "no" }))).toBe("condition not met: no branch")
    expect(describeStepRun(run({ step_type: "condition", branch: "yes" }))).toBe("condition met: yes branch")
    expect(describeStepRun(run({ step_type: "wait_for_event", branch: "no" }))).toBe("timed out waiting")
    expect(describeStepRun(run({ step_type: "random_split", branch: "a" }))).toBe("split: branch a")
    expect(describeStepRun(run({ step_type: "create_discount", data: { code: "WELCOME-7QX", created: true } }))).toBe("code WELCOME-7QX created")
    expect(describeStepRun(run({ step_type: "webhook", data: { status: 204 } }))).toBe("webhook answered 204")
    expect(describeStepRun(run({ step_type: "exit" }))).toBe("left the flow")
    expect(describeStepRun(run({ outcome: "failed", reason: "send failed" }))).toBe("failed: send failed")
  })
})

describe("describeEnrollmentEnd", () => {
  const ended = { end_reason: null, conversion_order_id: null, conversion_amount: null, conversion_currency_code: null }

  it("names the converting order and its amount", () => {
    const converted = {
      ...ended, status: "converted", end_reason: "goal", conversion_order_id: "order_1",
      conversion_order_display_id: 1043, conversion_amount: 82.5, conversion_currency_code: "eur",
    }
    expect(describeEnrollmentEnd(converted)).toBe(`converted: order #1043, ${formatAmount(82.5, "eur")}`)
    expect(formatAmount(82.5, "eur")).toContain("82.50")
    expect(describeEnrollmentEnd({ ...converted, conversion_order_display_id: null })).toBe(`converted: an order, ${formatAmount(82.5, "eur")}`)
    expect(describeEnrollmentEnd({ ...ended, status: "converted", end_reason: "goal" })).toBe("converted: reached the goal")
  })

  it("says why the contact left, naming the exit step", () => {
    expect(describeEnrollmentEnd({ ...ended, status: "active" })).toBeNull()
    expect(describeEnrollmentEnd({ ...ended, status: "completed", end_reason: "end of flow" })).toBe("completed: reached the end of the flow")
    expect(describeEnrollmentEnd({ ...ended, status: "exited", end_reason: "exit step leave" }, definition)).toBe("exited at Leave quietly")
    expect(describeEnrollmentEnd({ ...ended, status: "exited", end_reason: "suppressed" })).toBe("exited: can no longer be emailed")
    expect(describeEnrollmentEnd({ ...ended, status: "exited", end_reason: "archived" })).toBe("exited: the flow was archived")
    expect(describeEnrollmentEnd({ ...ended, status: "failed", end_reason: "step crashed" })).toBe("failed: step crashed")
  })
})

describe("steps and statuses", () => {
  it("names a step by its name, else its kind and id", () => {
    expect(stepLabel({ id: "hold", type: "wait", name: "Give it a day" })).toBe("Give it a day")
    expect(stepLabel({ id: "wait_1", type: "wait", name: null })).toBe("Wait (wait_1)")
    expect(stepLabel({ id: "gone", type: null })).toBe("gone")
    expect(stepLabelIn(definition, "wait_1")).toBe("Wait (wait_1)")
    expect(stepLabelIn(undefined, "wait_1")).toBe("wait_1")
  })

  it("labels statuses and suppression reasons", () => {
    expect(enrollmentStatusLabel("active")).toBe("In the flow")
    expect(enrollmentStatusLabel("converted")).toBe("Converted")
    expect(suppressionWords("suppressed: address hard-bounced")).toBe("the address bounced")
  })
})

describe("enrolling a segment", () => {
  const now = new Date("2026-06-10T10:00:00Z")

  it("reads the picked local time as an ISO time later than now", () => {
    const later = new Date(now.getTime() + 3_600_000)
    const local = `${later.getFullYear()}-${String(later.getMonth() + 1).padStart(2, "0")}-${String(later.getDate()).padStart(2, "0")}T${String(later.getHours()).padStart(2, "0")}:${String(later.getMinutes()).padStart(2, "0")}`
    expect(scheduleTime(local, now)).toEqual({ at: later.toISOString() })
    expect(scheduleTime("", now)).toEqual({ error: "Pick a date and time" })
    expect(scheduleTime("tomorrow", now)).toEqual({ error: "Not a date and time" })
    expect(scheduleTime("2026-06-09T10:00", now)).toEqual({ error: "Pick a time later than now" })
  })

  it("shows the count before confirming, now or at a later time", () => {
    expect(segmentEnrollmentWords(1042)).toEqual({ count: "1,042 contacts will be enrolled now.", action: "Enroll 1,042 contacts" })
    expect(segmentEnrollmentWords(1).action).toBe("Enroll 1 contact")
    expect(segmentEnrollmentWords(0).action).toBe("Enroll")
    const at = "2026-06-12T07:30:00.000Z"
    expect(segmentEnrollmentWords(3, at)).toEqual({
      count: `3 contacts in the segment now; its members at ${formatDateTime(at)} will be enrolled.`,
      action: `Schedule for ${formatDateTime(at)}`,
    })
  })
})
