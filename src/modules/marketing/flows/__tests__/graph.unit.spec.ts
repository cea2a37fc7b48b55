import { FLOW_RECIPES } from "../recipes"
import { flowReferences, mapFlowReferences, validateFlowDefinition, type FlowValidationError } from "../graph"
import type { FlowDefinition } from "../types"

/** A flow using every runnable step type, every trigger-side section and both condition extras. */
const bigFlow = (): any => ({
  trigger: {
    type: "event",
    event: { type: "cart_updated", where: { and: [{ field: "properties.total", operator: "gte", value: 20 }] } },
  },
  entry_filter: { and: [{ field: "country_code", operator: "eq", value: "fr" }, { not: { segment: "mseg_vip" } }] },
  reentry: { policy: "once_per_days", days: 30 },
  goal: { event: { type: "order_placed" }, continue_after: false },
  exit_conditions: [{ event: { type: "email_unsubscribed" } }, { segment_entered: "mseg_blocked" }, { segment_exited: "mseg_fr" }],
  message_pressure: { bypass_frequency_cap: true, bypass_quiet_hours: false, when_held: "delay", when_suppressed: "exit" },
  start: "wait_1",
  steps: {
    wait_1: { type: "wait", name: "One hour", seconds: 3600, next: "send_1" },
    send_1: {
      type: "send_email",
      template_id: "mtpl_a",
      topic: "offers",
      products: { strategy: "recently_viewed", limit: 3 },
      variants: [{ key: "a", weight: 50 }, { key: "b", weight: 50, template_id: "mtpl_b", subject: "Still thinking?" }],
      holdout_percent: 10,
      auto_winner: { metric: "click_rate", confidence: 0.9, min_sample: 200 },
      send_at: "best_time",
      next: "ask",
    },
    ask: { type: "wait_for_event", event: { type: "email_clicked" }, timeout_seconds: 86400, yes: "score", no: "cond" },
    cond: {
      type: "condition",
      if: { or: [{ last_email: "opened" }, { since_entry: { event: { type: "product_viewed" } } }, { customer_group: "cusgroup_1" }] },
      yes: "split",
      no: "weekday",
    },
    weekday: { type: "wait", until: { weekdays: [1, 2, 3, 4, 5], at: "09:30" }, next: "ask" },
    split: { type: "random_split", branches: [{ key: "a", percent: 30, next: "score" }, { key: "b", percent: 70, next: "bye" }] },
    score: {
      type: "update_contact",
      score: { score: "acquisition", points: 5 },
      set: [{ field: "city", value: "Paris" }],
      add_tags: ["warm"],
      remove_tags: ["cold"],
      next: "bye",
    },
    bye: { type: "exit" },
  },
})

const check = (def: unknown): FlowValidationError[] => {
  const result = validateFlowDefinition(def)
  return result.ok ? [] : result.errors
}
const withSteps = (steps: Record<string, unknown>, start = Object.keys(steps)[0]) => ({ ...bigFlow(), start, steps })
const find = (errors: FlowValidationError[], path: string) => errors.find((e) => e.path === path)

describe("validateFlowDefinition", () => {
  it("accepts a big valid flow and returns it typed", () => {
    const result = validateFlowDefinition(bigFlow())
    expect(result).toEqual({ ok: true, definition: bigFlow() })
  })

  it("accepts every trigger type and reentry policy", () => {
    const triggers = [
      { type: "segment_entered", segment_id: "mseg_1" },
      { type: "segment_exited", segment_id: "builtin:rfm:champions" },
      { type: "score_threshold", score: "loyalty", threshold: 50, direction: "up" },
      { type: "stage_changed", from: "lead", to: "customer" },
      { type: "stage_changed", to: "vip" },
      { type: "date", field: "birth_date", mode: "anniversary", at: "10:00" },
      { type: "date", field: "first_order_at", mode: "after", days: 30, at: "08:15" },
      { type: "date", field: "expected_next_order_at", mode: "before", days: 3, at: "09:00" },
      { type: "manual" },
      { type: "event", event: { type: "custom:webinar_signup", where: { field: "properties.topic", operator: "eq", value: "x" } } },
    ]
    for (const trigger of triggers) expect(check({ ...bigFlow(), trigger })).toEqual([])
    for (const reentry of [{ policy: "once" }, { policy: "every_time" }, { policy: "once_per_days", days: 3650 }]) {
      expect(check({ ...bigFlow(), reentry })).toEqual([])
    }
  })

  it("refuses what is not a definition, and unknown top-level keys", () => {
    expect(check(null)).toEqual([{ path: "", message: "must be a flow definition object" }])
    expect(check([])).toHaveLength(1)
    expect(find(check({ ...bigFlow(), colour: "red" }), "colour")?.message).toBe("is not a known key")
    const missing = check({ start: "a", steps: { a: { type: "exit" } } })
    expect(find(missing, "trigger")?.message).toBe("must be an object")
    expect(find(missing, "reentry")).toBeDefined()
  })

  it("names bad trigger fields, event filters through the condition-tree validator", () => {
    const bad = (trigger: unknown) => check({ ...bigFlow(), trigger })
    expect(find(bad({ type: "party" }), "trigger.type")).toBeDefined()
    expect(find(bad({ type: "event", event: { type: "nope" } }), "trigger.event.type")?.message).toContain("unknown event type")
    const where = bad({ type: "event", event: { type: "cart_updated", where: { and: [{ field: "properties.total", operator: "contains", value: 1 }] } } })
    expect(find(where, "trigger.event.where.and[0].operator")?.message).toContain("does not apply")
    expect(find(bad({ type: "event", event: { type: "cart_updated", where: { field: "properties.colour", operator: "eq", value: "x" } } }), "trigger.event.where.field")).toBeDefined()
    expect(find(bad({ type: "segment_entered", segment_id: "" }), "trigger.segment_id")).toBeDefined()
    expect(find(bad({ type: "segment_entered", segment_id: "mseg_1", extra: 1 }), "trigger.extra")).toBeDefined()
    expect(find(bad({ type: "score_threshold", score: "fun", threshold: "10", direction: "sideways" }), "trigger.score")).toBeDefined()
    expect(find(bad({ type: "score_threshold", score: "loyalty", threshold: "10", direction: "up" }), "trigger.threshold")).toBeDefined()
    expect(find(bad({ type: "score_threshold", score: "loyalty", threshold: 1, direction: "sideways" }), "trigger.direction")).toBeDefined()
    expect(find(bad({ type: "stage_changed", from: "king" }), "trigger.from")).toBeDefined()
    expect(find(bad({ type: "stage_changed", from: "lead", to: "lead" }), "trigger.to")).toBeDefined()
    expect(find(bad({ type: "date", field: "birth_date", mode: "anniversary", at: "25:00" }), "trigger.at")).toBeDefined()
    expect(find(bad({ type: "date", field: "birth_date", mode: "anniversary", at: "9:00" }), "trigger.at")).toBeDefined()
    expect(find(bad({ type: "date", field: "wedding", mode: "after", days: 0, at: "09:00" }), "trigger.field")).toBeDefined()
    expect(find(bad({ type: "date", field: "birth_date", mode: "after", days: 0, at: "09:00" }), "trigger.days")).toBeDefined()
    expect(find(bad({ type: "date", field: "birth_date", mode: "anniversary", days: 3, at: "09:00" }), "trigger.days")?.message).toBe("is not a known key")
    expect(find(bad({ type: "manual", segment_id: "x" }), "trigger.segment_id")).toBeDefined()
    // "before" needs a date still to come: only the predicted next order, which takes nothing else.
    expect(find(bad({ type: "date", field: "birth_date", mode: "before", days: 3, at: "09:00" }), "trigger.mode")?.message).toContain("expected_next_order_at only")
    expect(find(bad({ type: "date", field: "expected_next_order_at", mode: "after", days: 3, at: "09:00" }), "trigger.mode")?.message).toContain("takes mode before")
    expect(find(bad({ type: "date", field: "expected_next_order_at", mode: "anniversary", at: "09:00" }), "trigger.mode")).toBeDefined()
    expect(find(bad({ type: "date", field: "expected_next_order_at", mode: "before", at: "09:00" }), "trigger.days")).toBeDefined()
  })

  it("names bad entry filter, reentry, goal, exits and message pressure fields", () => {
    const base = bigFlow()
    expect(find(check({ ...base, entry_filter: { and: [{ field: "age", operator: "eq", value: 3 }] } }), "entry_filter.and[0].field")).toBeDefined()
    expect(find(check({ ...base, entry_filter: { last_email: "opened" } }), "entry_filter.last_email")).toBeDefined()
    expect(find(check({ ...base, reentry: { policy: "once_per_days", days: 3651 } }), "reentry.days")).toBeDefined()
    expect(find(check({ ...base, reentry: { policy: "once_per_days" } }), "reentry.days")).toBeDefined()
    expect(find(check({ ...base, reentry: { policy: "once", days: 3 } }), "reentry.days")?.message).toBe("is not a known key")
    expect(find(check({ ...base, reentry: { policy: "sometimes" } }), "reentry.policy")).toBeDefined()
    expect(find(check({ ...base, goal: { event: { type: "order_placed" }, segment_entered: "x" } }), "goal")).toBeDefined()
    expect(find(check({ ...base, goal: { event: { type: "order_placed" }, continue_after: "yes" } }), "goal.continue_after")).toBeDefined()
    expect(find(check({ ...base, goal: { segment_exited: "x" } }), "goal.segment_exited")).toBeDefined()
    expect(find(check({ ...base, exit_conditions: [{ event: { type: "bogus" } }] }), "exit_conditions[0].event.type")).toBeDefined()
    expect(find(check({ ...base, exit_conditions: {} }), "exit_conditions")).toBeDefined()
    expect(find(check({ ...base, message_pressure: { when_held: "later" } }), "message_pressure.when_held")).toBeDefined()
    expect(find(check({ ...base, message_pressure: { bypass_quiet_hours: 1 } }), "message_pressure.bypass_quiet_hours")).toBeDefined()
    expect(find(check({ ...base, message_pressure: { loud: true } }), "message_pressure.loud")).toBeDefined()
  })

  it("names each bad step field with the step's id", () => {
    const one = (step: Record<string, unknown>) => check(withSteps({ s: step }))
    const at = (step: Record<string, unknown>, path: string) => {
      const e = find(one(step), `steps.s.${path}`)
      expect({ path, found: !!e, step_id: e?.step_id }).toEqual({ path, found: true, step_id: "s" })
    }
    at({ type: "wait", seconds: 0 }, "seconds")
    at({ type: "wait", seconds: 365 * 86400 + 1 }, "seconds")
    at({ type: "wait", seconds: 1.5 }, "seconds")
    expect(find(one({ type: "wait" }), "steps.s")?.message).toBe("must have either seconds or until")
    at({ type: "wait", until: { at: "07:60" } }, "until.at")
    at({ type: "wait", until: { at: "07:00", weekdays: [0] } }, "until.weekdays[0]")
    at({ type: "wait", until: { at: "07:00", weekdays: [8] } }, "until.weekdays[0]")
    at({ type: "wait", until: { at: "07:00", weekdays: [1, 1] } }, "until.weekdays")
    at({ type: "wait", seconds: 60, colour: 1 }, "colour")
    at({ type: "send_email" }, "template_id")
    at({ type: "send_email", template_id: "t", topic: "Bad Topic" }, "topic")
    at({ type: "send_email", template_id: "t", products: { strategy: "random" } }, "products.strategy")
    at({ type: "send_email", template_id: "t", products: { strategy: "bestsellers", limit: 50 } }, "products.limit")
    at({ type: "send_email", template_id: "t", holdout_percent: 51 }, "holdout_percent")
    at({ type: "send_email", template_id: "t", send_at: "soon" }, "send_at")
    at({ type: "send_email", template_id: "t", send_at: true }, "send_at")
    at({ type: "send_email", template_id: "t", variants: [{ key: "a", weight: 100 }] }, "variants")
    at({ type: "send_email", template_id: "t", variants: [1, 2, 3, 4, 5].map((i) => ({ key: `v${i}`, weight: 20 })) }, "variants")
    at({ type: "send_email", template_id: "t", variants: [{ key: "a", weight: 50 }, { key: "b", weight: 40 }] }, "variants")
    at({ type: "send_email", template_id: "t", variants: [{ key: "a", weight: 50 }, { key: "a", weight: 50 }] }, "variants[1].key")
    at({ type: "send_email", template_id: "t", variants: [{ key: "a", weight: 50 }, { key: "b", weight: 50, body: "x" }] }, "variants[1].body")
    const ab = [{ key: "a", weight: 50 }, { key: "b", weight: 50 }]
    at({ type: "send_email", template_id: "t", auto_winner: { metric: "click_rate" } }, "auto_winner")
    at({ type: "send_email", template_id: "t", variants: ab, auto_winner: { metric: "open_rate" } }, "auto_winner.metric")
    at({ type: "send_email", template_id: "t", variants: ab, auto_winner: { metric: "click_rate", confidence: 0.5 } }, "auto_winner.confidence")
    at({ type: "send_email", template_id: "t", variants: ab, auto_winner: { metric: "click_rate", confidence: 1 } }, "auto_winner.confidence")
    at({ type: "send_email", template_id: "t", variants: ab, auto_winner: { metric: "click_rate", min_sample: 10 } }, "auto_winner.min_sample")
    at({ type: "send_email", template_id: "t", variants: ab, auto_winner: { metric: "click_rate", min_sample: 500.5 } }, "auto_winner.min_sample")
    at({ type: "send_email", template_id: "t", variants: ab, auto_winner: { metric: "click_rate", after: 1 } }, "auto_winner.after")
    at({ type: "send_email", template_id: "t", variants: ab, auto_winner: "click_rate" }, "auto_winner")
    at({ type: "wait_for_event", event: { type: "order_placed" }, timeout_seconds: 0, yes: "s", no: "s" }, "timeout_seconds")
    at({ type: "wait_for_event", event: { type: "x" }, timeout_seconds: 60, yes: "s", no: "s" }, "event.type")
    at({ type: "condition", if: { field: "age", operator: "eq", value: 1 }, yes: "s", no: "s" }, "if.field")
    at({ type: "condition", if: { last_email: "read" }, yes: "s", no: "s" }, "if.last_email")
    at({ type: "condition", if: { and: [{ since_entry: { event: { type: "nope" } } }] }, yes: "s", no: "s" }, "if.and[0].since_entry.event.type")
    at({ type: "condition", if: { since_entry: { event: { type: "order_placed" } }, last_email: "opened" }, yes: "s", no: "s" }, "if.last_email")
    at({ type: "random_split", branches: [{ key: "a", percent: 100, next: "s" }] }, "branches")
    at({ type: "random_split", branches: [{ key: "a", percent: 50, next: "s" }, { key: "b", percent: 40, next: "s" }] }, "branches")
    at({ type: "update_contact", score: { score: "acquisition", points: 0 } }, "score.points")
    at({ type: "update_contact", set: [{ field: "email", value: "x@y.z" }] }, "set[0].field")
    at({ type: "update_contact", add_tags: ["a,b"] }, "add_tags[0]")
    expect(find(one({ type: "update_contact" }), "steps.s")?.message).toContain("must change something")
    at({ type: "teleport" }, "type")
    expect(find(check(withSteps({ "bad id!": { type: "exit" } })), "steps.bad id!")?.step_id).toBe("bad id!")
  })

  it("checks the fields of the action step types", () => {
    const steps = {
      g: { type: "customer_group", action: "join", customer_group_id: "cusgroup_1", next: "d" },
      d: { type: "create_discount", kind: "fixed", value: 5, expires_in_days: 400, next: "w" },
      w: { type: "webhook", url: "ftp://x", secret: "s", timeout_ms: 10, next: "n" },
      n: { type: "notify_team", email: "nobody", next: "o" },
      o: { type: "assign_owner", user_ids: [], mode: "fixed" },
    }
    const errors = check(withSteps(steps))
    for (const path of ["g.action", "d.currency_code", "d.expires_in_days", "w.url", "w.timeout_ms", "n.email", "o.user_ids"]) {
      expect(find(errors, `steps.${path}`)).toBeDefined()
    }
    // Every step type of the definition runs now: none is refused as such.
    for (const id of Object.keys(steps)) expect(find(errors, `steps.${id}.type`)).toBeUndefined()
  })

  describe("graph", () => {
    it("needs a start naming a step", () => {
      expect(find(check({ ...bigFlow(), start: undefined }), "start")?.message).toContain("is missing")
      expect(find(check({ ...bigFlow(), start: "nowhere" }), "start")?.message).toContain("names no step")
    })

    it("names a target that does not exist, on every kind of branch", () => {
      const errors = check(
        withSteps({
          a: { type: "wait", seconds: 60, next: "ghost1" },
          b: { type: "condition", if: { last_email: "opened" }, yes: "ghost2", no: "a" },
          c: { type: "random_split", branches: [{ key: "x", percent: 50, next: "ghost3" }, { key: "y", percent: 50, next: "a" }] },
        })
      )
      expect(find(errors, "steps.a.next")).toEqual({ path: "steps.a.next", message: 'leads to a step that does not exist ("ghost1")', step_id: "a" })
      expect(find(errors, "steps.b.yes")?.step_id).toBe("b")
      expect(find(errors, "steps.c.branches[0].next")?.step_id).toBe("c")
    })

    it("says a branch with no step yet (an empty target) leads nowhere", () => {
      const errors = check(withSteps({ b: { type: "condition", if: { last_email: "opened" }, yes: "", no: "" } }))
      expect(find(errors, "steps.b.no")).toEqual({ path: "steps.b.no", message: "leads nowhere yet: add a step on this branch", step_id: "b" })
    })

    it("names steps that cannot be reached", () => {
      const errors = check(withSteps({ a: { type: "wait", seconds: 60 }, lost: { type: "exit" } }))
      expect(errors).toEqual([{ path: "steps.lost", message: "cannot be reached from the start step", step_id: "lost" }])
    })

    it("names a missing branch", () => {
      const errors = check(
        withSteps({
          c: { type: "condition", if: { last_email: "clicked" }, yes: "e" },
          w: { type: "wait_for_event", event: { type: "order_placed" }, timeout_seconds: 60, no: "e" },
          s: { type: "random_split", branches: [{ key: "x", percent: 50 }, { key: "y", percent: 50, next: "e" }] },
          e: { type: "exit" },
        }, "c")
      )
      expect(find(errors, "steps.c.no")).toMatchObject({ step_id: "c", message: expect.stringContaining("is missing") })
      expect(find(errors, "steps.w.yes")).toMatchObject({ step_id: "w", message: expect.stringContaining("is missing") })
      expect(find(errors, "steps.s.branches[0].next")).toMatchObject({ step_id: "s", message: expect.stringContaining("is missing") })
    })

    it("refuses a loop without a wait, and accepts one with a wait or a wait for an event", () => {
      const loop = check(
        withSteps({
          a: { type: "update_contact", add_tags: ["x"], next: "b" },
          b: { type: "condition", if: { last_email: "opened" }, yes: "a", no: "e" },
          e: { type: "exit" },
        })
      )
      expect(loop).toEqual([
        { path: "steps.a", message: expect.stringContaining("loop with no wait or wait_for_event step (a → b → a)"), step_id: "a" },
      ])
      // Reported where a contact first meets the loop, whatever the order of the keys (jsonb sorts them).
      const sorted = check({
        ...bigFlow(),
        start: "first",
        steps: {
          zz: { type: "update_contact", add_tags: ["x"], next: "first" },
          aa: { type: "update_contact", add_tags: ["y"], next: "zz" },
          first: { type: "condition", if: { last_email: "opened" }, yes: "aa", no: "out" },
          out: { type: "exit" },
        },
      })
      expect(sorted).toEqual([
        { path: "steps.first", message: expect.stringContaining("(first → aa → zz → first)"), step_id: "first" },
      ])
      const self = check(withSteps({ a: { type: "update_contact", add_tags: ["x"], next: "a" } }))
      expect(self).toEqual([expect.objectContaining({ path: "steps.a", step_id: "a" })])
      expect(check(withSteps({ a: { type: "wait", seconds: 60, next: "a" } }))).toEqual([])
      expect(
        check(withSteps({
          a: { type: "wait_for_event", event: { type: "email_opened" }, timeout_seconds: 60, yes: "b", no: "b" },
          b: { type: "update_contact", add_tags: ["x"], next: "a" },
        }))
      ).toEqual([])
    })
  })

  it("keeps the answer small for hostile input", () => {
    const steps = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`s${i}`, { type: "wait", seconds: -1, a: 1, b: 2 }]))
    expect(check(withSteps(steps)).length).toBeLessThanOrEqual(100)
    const many = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`s${i}`, { type: "exit" }]))
    expect(find(check(withSteps(many)), "steps")?.message).toContain("at most 100")
  })
})

describe("flowReferences", () => {
  it("lists templates, segments and groups with who names them", () => {
    const def = bigFlow()
    def.trigger = { type: "segment_entered", segment_id: "mseg_t" }
    def.goal = { segment_entered: "mseg_g" }
    def.steps.grp = { type: "customer_group", action: "add", customer_group_id: "cg_1" }
    const refs = flowReferences(def as FlowDefinition)
    expect(refs.templates).toEqual([
      { id: "mtpl_a", owner: "send_1", path: "steps.send_1.template_id" },
      { id: "mtpl_b", owner: "send_1", path: "steps.send_1.variants[1].template_id" },
    ])
    expect(refs.segments).toEqual([
      { id: "mseg_t", owner: "trigger", path: "trigger.segment_id" },
      { id: "mseg_vip", owner: "entry_filter", path: "entry_filter.and[1].not.segment" },
      { id: "mseg_g", owner: "goal", path: "goal.segment_entered" },
      { id: "mseg_blocked", owner: "exit_conditions[1]", path: "exit_conditions[1].segment_entered" },
      { id: "mseg_fr", owner: "exit_conditions[2]", path: "exit_conditions[2].segment_exited" },
    ])
    expect(refs.customer_groups).toEqual([
      { id: "cusgroup_1", owner: "cond", path: "steps.cond.if.or[2].customer_group" },
      { id: "cg_1", owner: "grp", path: "steps.grp.customer_group_id" },
    ])
  })

  it("maps references to new ids in a copy", () => {
    const def = bigFlow() as FlowDefinition
    const mapped = mapFlowReferences(def, (kind, id) => `${kind}:${id}`)
    expect((mapped.steps.send_1 as any).template_id).toBe("template:mtpl_a")
    expect((mapped.entry_filter as any).and[1].not.segment).toBe("segment:mseg_vip")
    expect((def.steps.send_1 as any).template_id).toBe("mtpl_a")
  })
})

describe("recipes", () => {
  it("are valid once their placeholders are replaced", () => {
    for (const recipe of FLOW_RECIPES) {
      const def = mapFlowReferences(recipe.definition, (_kind, id) => id.replace(/[^A-Za-z0-9_-]/g, "_"))
      expect({ key: recipe.key, errors: check(def) }).toEqual({ key: recipe.key, errors: [] })
      for (const t of flowReferences(recipe.definition).templates) expect(recipe.templates).toContain(t.id.replace(/^starter:/, ""))
    }
  })
})

describe("README", () => {
  it("shows a valid flow definition", () => {
    const readme = require("fs").readFileSync(require("path").join(__dirname, "../../../../../README.md"), "utf8") as string
    const section = readme.slice(readme.indexOf("### Flow definition"))
    const json = section.slice(section.indexOf("```json") + 7, section.indexOf("```", section.indexOf("```json") + 7))
    expect(check(JSON.parse(json))).toEqual([])
  })
})
