import { reactionsTo, triggerFires, type EnrollmentRef } from "../reactions"
import type { FlowDefinition } from "../types"

const now = new Date("2026-06-10T10:00:00Z")
const event = (type: string, properties: Record<string, unknown> = {}, id = "mevt_1") => ({
  kind: "event" as const,
  event: { id, type, properties, occurred_at: now.toISOString() },
})
const def = (extra: Partial<FlowDefinition>): FlowDefinition => ({
  trigger: { type: "manual" }, reentry: { policy: "every_time" }, start: "w",
  steps: { w: { type: "wait_for_event", event: { type: "email_clicked" }, timeout_seconds: 60, yes: "x", no: "x" }, x: { type: "exit" } },
  ...extra,
})
const enrollment = (d: FlowDefinition, over: Partial<EnrollmentRef> = {}): EnrollmentRef => ({
  id: "mfen_1", flow_id: "mflow_1", current_step_id: "w", wait_until: now, converted_at: null, definition: d, ...over,
})

describe("flow reactions", () => {
  it("an event trigger fires on its type and property filters only", () => {
    const trigger = { type: "event" as const, event: { type: "cart_updated", where: { field: "properties.item_count", operator: "gt" as const, value: 0 } } }
    expect(triggerFires(trigger, event("cart_updated", { item_count: 2 }), now)).toBe(true)
    expect(triggerFires(trigger, event("cart_updated", { item_count: 0 }), now)).toBe(false)
    expect(triggerFires(trigger, event("order_placed", { item_count: 2 }), now)).toBe(false)
    expect(triggerFires({ type: "stage_changed", to: "customer" }, { kind: "stage_changed", from: "lead", to: "customer", at: "t" }, now)).toBe(true)
    expect(triggerFires({ type: "segment_entered", segment_id: "mseg_1" }, { kind: "segment_exited", segment_id: "mseg_1", at: "t" }, now)).toBe(false)
  })

  it("enrolls with the occurrence's id and what it carries", () => {
    const flows = [{ id: "mflow_9", definition: def({ trigger: { type: "event", event: { type: "cart_updated" } } }) }]
    const r = reactionsTo(event("cart_updated", { cart_id: "cart_1" }, "mevt_7"), [], flows, now)
    expect(r.enroll).toEqual([{ flow_id: "mflow_9", occurrence: "mevt_7", context: { event_id: "mevt_7", cart_id: "cart_1" } }])
  })

  it("a goal converts with the order's id, amount and currency, and stops the enrollment unless continue_after", () => {
    const goal = def({ goal: { event: { type: "order_placed" } } })
    const order = event("order_placed", { order_id: "order_1", total: 80, currency_code: "eur" })
    expect(reactionsTo(order, [enrollment(goal)], [], now).convert).toEqual([
      { id: "mfen_1", stop: true, order_id: "order_1", amount: 80, currency_code: "eur" },
    ])
    const going = def({ goal: { event: { type: "order_placed" }, continue_after: true }, exit_conditions: [{ event: { type: "order_placed" } }] })
    const r = reactionsTo(order, [enrollment(going)], [], now)
    expect(r.convert[0].stop).toBe(false)
    expect(r.exit).toEqual(["mfen_1"])
    expect(reactionsTo(order, [enrollment(goal, { converted_at: now })], [], now).convert).toEqual([])
  })

  it("an event recorded before the enrollment (the one that enrolled it) is not its goal, exit or awaited event", () => {
    const d = def({ goal: { event: { type: "order_placed" } }, exit_conditions: [{ event: { type: "email_clicked" } }] })
    const at = (o: ReturnType<typeof event>, recorded_at: string) => ({ ...o, event: { ...o.event, recorded_at } })
    const e = enrollment(d, { created_at: "2026-06-10T10:00:00.000Z" })
    const order = event("order_placed", { order_id: "order_1", total: 80, currency_code: "eur" })
    expect(reactionsTo(at(order, "2026-06-10T09:59:59.000Z"), [e], [], now).convert).toEqual([])
    expect(reactionsTo(at(order, "2026-06-10T10:00:01.000Z"), [e], [], now).convert).toHaveLength(1)
    const click = event("email_clicked")
    expect(reactionsTo(at(click, "2026-06-10T09:59:59.000Z"), [e], [], now)).toMatchObject({ exit: [], wake: [] })
    expect(reactionsTo(at(click, "2026-06-10T10:00:01.000Z"), [e], [], now).exit).toEqual(["mfen_1"])
    // Made by an earlier event of the same batch: the batch's later events apply.
    expect(reactionsTo(at(order, "2026-06-10T09:59:59.000Z"), [e], [], now, new Set(["mfen_1"])).convert).toHaveLength(1)
  })

  it("segment goals and exits; a waiting wait_for_event wakes on its event only while waiting", () => {
    const d = def({ goal: { segment_entered: "mseg_buyers" }, exit_conditions: [{ segment_exited: "mseg_news" }] })
    expect(reactionsTo({ kind: "segment_entered", segment_id: "mseg_buyers", at: "t" }, [enrollment(d)], [], now).convert).toHaveLength(1)
    expect(reactionsTo({ kind: "segment_exited", segment_id: "mseg_news", at: "t" }, [enrollment(d)], [], now).exit).toEqual(["mfen_1"])
    expect(reactionsTo(event("email_clicked"), [enrollment(d)], [], now).wake).toEqual(["mfen_1"])
    expect(reactionsTo(event("email_clicked"), [enrollment(d, { wait_until: null })], [], now).wake).toEqual([])
    expect(reactionsTo(event("email_opened"), [enrollment(d)], [], now).wake).toEqual([])
  })
})
