import { FLOW_RECIPES } from "../../../modules/marketing/flows/recipes"
import {
  EMPTY_FLOW_DEFINITION,
  applySettings,
  describeStep,
  draftToSettings,
  durationUnitOf,
  emptyFlowCondition,
  flowToGraph,
  insertStepAfter,
  insertStepAtStart,
  parseTags,
  settingsErrorsOfMessage,
  settingsSectionOf,
  settingsToDraft,
  toggleWeekday,
} from "../flows"
import { definitionToDraft, draftToDefinition, emptyConditionNode, emptyGroup, type BuilderContext } from "../segments"
import type { FlowDefinition, SegmentField, SegmentNode } from "../types"

import { OPERATORS_BY_TYPE, type FieldCatalog } from "../../../modules/marketing/conditions"
import { SCORABLE_EVENT_TYPES, ruleCatalog } from "../../../modules/marketing/scoring/rules"
import { SEGMENT_CONTACT_FIELDS } from "../../../modules/marketing/segments"

// What GET /admin/marketing/segments/fields answers: the server's own catalogs.
const fieldsOf = (catalog: FieldCatalog): SegmentField[] =>
  Object.entries(catalog).map(([name, def]) => ({
    name,
    type: def.type,
    ...(def.values ? { values: [...def.values] } : {}),
    operators: [...OPERATORS_BY_TYPE[def.type]],
  }))
const ctx: BuilderContext = {
  fields: new Map(fieldsOf(SEGMENT_CONTACT_FIELDS).map((f) => [f.name, f])),
  eventTypes: new Map(SCORABLE_EVENT_TYPES.map((type) => [type, { type, properties: fieldsOf(ruleCatalog("engagement", type)) }])),
}

const settingsOf = (def: Partial<FlowDefinition>) => {
  const { start: _s, steps: _t, ...rest } = def
  return rest
}

describe("flow settings drafts", () => {
  it("gives back every recipe's settings, with the engine's defaults left out", () => {
    for (const recipe of FLOW_RECIPES) {
      const def = recipe.definition
      const result = draftToSettings(settingsToDraft(def), ctx)
      expect(result.errors).toEqual({})
      const expected: Record<string, any> = structuredClone(settingsOf(def))
      // "delay" and "continue" are what the engine does without them.
      if (expected.message_pressure?.when_held === "delay") delete expected.message_pressure.when_held
      if (expected.message_pressure?.when_suppressed === "continue") delete expected.message_pressure.when_suppressed
      if (expected.message_pressure && !Object.keys(expected.message_pressure).length) delete expected.message_pressure
      expect(result.settings).toEqual(expected)
    }
  })

  it("reads each trigger type and keeps typed values across a switch", () => {
    const draft = settingsToDraft({ trigger: { type: "score_threshold", score: "loyalty", threshold: 40, direction: "down" }, reentry: { policy: "every_time" } })
    draft.trigger.type = "date"
    draft.trigger.dateMode = "after"
    draft.trigger.days = "30"
    draft.trigger.dateField = "first_order_at"
    expect(draftToSettings(draft, ctx).settings?.trigger).toEqual({ type: "date", field: "first_order_at", mode: "after", days: 30, at: "09:00" })
    draft.trigger.type = "score_threshold"
    expect(draftToSettings(draft, ctx).settings?.trigger).toEqual({ type: "score_threshold", score: "loyalty", threshold: 40, direction: "down" })
    draft.trigger.type = "stage_changed"
    draft.trigger.to = "customer"
    expect(draftToSettings(draft, ctx).settings?.trigger).toEqual({ type: "stage_changed", to: "customer" })
  })

  it("reads and writes a reminder days before the expected next order, and refuses it on other dates", () => {
    const trigger = { type: "date", field: "expected_next_order_at", mode: "before", days: 3, at: "09:00" } as const
    const draft = settingsToDraft({ trigger, reentry: { policy: "every_time" } })
    expect(draft.trigger.dateMode).toBe("before")
    expect(draftToSettings(draft, ctx).settings?.trigger).toEqual(trigger)
    draft.trigger.dateField = "birth_date"
    expect(draftToSettings(draft, ctx).errors.trigger).toBe("Days before applies to the expected next order only")
    draft.trigger.dateField = "expected_next_order_at"
    draft.trigger.dateMode = "after"
    expect(draftToSettings(draft, ctx).errors.trigger).toMatch(/choose days before it/)
  })

  it("builds an event trigger's property filter with the event's properties as fields", () => {
    const draft = settingsToDraft({ trigger: { type: "manual" }, reentry: { policy: "once" } })
    draft.trigger.type = "event"
    draft.trigger.event.type = "cart_updated"
    const row = emptyConditionNode("field")
    if (row.leaf.kind === "field") Object.assign(row.leaf, { field: "properties.item_count", operator: "gt", value: "0" })
    draft.trigger.event.where = emptyGroup("and", [row])
    expect(draftToSettings(draft, ctx).settings?.trigger).toEqual({
      type: "event",
      event: { type: "cart_updated", where: { field: "properties.item_count", operator: "gt", value: 0 } },
    })
    // A contact field is not a property of the event.
    if (row.leaf.kind === "field") row.leaf.field = "email"
    const refused = draftToSettings(draft, ctx)
    expect(refused.settings).toBeUndefined()
    expect(refused.errors.trigger).toBe("Complete the event's property filters")
    expect(refused.rowErrors.get(row.key)).toContain("email")
  })

  it("names what is missing by section", () => {
    const draft = settingsToDraft({ trigger: { type: "segment_entered", segment_id: "" }, reentry: { policy: "once" } })
    draft.reentry = { policy: "once_per_days", days: "0" }
    draft.goal = { ...draft.goal, kind: "event" }
    draft.exits = [emptyFlowCondition(), { ...emptyFlowCondition(), kind: "segment_exited" }]
    draft.entryFilter = emptyGroup("and")
    const result = draftToSettings(draft, ctx)
    expect(result.settings).toBeUndefined()
    expect(result.errors).toEqual({
      trigger: "Choose a segment",
      reentry: "Enter the days as a whole number from 1 to 3650",
      goal: "Choose an event",
      "exit_conditions[0]": "Choose an event",
      "exit_conditions[1]": "Choose a segment",
      entry_filter: "Add a condition, or remove the entry filter",
    })
  })

  it("writes the goal, exits and message pressure as set, and removes what was taken out", () => {
    const def: FlowDefinition = {
      trigger: { type: "manual" },
      reentry: { policy: "once" },
      goal: { segment_entered: "mseg_1" },
      exit_conditions: [{ segment_exited: "mseg_2" }],
      message_pressure: { bypass_quiet_hours: true },
      start: "done",
      steps: { done: { type: "exit" } },
    }
    const draft = settingsToDraft(def)
    expect(draft.exits[0]).toMatchObject({ kind: "segment_exited", segmentId: "mseg_2" })
    draft.goal = { ...draft.goal, kind: "event", event: { type: "order_placed", where: null }, continueAfter: true }
    draft.exits = []
    draft.pressure = { bypassFrequencyCap: true, bypassQuietHours: false, whenHeld: "skip", whenSuppressed: "exit" }
    const { settings } = draftToSettings(draft, ctx)
    const next = applySettings(def, settings!)
    expect(next).toEqual({
      trigger: { type: "manual" },
      reentry: { policy: "once" },
      goal: { event: { type: "order_placed" }, continue_after: true },
      message_pressure: { bypass_frequency_cap: true, when_held: "skip", when_suppressed: "exit" },
      start: "done",
      steps: { done: { type: "exit" } },
    })
  })

  it("finds the section of a server problem", () => {
    expect(settingsSectionOf("trigger.event.where.and[0].operator")).toBe("trigger")
    expect(settingsSectionOf("exit_conditions[1].event.type")).toBe("exit_conditions[1]")
    expect(settingsSectionOf("message_pressure.when_held")).toBe("message_pressure")
    expect(settingsSectionOf("steps.wait_1.seconds")).toBeNull()
    expect(settingsSectionOf("start")).toBeNull()
  })

  it("reads a refused save's message by section, leaving the steps' problems out", () => {
    const message =
      'Invalid request: definition.goal.segment_entered: names a segment that does not exist ("mseg_9"); ' +
      "definition.steps.wait_1.seconds: must be a whole number (step wait_1); definition.exit_conditions[0].event.type: unknown event type"
    expect(settingsErrorsOfMessage(message)).toEqual({
      goal: 'goal.segment_entered: names a segment that does not exist ("mseg_9")',
      "exit_conditions[0]": "exit_conditions[0].event.type: unknown event type",
    })
    expect(settingsErrorsOfMessage("Network error")).toEqual({})
  })
})

describe("a flow condition in the segment builder", () => {
  it("reads and gives back since-entry events and the last email next to contact conditions", () => {
    const tree = {
      or: [
        { since_entry: { event: { type: "order_placed", where: { field: "properties.total", operator: "gt", value: 50 } } } },
        { not: { last_email: "clicked" } },
        { field: "order_count", operator: "gt", value: 0 },
      ],
    }
    const draft = definitionToDraft(tree as unknown as SegmentNode)
    expect(draft.children.map((c) => (c.type === "leaf" ? c.leaf.kind : c.type))).toEqual(["since_entry", "last_email", "field"])
    expect(draftToDefinition(draft, ctx).definition).toEqual(tree)
  })

  it("asks for the event of a since-entry test and keeps malformed ones as they are", () => {
    const draft = definitionToDraft({ and: [{ since_entry: { event: { type: "" } } }, { last_email: "bounced" }] } as unknown as SegmentNode)
    expect(draft.children.map((c) => c.type === "leaf" && c.leaf.kind)).toEqual(["since_entry", "raw"])
    const result = draftToDefinition(draft, ctx)
    expect(result.definition).toBeUndefined()
    expect(result.errors.get(draft.children[0].key)).toBe("Choose an event")
  })
})

describe("building from an empty canvas", () => {
  it("starts with no steps, only the trigger drawn, and the first step added becomes the start", () => {
    expect(flowToGraph(EMPTY_FLOW_DEFINITION).nodes.map((n) => n.kind)).toEqual(["trigger"])
    const first = insertStepAtStart(EMPTY_FLOW_DEFINITION, "wait")
    expect(first.definition.start).toBe("wait_1")
    expect(first.definition.steps).toEqual({ wait_1: { type: "wait", seconds: 86400 } })
    const second = insertStepAfter(first.definition, "wait_1", "condition")
    expect(second.definition.steps.wait_1).toMatchObject({ next: "condition_1" })
    // A condition at the end has no branches yet: the check asks for them.
    expect(second.definition.steps.condition_1).toEqual({ type: "condition", if: { last_email: "opened" }, yes: "", no: "" })
    const yes = insertStepAfter(second.definition, "condition_1", "exit", "yes")
    expect(yes.definition.steps.condition_1).toMatchObject({ yes: "exit_1", no: "" })
  })
})

describe("step form helpers", () => {
  it("reads a duration in its largest whole unit", () => {
    expect(durationUnitOf(7200)).toBe("3600")
    expect(durationUnitOf(86400 * 2)).toBe("86400")
    expect(durationUnitOf(90)).toBe("60")
    expect(durationUnitOf(0)).toBe("60")
  })

  it("splits tags on commas, without blanks or repeats", () => {
    expect(parseTags(" vip, newsletter ,, vip ")).toEqual(["vip", "newsletter"])
    expect(parseTags("")).toEqual([])
  })

  it("toggles weekdays in Monday-first order", () => {
    expect(toggleWeekday([5, 1], 3, true)).toEqual([1, 3, 5])
    expect(toggleWeekday([1, 3], 1, false)).toEqual([3])
    expect(toggleWeekday(undefined, 7, true)).toEqual([7])
    expect(toggleWeekday([2], 2, true)).toEqual([2])
  })
})

describe("a condition step in words", () => {
  const step = (test: unknown) => describeStep({ type: "condition", if: test as any, yes: "a", no: "b" })

  it("says one test in full and a group by its size", () => {
    expect(step({ last_email: "clicked" })).toBe("If this flow's last email was clicked")
    expect(step({ and: [{ since_entry: { event: { type: "product_viewed" } } }] })).toBe('If "Product viewed" since entering')
    expect(step({ not: { field: "country_code", operator: "eq", value: "fr" } })).toBe('If not (Country eq "fr")')
    expect(step({ or: [{ last_email: "opened" }, { segment: "mseg_1" }] })).toBe("If any of 2 conditions")
  })
})
