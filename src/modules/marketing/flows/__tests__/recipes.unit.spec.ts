import { validateConditionTree } from "../../conditions"
import { PRODUCT_STRATEGIES } from "../../email/products"
import { STARTER_TEMPLATES } from "../../email/templates"
import { DEFAULT_EMAIL_TOPICS } from "../../options"
import { isKnownEventType, ruleCatalog } from "../../scoring/rules"
import { builtInSegments, validateSegmentDefinition } from "../../segments"
import { FLOW_RECIPES, recipeByKey, type FlowRecipe } from "../recipes"
import { RUNNABLE_STEP_TYPES } from "../runnable"
import { DATE_FIELDS, STEP_ID, STEP_TYPES, type EventMatch, type FlowDefinition, type FlowStep } from "../types"

// Step types built by the flows-actions work beside the engine's own.
const ACTION_STEP_TYPES = ["customer_group", "create_discount", "webhook", "notify_team", "assign_owner"]
const STARTER_KEYS = new Set(STARTER_TEMPLATES.map((t) => t.key))
const BUILT_IN_KEYS = new Set(builtInSegments({ categories: [], countries: [] }).map((s) => s.key))

/** Where a step can go next. */
function successors(step: FlowStep): string[] {
  switch (step.type) {
    case "exit":
      return []
    case "wait_for_event":
    case "condition":
      return [step.yes, step.no]
    case "random_split":
      return step.branches.map((b) => b.next)
    default:
      return step.next ? [step.next] : []
  }
}

/** Step ids reachable from `from`, never passing through steps `skip` says no to. */
function reachable(def: FlowDefinition, from: string, skip: (step: FlowStep) => boolean = () => false): Set<string> {
  const seen = new Set<string>()
  const queue = [from]
  while (queue.length) {
    const id = queue.shift()!
    const step = def.steps[id]
    if (seen.has(id) || !step || skip(step)) continue
    seen.add(id)
    queue.push(...successors(step))
  }
  return seen
}

/** A cycle made only of steps that do not wait (the runner would spin on it), or null. */
function cycleWithoutWait(def: FlowDefinition): string[] | null {
  const state = new Map<string, "open" | "done">()
  const path: string[] = []
  const visit = (id: string): string[] | null => {
    const step = def.steps[id]
    if (!step || step.type === "wait") return null
    if (state.get(id) === "open") return [...path.slice(path.indexOf(id)), id]
    if (state.get(id) === "done") return null
    state.set(id, "open")
    path.push(id)
    for (const next of successors(step)) {
      const cycle = visit(next)
      if (cycle) return cycle
    }
    path.pop()
    state.set(id, "done")
    return null
  }
  for (const id of Object.keys(def.steps)) {
    const cycle = visit(id)
    if (cycle) return cycle
  }
  return null
}

/** Every string in the definition that starts with the prefix, without it. */
function placeholders(value: unknown, prefix: string, out = new Set<string>()): Set<string> {
  if (typeof value === "string" && value.startsWith(prefix)) out.add(value.slice(prefix.length))
  else if (Array.isArray(value)) value.forEach((v) => placeholders(v, prefix, out))
  else if (value && typeof value === "object") Object.values(value).forEach((v) => placeholders(v, prefix, out))
  return out
}

function eventMatches(def: FlowDefinition): EventMatch[] {
  const matches: EventMatch[] = []
  if (def.trigger.type === "event") matches.push(def.trigger.event)
  if (def.goal && "event" in def.goal) matches.push(def.goal.event)
  for (const exit of def.exit_conditions ?? []) if ("event" in exit) matches.push(exit.event)
  for (const step of Object.values(def.steps)) if (step.type === "wait_for_event") matches.push(step.event)
  return matches
}

const sends = (def: FlowDefinition) =>
  Object.entries(def.steps).filter((entry): entry is [string, Extract<FlowStep, { type: "send_email" }>] => entry[1].type === "send_email")

const cases = FLOW_RECIPES.map((recipe) => [recipe.key, recipe] as const)

describe("flow recipes", () => {
  it("are the nine of the issue, with unique keys, named and described in one line", () => {
    expect(FLOW_RECIPES.map((r) => `${r.group}:${r.key}`)).toEqual([
      "acquisition:welcome_series",
      "acquisition:browse_abandonment",
      "acquisition:cart_abandonment",
      "acquisition:lead_nurturing",
      "loyalty:post_purchase",
      "loyalty:replenishment",
      "loyalty:win_back",
      "loyalty:vip_welcome",
      "loyalty:birthday",
    ])
    for (const recipe of FLOW_RECIPES) {
      expect(recipe.name.length).toBeGreaterThan(3)
      expect(recipe.purpose).not.toMatch(/\n/)
      expect(recipe.purpose.length).toBeLessThanOrEqual(140)
    }
  })

  it.each(cases)("%s: uses starter templates that exist, exactly those it lists", (_key, recipe) => {
    const used = new Set<string>()
    for (const [, step] of sends(recipe.definition)) {
      for (const id of [step.template_id, ...(step.variants ?? []).map((v) => v.template_id)]) {
        if (id === undefined) continue
        expect(id).toMatch(/^starter:/)
        used.add(id.slice("starter:".length))
      }
    }
    expect([...placeholders(recipe.definition, "starter:")].sort()).toEqual([...used].sort())
    expect([...used].sort()).toEqual([...recipe.templates].sort())
    for (const key of used) expect([key, STARTER_KEYS.has(key)]).toEqual([key, true])
  })

  it.each(cases)("%s: uses built-in segments that exist, exactly those it lists", (_key, recipe) => {
    const used = [...placeholders(recipe.definition, "builtin:")].sort()
    expect(used).toEqual([...(recipe.segments ?? [])].sort())
    for (const key of used) expect([key, BUILT_IN_KEYS.has(key)]).toEqual([key, true])
  })

  it.each(cases)("%s: a graph every step of which is reachable, with no dangling link and no cycle without a wait", (_key, recipe) => {
    const def = recipe.definition
    const ids = Object.keys(def.steps)
    expect(def.steps[def.start]).toBeDefined()
    for (const id of ids) {
      expect(id).toMatch(STEP_ID)
      expect(STEP_TYPES).toContain(def.steps[id].type)
      for (const next of successors(def.steps[id])) expect([id, next, !!def.steps[next]]).toEqual([id, next, true])
    }
    expect([...reachable(def, def.start)].sort()).toEqual([...ids].sort())
    expect(cycleWithoutWait(def)).toBeNull()
  })

  it.each(cases)("%s: names its goal; its filters, conditions and events are valid", (_key, recipe) => {
    const def = recipe.definition
    expect(def.goal).toBeDefined()
    if (def.entry_filter) expect(validateSegmentDefinition(def.entry_filter)).toMatchObject({ ok: true })
    for (const step of Object.values(def.steps)) {
      if (step.type === "condition") expect(validateSegmentDefinition(step.if)).toMatchObject({ ok: true })
    }
    for (const match of eventMatches(def)) {
      expect([match.type, isKnownEventType(match.type)]).toEqual([match.type, true])
      if (match.where) expect(validateConditionTree(match.where, ruleCatalog("engagement", match.type, match.where))).toMatchObject({ ok: true })
    }
    if (def.trigger.type === "date") {
      expect(DATE_FIELDS).toContain(def.trigger.field)
      expect(def.trigger.at).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/)
    }
  })

  it.each(cases)("%s: sends with known topics and product strategies, and runs only step types that exist", (_key, recipe) => {
    const topics = DEFAULT_EMAIL_TOPICS.map((t) => t.id)
    for (const [, step] of sends(recipe.definition)) {
      if (step.topic) expect(topics).toContain(step.topic)
      if (step.products) expect(PRODUCT_STRATEGIES).toContain(step.products.strategy)
    }
    for (const step of Object.values(recipe.definition.steps)) {
      expect([...RUNNABLE_STEP_TYPES, ...ACTION_STEP_TYPES]).toContain(step.type)
    }
  })

  it("emails that show a flow's code are reached only through a create_discount step, and the code is made only for contacts who may get it", () => {
    const withCode = ["cart_abandonment_3", "win_back", "birthday"]
    let checked = 0
    for (const recipe of FLOW_RECIPES) {
      const def = recipe.definition
      const beforeAnyCode = reachable(def, def.start, (step) => step.type === "create_discount")
      for (const [id, step] of sends(def)) {
        if (!withCode.includes(step.template_id.slice("starter:".length))) continue
        expect([recipe.key, id, beforeAnyCode.has(id)]).toEqual([recipe.key, id, false])
        checked++
      }
      // A code made before any email went out: the entry filter asks for marketing consent.
      const firstSend = reachable(def, def.start, (step) => step.type === "send_email")
      if ([...firstSend].some((id) => def.steps[id].type === "create_discount")) {
        expect(JSON.stringify(def.entry_filter)).toContain('"email_marketing_consent","operator":"eq","value":"granted"')
      }
    }
    expect(checked).toBe(3)
  })

  it("cart abandonment: 1 h, 24 h and 72 h after the cart, bypassing the frequency cap, converting and stopping at the order", () => {
    const def = recipeByKey("cart_abandonment")!.definition
    expect(def.message_pressure?.bypass_frequency_cap).toBe(true)
    expect(def.goal).toEqual({ event: { type: "order_placed" } })
    let elapsed = 0
    const sentAt: Record<string, number> = {}
    for (let id: string | undefined = def.start; id; ) {
      const step: FlowStep = def.steps[id]
      if (step.type === "wait" && "seconds" in step) elapsed += step.seconds
      if (step.type === "send_email") sentAt[step.template_id] = elapsed / 3600
      id = "next" in step ? step.next : undefined
    }
    expect(sentAt).toEqual({ "starter:cart_abandonment": 1, "starter:cart_abandonment_2": 24, "starter:cart_abandonment_3": 72 })
  })

  it("browse abandonment waits 4 h for cart activity after a second view; lead nurturing tells the team at sales-ready", () => {
    const browse = recipeByKey("browse_abandonment")!.definition
    expect(JSON.stringify(browse.entry_filter)).toContain('"count":{"operator":"gte","value":2}')
    const wait = browse.steps[browse.start]
    expect(wait).toMatchObject({ type: "wait_for_event", timeout_seconds: 4 * 3600, event: { type: "product_added_to_cart" } })
    const lead = recipeByKey("lead_nurturing")!.definition
    const ready = Object.values(lead.steps).filter((s) => s.type === "condition")
    expect(ready.length).toBeGreaterThan(0)
    for (const step of ready) expect(lead.steps[(step as { yes: string }).yes].type).toBe("notify_team")
  })

  it("recipeByKey returns a copy, so resolving placeholders never changes the shared list", () => {
    const copy = recipeByKey("birthday")!
    ;(copy.definition.steps.birthday_email as { template_id: string }).template_id = "mtpl_1"
    expect((recipeByKey("birthday")!.definition.steps.birthday_email as { template_id: string }).template_id).toBe("starter:birthday")
    expect(recipeByKey("nope")).toBeUndefined()
  })
})

// Keeps the exported type in use: an install route builds on it.
export type _Recipe = FlowRecipe
