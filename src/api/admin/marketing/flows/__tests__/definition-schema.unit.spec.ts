import { FLOW_RECIPES, STEP_TYPES, TRIGGER_TYPES, validateFlowDefinition } from "../../../../../modules/marketing/flows"
import { FlowDefinition } from "../definition-schema"

/** A valid flow with every step type, every section and every kind of goal and exit. */
const everyStep = (): any => ({
  trigger: { type: "event", event: { type: "cart_updated", where: { and: [{ field: "properties.total", operator: "gte", value: 20 }] } } },
  entry_filter: { and: [{ field: "country_code", operator: "eq", value: "fr" }] },
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
    split: { type: "random_split", branches: [{ key: "a", percent: 30, next: "score" }, { key: "b", percent: 70, next: "group" }] },
    score: {
      type: "update_contact",
      score: { score: "acquisition", points: 5 },
      set: [{ field: "city", value: "Paris" }, { field: "phone", value: null }],
      add_tags: ["warm"],
      remove_tags: ["cold"],
      next: "group",
    },
    group: { type: "customer_group", action: "add", customer_group_id: "cusgroup_1", next: "code" },
    code: { type: "create_discount", kind: "fixed", value: 5, currency_code: "eur", expires_in_days: 7, min_subtotal: 20, next: "hook" },
    hook: { type: "webhook", url: "https://example.com/hook", secret: "s3cret", timeout_ms: 5000, next: "tell" },
    tell: { type: "notify_team", email: "team@example.com", to_owner: true, message: "A hot lead", next: "owner" },
    owner: { type: "assign_owner", user_ids: ["user_1", "user_2"], mode: "round_robin", next: "bye" },
    bye: { type: "exit", name: "Done" },
  },
})

const TRIGGERS: Record<(typeof TRIGGER_TYPES)[number], unknown> = {
  event: { type: "event", event: { type: "order_placed" } },
  segment_entered: { type: "segment_entered", segment_id: "mseg_1" },
  segment_exited: { type: "segment_exited", segment_id: "mseg_1" },
  score_threshold: { type: "score_threshold", score: "loyalty", threshold: 50, direction: "up" },
  stage_changed: { type: "stage_changed", from: "lead", to: "customer" },
  date: { type: "date", field: "birth_date", mode: "after", days: 30, at: "09:00" },
  manual: { type: "manual" },
}

/** Both the server's validator and the reference's schema accept it, or both refuse it. */
const agree = (definition: unknown) => {
  const server = validateFlowDefinition(definition).ok
  const reference = FlowDefinition.safeParse(definition)
  return { server, reference: reference.success, issues: reference.success ? [] : reference.error.issues.map((i) => i.path.join(".")) }
}

describe("FlowDefinition (the API reference's schema of a definition)", () => {
  it("accepts every recipe, as the validator does", () => {
    for (const recipe of FLOW_RECIPES) expect({ key: recipe.key, ...agree(recipe.definition) }).toEqual({ key: recipe.key, server: true, reference: true, issues: [] })
  })

  it("accepts a flow with every step type and every trigger type", () => {
    const def = everyStep()
    expect(new Set(Object.values(def.steps).map((s: any) => s.type))).toEqual(new Set(STEP_TYPES))
    expect(agree(def)).toEqual({ server: true, reference: true, issues: [] })
    for (const trigger of Object.values(TRIGGERS)) expect(agree({ ...def, trigger })).toEqual({ server: true, reference: true, issues: [] })
    expect(agree({ ...def, trigger: { type: "date", field: "birth_date", mode: "anniversary", at: "09:00" }, reentry: { policy: "every_time" } })).toMatchObject({
      server: true,
      reference: true,
    })
  })

  it("refuses what the validator refuses key by key", () => {
    const refused = (change: (def: any) => void) => {
      const def = everyStep()
      change(def)
      return agree(def)
    }
    const both = { server: false, reference: false }
    expect(refused((d) => (d.colour = "red"))).toMatchObject(both)
    expect(refused((d) => (d.steps.wait_1.colour = "red"))).toMatchObject(both)
    expect(refused((d) => (d.steps.wait_1.seconds = 0))).toMatchObject(both)
    expect(refused((d) => (d.steps.wait_1.type = "sleep"))).toMatchObject(both)
    expect(refused((d) => (d.trigger = { type: "segment_entered" }))).toMatchObject(both)
    expect(refused((d) => (d.reentry = { policy: "once", days: 3 }))).toMatchObject(both)
    expect(refused((d) => (d.goal = { event: { type: "order_placed" }, segment_entered: "mseg_1" }))).toMatchObject(both)
    expect(refused((d) => (d.steps.split.branches = [{ key: "a", percent: 100, next: "score" }]))).toMatchObject(both)
    expect(refused((d) => (d.steps.send_1.auto_winner.confidence = 0.5))).toMatchObject(both)
    expect(refused((d) => (d.steps.score.set[0].field = "email"))).toMatchObject(both)
    expect(refused((d) => (d.steps.owner.user_ids = []))).toMatchObject(both)
    expect(refused((d) => delete d.start)).toMatchObject(both)
  })
})
