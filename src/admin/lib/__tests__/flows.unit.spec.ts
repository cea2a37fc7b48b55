import { validateFlowDefinition } from "../../../modules/marketing/flows/graph"
import { FLOW_RECIPES } from "../../../modules/marketing/flows/recipes"
import {
  TRIGGER_NODE_ID,
  canDeleteFlow,
  deletableStep,
  deleteStep,
  edgeLabel,
  insertStepAfter,
  insertStepAtStart,
  moveStep,
  splitTotal,
  stepIdOfMessage,
  flowActionsFor,
  stepNumberLines,
  stepEarningsLine,
  describeStep,
  describeTrigger,
  flowToGraph,
  formatDuration,
  layoutFlowGraph,
} from "../flows"
import type { FlowDefinition } from "../types"

const cart: FlowDefinition = {
  trigger: { type: "event", event: { type: "cart_updated", where: { field: "properties.item_count", operator: "gte", value: 1 } } },
  reentry: { policy: "once_per_days", days: 7 },
  start: "wait_1h",
  steps: {
    wait_1h: { type: "wait", seconds: 3600, next: "reminder" },
    reminder: { type: "send_email", template_id: "mtpl_1", next: "opened" },
    opened: { type: "wait_for_event", event: { type: "email_clicked" }, timeout_seconds: 86400, yes: "done", no: "split" },
    split: { type: "random_split", branches: [{ key: "a", percent: 50, next: "code" }, { key: "b", percent: 50, next: "done" }] },
    code: { type: "create_discount", kind: "percentage", value: 10, expires_in_days: 7, next: "done" },
    done: { type: "exit" },
  },
}

describe("describeTrigger", () => {
  it("says each kind of trigger in words", () => {
    expect(describeTrigger(cart.trigger)).toBe("When a contact updates a cart (filtered)")
    expect(describeTrigger({ type: "event", event: { type: "order_placed" } })).toBe("When a contact places an order")
    expect(describeTrigger({ type: "event", event: { type: "custom:quiz_done" } })).toBe('When a contact triggers "Quiz done"')
    expect(describeTrigger({ type: "segment_entered", segment_id: "mseg_1" }, { segment: () => "Champions" })).toBe(
      'When a contact enters "Champions"'
    )
    expect(describeTrigger({ type: "segment_exited", segment_id: "mseg_1" })).toBe("When a contact leaves a segment")
    expect(describeTrigger({ type: "score_threshold", score: "acquisition", threshold: 40, direction: "up" })).toBe(
      "When the acquisition score reaches 40"
    )
    expect(describeTrigger({ type: "score_threshold", score: "loyalty", threshold: 10, direction: "down" })).toBe(
      "When the loyalty score falls below 10"
    )
    expect(describeTrigger({ type: "stage_changed", to: "lead" })).toBe("When a contact becomes Lead")
    expect(describeTrigger({ type: "stage_changed", from: "lead", to: "customer" })).toBe(
      "When the lifecycle stage changes from Lead to Customer"
    )
    expect(describeTrigger({ type: "date", field: "birth_date", mode: "anniversary", at: "09:00" })).toBe(
      "Every year on their birthday at 09:00"
    )
    expect(describeTrigger({ type: "date", field: "last_order_at", mode: "after", days: 30, at: "10:00" })).toBe(
      "30 days after their last order at 10:00"
    )
    expect(describeTrigger({ type: "manual" })).toBe("Contacts or segments enrolled by hand")
  })

  it("copes with an unfinished draft", () => {
    expect(describeTrigger(undefined)).toBe("No trigger yet")
    expect(describeTrigger({} as any)).toBe("No trigger yet")
    expect(describeTrigger({ type: "event" } as any)).toBe("When an event happens")
  })

  it("has words for every recipe's trigger", () => {
    for (const recipe of FLOW_RECIPES) {
      expect(describeTrigger(recipe.definition.trigger)).not.toMatch(/No trigger|undefined/)
    }
  })
})

describe("describeStep and formatDuration", () => {
  it("formats durations with at most two units", () => {
    expect(formatDuration(3600)).toBe("1 hour")
    expect(formatDuration(90_000)).toBe("1 day 1 hour")
    expect(formatDuration(7 * 86_400 + 61)).toBe("7 days 1 minute")
    expect(formatDuration(0)).toBe("0 seconds")
  })

  it("sums up steps in a line", () => {
    expect(describeStep(cart.steps.wait_1h)).toBe("Wait 1 hour")
    expect(describeStep(cart.steps.reminder, { template: () => "Cart reminder" })).toBe('Email "Cart reminder"')
    expect(describeStep(cart.steps.opened)).toBe('Wait up to 1 day for "Email clicked"')
    expect(describeStep(cart.steps.split)).toBe("Split 50% / 50%")
    expect(describeStep(cart.steps.code)).toBe("10% code, valid 7 days")
    expect(describeStep({ type: "wait", until: { weekdays: [1, 5], at: "09:00" } })).toBe("Wait until Mon, Fri 09:00")
    expect(describeStep({ type: "webhook", url: "https://hooks.example.com/x", secret: "s" })).toBe("Webhook to hooks.example.com")
    expect(describeStep({ type: "update_contact", score: { score: "acquisition", points: 5 }, add_tags: ["vip"] })).toBe(
      "Update contact: +5 acquisition points; tag vip"
    )
  })
})

describe("flowToGraph", () => {
  it("links the trigger to the start and labels each branch", () => {
    const { nodes, edges } = flowToGraph(cart)
    expect(nodes.map((n) => n.id)).toEqual([TRIGGER_NODE_ID, ...Object.keys(cart.steps)])
    expect(edges).toContainEqual({ id: `${TRIGGER_NODE_ID}->wait_1h`, source: TRIGGER_NODE_ID, target: "wait_1h" })
    expect(edges).toContainEqual({ id: "wait_1h->reminder", source: "wait_1h", target: "reminder" })
    expect(edges).toContainEqual(expect.objectContaining({ source: "opened", target: "done", branch: "yes", label: "Happened" }))
    expect(edges).toContainEqual(expect.objectContaining({ source: "opened", target: "split", branch: "no", label: "Timed out" }))
    expect(edges).toContainEqual(expect.objectContaining({ source: "split", target: "code", branch: "a", label: "A · 50%" }))
    expect(edges.filter((e) => e.source === "done")).toEqual([])
    expect(new Set(edges.map((e) => e.id)).size).toBe(edges.length)
  })

  it("keeps two branches to one step apart, and leaves out links to missing steps", () => {
    const def = { start: "c", steps: { c: { type: "condition", if: { last_email: "opened" }, yes: "x", no: "x" }, x: { type: "exit" } } } as any
    expect(flowToGraph(def).edges.filter((e) => e.source === "c").map((e) => e.branch)).toEqual(["yes", "no"])
    const draft = { start: "w", steps: { w: { type: "wait", seconds: 60, next: "ghost" } } } as any
    expect(flowToGraph(draft).edges).toEqual([{ id: `${TRIGGER_NODE_ID}->w`, source: TRIGGER_NODE_ID, target: "w" }])
    expect(flowToGraph(undefined).nodes).toEqual([{ id: TRIGGER_NODE_ID, kind: "trigger" }])
    expect(flowToGraph({ start: "nope", steps: {} }).edges).toEqual([])
  })
})

describe("layoutFlowGraph", () => {
  const layout = (def: Partial<FlowDefinition>) => {
    const graph = flowToGraph(def)
    const nodes = layoutFlowGraph(graph)
    return { graph, at: Object.fromEntries(nodes.map((n) => [n.id, n.position])) }
  }

  it("puts every edge's target below its source, top to bottom", () => {
    const { graph, at } = layout(cart)
    for (const edge of graph.edges) expect(at[edge.target].y).toBeGreaterThan(at[edge.source].y)
    expect(at[TRIGGER_NODE_ID].y).toBe(Math.min(...Object.values(at).map((p) => p.y)))
  })

  it("spreads branches side by side without overlapping boxes", () => {
    const { at } = layout(cart)
    const boxes = Object.values(at)
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const apart = Math.abs(boxes[i].x - boxes[j].x) >= 260 || Math.abs(boxes[i].y - boxes[j].y) >= 96
        expect(apart).toBe(true)
      }
    }
  })

  it("lays out a loop through a wait and every recipe", () => {
    const loop = {
      start: "w",
      steps: { w: { type: "wait", seconds: 60, next: "c" }, c: { type: "condition", if: { last_email: "opened" }, yes: "e", no: "w" }, e: { type: "exit" } },
    } as any
    const { at } = layout(loop)
    expect(at.c.y).toBeGreaterThan(at.w.y)
    for (const recipe of FLOW_RECIPES) {
      const nodes = layoutFlowGraph(flowToGraph(recipe.definition))
      expect(nodes).toHaveLength(Object.keys(recipe.definition.steps).length + 1)
      expect(nodes.every((n) => Number.isFinite(n.position.x) && Number.isFinite(n.position.y))).toBe(true)
    }
  })

  it("is the same for the same graph", () => {
    expect(layoutFlowGraph(flowToGraph(cart))).toEqual(layoutFlowGraph(flowToGraph(cart)))
  })
})

describe("flow actions", () => {
  it("offers what the server allows in each status", () => {
    expect(flowActionsFor("draft")).toEqual(["publish", "duplicate", "archive"])
    expect(flowActionsFor("active")).toEqual(["pause", "duplicate", "archive"])
    expect(flowActionsFor("paused")).toEqual(["resume", "duplicate", "archive"])
    expect(flowActionsFor("archived")).toEqual(["duplicate"])
    expect(["draft", "active", "paused", "archived"].filter((s) => canDeleteFlow(s as any))).toEqual(["draft"])
  })
})

describe("numbers on the canvas", () => {
  const stats = { entered: 10, waiting: 2, sent: 8, opened: 4, clicked: 1, branches: { yes: 3 }, variants: { b: 4, a: 3, holdout: 1 } }

  it("writes each step's numbers, with email rates and variants", () => {
    expect(stepNumberLines(cart.steps.wait_1h, stats)).toEqual(["10 entered · 2 waiting"])
    expect(stepNumberLines(cart.steps.reminder, stats)).toEqual([
      "10 entered · 2 waiting",
      "8 sent · 4 opened (50%) · 1 clicked (13%)",
      "A 3 · B 4 · Holdout 1",
    ])
    expect(stepNumberLines(cart.steps.reminder, { ...stats, sent: 0, opened: 0, clicked: 0, variants: {}, waiting: 0 })).toEqual([
      "10 entered",
      "0 sent · 0 opened (0%) · 0 clicked (0%)",
    ])
    expect(stepNumberLines(cart.steps.wait_1h, undefined)).toEqual([])
  })

  it("writes what a send step earned, from its step report, currencies apart", () => {
    const eur = (amount: number) => new Intl.NumberFormat(undefined, { style: "currency", currency: "EUR" }).format(amount)
    const usd = (amount: number) => new Intl.NumberFormat(undefined, { style: "currency", currency: "USD" }).format(amount)
    expect(
      stepEarningsLine({ conversions: 2, revenue: [{ currency_code: "eur", amount: 240 }, { currency_code: "usd", amount: 50 }] }, "30")
    ).toBe(`Last 30 days: 2 conversions · ${eur(240)} · ${usd(50)}`)
    expect(stepEarningsLine({ conversions: 1, revenue: [{ currency_code: "eur", amount: 0 }] }, "7")).toBe("Last 7 days: 1 conversion")
    expect(stepEarningsLine({ conversions: 0, revenue: [] }, "30")).toBeNull()
    expect(stepEarningsLine(undefined, "30")).toBeNull()
  })

  it("labels branches with how many took them", () => {
    const [yes, no] = flowToGraph(cart).edges.filter((e) => e.source === "opened")
    expect(edgeLabel(yes, { opened: stats })).toBe("Happened · 3")
    expect(edgeLabel(no, { opened: stats })).toBe("Timed out · 0")
    expect(edgeLabel(no, undefined)).toBe("Timed out")
    expect(edgeLabel(flowToGraph(cart).edges[0], { opened: stats })).toBeUndefined()
  })
})

describe("editing steps", () => {
  it("inserts a step after another, on its way or on one branch", () => {
    const { definition, stepId } = insertStepAfter(cart, "wait_1h", "send_email")
    expect(stepId).toBe("send_email_1")
    expect(definition.steps.wait_1h).toMatchObject({ next: "send_email_1" })
    expect(definition.steps.send_email_1).toEqual({ type: "send_email", template_id: "", next: "reminder" })
    const onNo = insertStepAfter(cart, "opened", "wait", "no")
    expect(onNo.definition.steps.opened).toMatchObject({ yes: "done", no: "wait_1" })
    expect(onNo.definition.steps.wait_1).toMatchObject({ next: "split" })
    const onB = insertStepAfter(cart, "split", "exit", "b")
    expect((onB.definition.steps.split as any).branches[1]).toEqual({ key: "b", percent: 50, next: "exit_1" })
    expect(cart.steps.wait_1h).toMatchObject({ next: "reminder" }) // the original is untouched
    const first = insertStepAtStart(cart, "wait")
    expect(first.definition.start).toBe("wait_1")
    expect(first.definition.steps.wait_1).toMatchObject({ next: "wait_1h" })
  })

  it("deletes a step and reconnects what led to it", () => {
    const def = deleteStep(cart, "reminder")
    expect(def.steps.reminder).toBeUndefined()
    expect(def.steps.wait_1h).toMatchObject({ next: "opened" })
    expect(deleteStep(cart, "wait_1h").start).toBe("reminder")
    const noCode = deleteStep(cart, "code")
    expect((noCode.steps.split as any).branches[0].next).toBe("done")
    // An exit leads nowhere: the step before it then ends the flow.
    const last = { ...cart, steps: { ...cart.steps, code: { ...cart.steps.code, next: "end" }, end: { type: "exit" } } } as FlowDefinition
    expect(deleteStep(last, "end").steps.code).not.toHaveProperty("next")
    expect(deletableStep(cart, "opened")).toBe(false)
    expect(() => deleteStep(cart, "opened")).toThrow("part ways")
  })

  it("moves a step after another, reconnecting where it was", () => {
    // wait_1h → reminder → opened: the reminder goes first.
    const first = moveStep(cart, "reminder", null)
    expect(first.start).toBe("reminder")
    expect(first.steps.reminder).toMatchObject({ next: "wait_1h" })
    expect(first.steps.wait_1h).toMatchObject({ next: "opened" })
    // The wait goes after the discount, on the split's A branch.
    const later = moveStep(cart, "wait_1h", "code")
    expect(later.start).toBe("reminder")
    expect(later.steps.code).toMatchObject({ next: "wait_1h" })
    expect(later.steps.wait_1h).toEqual({ type: "wait", seconds: 3600, next: "done" })
    expect(Object.keys(later.steps).sort()).toEqual(Object.keys(cart.steps).sort())
    expect(cart.steps.code).toMatchObject({ next: "done" }) // the original is untouched
    // What the server checks before saving passes too.
    expect(validateFlowDefinition(cart).ok).toBe(true)
    expect(validateFlowDefinition(first)).toMatchObject({ ok: true })
    expect(validateFlowDefinition(later)).toMatchObject({ ok: true })
  })

  it("moves a step onto a branch, and a branching step whose branches meet", () => {
    const onNo = moveStep(cart, "reminder", "opened", "no")
    expect(onNo.steps.wait_1h).toMatchObject({ next: "opened" })
    expect(onNo.steps.opened).toMatchObject({ yes: "done", no: "reminder" })
    expect(onNo.steps.reminder).toMatchObject({ next: "split" })
    const onB = moveStep(cart, "code", "split", "b")
    expect((onB.steps.split as any).branches).toEqual([
      { key: "a", percent: 50, next: "done" },
      { key: "b", percent: 50, next: "code" },
    ])
    expect(onB.steps.code).toMatchObject({ next: "done" })
    // A condition whose yes and no meet keeps both, now leading to what follows its new place.
    const met = { ...cart, steps: { ...cart.steps, check: { type: "condition", if: { last_email: "opened" }, yes: "opened", no: "opened" }, reminder: { ...cart.steps.reminder, next: "check" } } } as FlowDefinition
    const moved = moveStep(met, "check", "code")
    expect(moved.steps.reminder).toMatchObject({ next: "opened" })
    expect(moved.steps.check).toMatchObject({ yes: "done", no: "done" })
    expect(moved.steps.code).toMatchObject({ next: "check" })
    // Into what followed it: reminder → check → opened becomes reminder → opened → check (on "no") → split.
    const below = moveStep(met, "check", "opened", "no")
    expect(below.steps.reminder).toMatchObject({ next: "opened" })
    expect(below.steps.opened).toMatchObject({ yes: "done", no: "check" })
    expect(below.steps.check).toMatchObject({ yes: "split", no: "split" })
    expect(validateFlowDefinition(below)).toMatchObject({ ok: true })
  })

  it("moves an exit only to where a way ends, and a last step into the middle", () => {
    const open = { ...cart, steps: { ...cart.steps, code: { type: "create_discount", kind: "percentage", value: 10, expires_in_days: 7 }, end: { type: "exit" }, reminder: { ...cart.steps.reminder, next: "end" } } } as FlowDefinition
    // reminder → end (exit); code ends its way: the exit goes there and the reminder ends.
    const moved = moveStep(open, "end", "code")
    expect(moved.steps.code).toMatchObject({ next: "end" })
    expect(moved.steps.reminder).not.toHaveProperty("next")
    expect(() => moveStep(cart, "done", "wait_1h")).toThrow("A branch leads to it")
    const linear = { ...cart, start: "wait_1h", steps: { wait_1h: { type: "wait", seconds: 60, next: "mail" }, mail: { type: "send_email", template_id: "t", next: "end" }, end: { type: "exit" } } } as FlowDefinition
    expect(() => moveStep(linear, "end", "wait_1h")).toThrow("cut off")
    const lone = { ...linear, start: "end", steps: { end: { type: "exit" }, mail: { type: "send_email", template_id: "t" } } } as FlowDefinition
    expect(() => moveStep(lone, "end", "mail")).toThrow("start nowhere")
    // The last step (no next) gets the way on of its new place.
    const endless = { ...linear, steps: { wait_1h: { type: "wait", seconds: 60, next: "mail" }, mail: { type: "send_email", template_id: "t" } } } as FlowDefinition
    expect(moveStep(endless, "mail", null)).toMatchObject({ start: "mail", steps: { mail: { next: "wait_1h" } } })
  })

  it("refuses moves that make no sense", () => {
    expect(() => moveStep(cart, "reminder", "reminder")).toThrow("after itself")
    expect(() => moveStep(cart, "reminder", "wait_1h")).toThrow("already there")
    expect(() => moveStep(cart, "wait_1h", null)).toThrow("already there")
    expect(() => moveStep(cart, "opened", "code")).toThrow("would be lost")
    expect(() => moveStep(cart, "reminder", "done")).toThrow("after an exit")
    expect(() => moveStep(cart, "reminder", "opened")).toThrow("Pick one of the step's branches")
    expect(() => moveStep(cart, "reminder", "code", "yes")).toThrow("Pick one of the step's branches")
    expect(() => moveStep(cart, "lost", null)).toThrow("No step lost")
    expect(() => moveStep(cart, "reminder", "lost")).toThrow("No step lost")
    // wait → check (yes: back to the wait): without the wait, the check would lead to itself.
    const loop = { ...cart, start: "pause", steps: { pause: { type: "wait", seconds: 60, next: "check" }, check: { type: "condition", if: { last_email: "opened" }, yes: "pause", no: "mail" }, mail: { type: "send_email", template_id: "t", next: "end" }, end: { type: "exit" } } } as FlowDefinition
    expect(validateFlowDefinition(loop)).toMatchObject({ ok: true })
    expect(() => moveStep(loop, "pause", "mail")).toThrow("no wait between them")
    // A branching step with nowhere to lead.
    const tail = { ...loop, steps: { ...loop.steps, mail: { type: "send_email", template_id: "t" }, gate: { type: "condition", if: { last_email: "opened" }, yes: "end", no: "end" }, pause: { type: "wait", seconds: 60, next: "gate" } }, start: "pause" } as FlowDefinition
    expect(() => moveStep({ ...tail, steps: { ...tail.steps, gate: { ...tail.steps.gate, yes: "check", no: "check" } } } as FlowDefinition, "gate", "mail")).toThrow("needs a step after it")
  })

  it("finds the step a server message names, and checks split totals", () => {
    expect(stepIdOfMessage("Invalid request: definition.steps.lost: cannot be reached from the start step (step lost)")).toBe("lost")
    expect(stepIdOfMessage("Invalid request: definition.steps.split.branches: percents must add up to 100")).toBe("split")
    expect(stepIdOfMessage("Invalid request: definition.trigger.type: unknown")).toBeNull()
    expect(splitTotal({ type: "random_split", branches: [{ key: "a", percent: 50, next: "x" }, { key: "b", percent: 40, next: "x" }] })).toBe(90)
  })
})
