import { advance, afterStep, chooseEmail, conditionLeaves, holds } from "../advance"
import { nextLocalTime } from "../local-time"
import type { FlowDefinition, SendEmailStep } from "../types"

const def = (steps: FlowDefinition["steps"], start = Object.keys(steps)[0]): FlowDefinition => ({
  trigger: { type: "manual" },
  reentry: { policy: "every_time" },
  start,
  steps,
})
const now = new Date("2026-03-10T12:00:00Z")
const facts = { enrollment_id: "mfen_1", time_zone: "Europe/Paris" }

describe("advance", () => {
  it("waits a number of seconds, then moves to next", () => {
    const d = def({ w: { type: "wait", seconds: 3600, next: "s" }, s: { type: "exit" } })
    expect(advance(d, "w", facts, now)).toEqual({ kind: "move", step: "s", run_at: new Date("2026-03-10T13:00:00Z") })
  })

  it("waits until a weekday and local time", () => {
    // 2026-03-10 is a Tuesday; Thursday 09:00 in Paris (UTC+1 in March before the 29th) is 08:00Z.
    const d = def({ w: { type: "wait", until: { weekdays: [4], at: "09:00" }, next: "x" }, x: { type: "exit" } })
    expect(advance(d, "w", facts, now)).toMatchObject({ kind: "move", run_at: new Date("2026-03-12T08:00:00Z") })
  })

  it("keeps local times across DST changes", () => {
    // Paris springs forward on 2026-03-29: 09:00 is 08:00Z before and 07:00Z after.
    expect(nextLocalTime(new Date("2026-03-28T10:00:00Z"), "09:00", "Europe/Paris")).toEqual(new Date("2026-03-29T07:00:00Z"))
    expect(nextLocalTime(new Date("2026-03-27T10:00:00Z"), "09:00", "Europe/Paris")).toEqual(new Date("2026-03-28T08:00:00Z"))
    // New York falls back on 2026-11-01: 09:00 is 13:00Z before and 14:00Z after.
    expect(nextLocalTime(new Date("2026-10-31T20:00:00Z"), "09:00", "America/New_York")).toEqual(new Date("2026-11-01T14:00:00Z"))
    // A time the spring-forward skips lands just after the jump.
    expect(nextLocalTime(new Date("2026-03-29T00:00:00Z"), "02:30", "Europe/Paris")).toEqual(new Date("2026-03-29T01:30:00Z"))
  })

  it("a last wait holds the enrollment until it ends, then completes it", () => {
    const d = def({ w: { type: "wait", seconds: 3600 } })
    const until = new Date(now.getTime() + 3_600_000)
    expect(advance(d, "w", facts, now)).toEqual({ kind: "stay", run_at: until })
    expect(advance(d, "w", { ...facts, wait_until: until }, new Date(now.getTime() + 60_000))).toEqual({ kind: "stay", run_at: until })
    expect(advance(d, "w", { ...facts, wait_until: until }, until)).toEqual({ kind: "end", status: "completed", reason: "end of flow" })
  })

  it("wait_for_event: first visit sets the deadline, then yes on arrival or no on timeout", () => {
    const d = def({ w: { type: "wait_for_event", event: { type: "order_placed" }, timeout_seconds: 60, yes: "a", no: "b" }, a: { type: "exit" }, b: { type: "exit" } })
    const first = advance(d, "w", facts, now)
    expect(first).toEqual({ kind: "stay", run_at: new Date(now.getTime() + 60_000) })
    const deadline = new Date(now.getTime() + 60_000)
    expect(advance(d, "w", { ...facts, wait_until: deadline }, new Date(now.getTime() + 1000))).toEqual({ kind: "stay", run_at: deadline })
    expect(advance(d, "w", { ...facts, wait_until: deadline, event_arrived: true }, now)).toMatchObject({ step: "a", branch: "yes" })
    expect(advance(d, "w", { ...facts, wait_until: deadline }, deadline)).toMatchObject({ step: "b", branch: "no" })
  })

  it("condition: evaluates and/or/not over the leaves' answers", () => {
    const cond = { and: [{ last_email: "opened" as const }, { not: { since_entry: { event: { type: "order_placed" } } } }, { or: [{ field: "country_code", operator: "eq", value: "fr" }] }] } as any
    const leaves = conditionLeaves(cond)
    expect(leaves.map((l) => [l.path, l.kind])).toEqual([
      ["if.and.0", "last_email"],
      ["if.and.1.not", "since_entry"],
      ["if.and.2.or.0", "segment"],
    ])
    expect(holds(cond, { "if.and.0": true, "if.and.1.not": false, "if.and.2.or.0": true })).toBe(true)
    expect(holds(cond, { "if.and.0": true, "if.and.1.not": true, "if.and.2.or.0": true })).toBe(false)
    const d = def({ c: { type: "condition", if: cond, yes: "y", no: "n" }, y: { type: "exit" }, n: { type: "exit" } })
    expect(advance(d, "c", { ...facts, leaves: {} }, now)).toMatchObject({ step: "n", branch: "no" })
  })

  it("random split: proportions within tolerance over 2,000 ids, same branch on retry", () => {
    const d = def({
      r: { type: "random_split", branches: [{ key: "a", percent: 20, next: "x" }, { key: "b", percent: 30, next: "x" }, { key: "c", percent: 50, next: "x" }] },
      x: { type: "exit" },
    })
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 }
    for (let i = 0; i < 2000; i++) {
      const next = advance(d, "r", { ...facts, enrollment_id: `mfen_${i.toString(36).padStart(8, "0")}` }, now)
      if (next.kind !== "move") throw new Error("expected a move")
      counts[next.branch!]++
      expect(advance(d, "r", { ...facts, enrollment_id: `mfen_${i.toString(36).padStart(8, "0")}` }, now)).toEqual(next)
    }
    // ±3.5 points: about 4 standard deviations at n = 2,000.
    expect(Math.abs(counts.a / 2000 - 0.2)).toBeLessThan(0.035)
    expect(Math.abs(counts.b / 2000 - 0.3)).toBeLessThan(0.035)
    expect(Math.abs(counts.c / 2000 - 0.5)).toBeLessThan(0.035)
  })

  it("variants and holdout are deterministic and proportional", () => {
    const step: SendEmailStep = {
      type: "send_email", template_id: "t0", holdout_percent: 10,
      variants: [{ key: "a", weight: 50 }, { key: "b", weight: 50, template_id: "t1" }],
    }
    const counts: Record<string, number> = { holdout: 0, a: 0, b: 0 }
    for (let i = 0; i < 2000; i++) {
      const choice = chooseEmail(step, `mfen_x${i}`, "s1")
      expect(chooseEmail(step, `mfen_x${i}`, "s1")).toEqual(choice)
      counts[choice.variant!]++
      if (choice.variant === "b") expect(choice).toMatchObject({ template_id: "t1" })
    }
    expect(Math.abs(counts.holdout / 2000 - 0.1)).toBeLessThan(0.025)
    expect(Math.abs(counts.a / 2000 - 0.45)).toBeLessThan(0.035)
  })

  it("a decided A/B winner replaces the weighted pick, the holdout still applies", () => {
    const step: SendEmailStep = {
      type: "send_email", template_id: "t0", holdout_percent: 10,
      variants: [{ key: "a", weight: 50 }, { key: "b", weight: 50, template_id: "t1", subject: "B" }],
      auto_winner: { metric: "click_rate" },
    }
    let held = 0
    for (let i = 0; i < 1000; i++) {
      const before = chooseEmail(step, `mfen_x${i}`, "s1")
      const after = chooseEmail(step, `mfen_x${i}`, "s1", "b")
      if (before.holdout) {
        held++
        expect(after).toEqual(before)
      } else {
        expect(after).toEqual({ holdout: false, variant: "b", template_id: "t1", subject: "B" })
      }
      // A winner naming no variant (an edited step) is ignored
      expect(chooseEmail(step, `mfen_x${i}`, "s1", "zz")).toEqual(before)
    }
    expect(Math.abs(held / 1000 - 0.1)).toBeLessThan(0.035)
  })

  it("after an action step: next, or the end of the flow; exit exits", () => {
    const d = def({ s: { type: "send_email", template_id: "t", next: "u" }, u: { type: "update_contact" }, x: { type: "exit" } })
    expect(afterStep(d, "s", now)).toEqual({ kind: "move", step: "u", run_at: now })
    expect(afterStep(d, "u", now)).toEqual({ kind: "end", status: "completed", reason: "end of flow" })
    expect(advance(d, "x", facts, now)).toMatchObject({ kind: "end", status: "exited" })
    expect(() => advance(d, "s", facts, now)).toThrow(/not a control step/)
  })
})
