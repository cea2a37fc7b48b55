/**
 * The flow settings panel's state: trigger, entry filter, re-entry, goal,
 * exit conditions and message pressure as typed, and the conversions to and
 * from the definition. Condition trees stay the segment builder's drafts, so
 * the panel reuses its editor. Pure; round-trip tested.
 */
import {
  definitionToDraft,
  draftToDefinition,
  draftToEventFilter,
  eventFilterToDraft,
  unwrapSingle,
  type BuilderContext,
  type GroupDraft,
} from "../segments"
import type { LifecycleStage } from "../scoring/stages"
import type { SegmentNode } from "../types"
import type { FlowDefinition, FlowTrigger, TriggerType } from "./types"
import type {
  DateField,
  EventMatch,
  FlowExitCondition,
  FlowGoal,
  MessagePressure,
  ScoreName,
} from "../../../modules/marketing/flows/types"

/** An event type and its property tests (null: any event of the type). */
export type EventMatchDraft = { type: string; where: GroupDraft | null }

/** Every trigger type's fields at once, so switching type and back keeps what was typed. */
export type TriggerDraft = {
  type: TriggerType
  event: EventMatchDraft
  segmentId: string
  score: ScoreName
  threshold: string
  direction: "up" | "down"
  from: LifecycleStage | ""
  to: LifecycleStage | ""
  dateField: DateField
  dateMode: "anniversary" | "after" | "before"
  days: string
  at: string
}

export type ReentryDraft = { policy: "once" | "every_time" | "once_per_days"; days: string }

/** A goal or an exit: an event, or entering (or leaving) a segment. */
export type FlowConditionDraft = {
  key: string
  kind: "event" | "segment_entered" | "segment_exited"
  event: EventMatchDraft
  segmentId: string
}

export type GoalDraft = Omit<FlowConditionDraft, "kind"> & {
  kind: "none" | "event" | "segment_entered"
  continueAfter: boolean
}

/** Defaults of the engine: a held email waits, a suppressed contact goes on. */
export type PressureDraft = {
  bypassFrequencyCap: boolean
  bypassQuietHours: boolean
  whenHeld: "delay" | "skip"
  whenSuppressed: "continue" | "exit"
}

export type FlowSettingsDraft = {
  trigger: TriggerDraft
  /** Null: every contact the trigger brings may enter. */
  entryFilter: GroupDraft | null
  reentry: ReentryDraft
  goal: GoalDraft
  exits: FlowConditionDraft[]
  pressure: PressureDraft
}

/** The settings part of a definition (steps and start are the canvas's). */
export type FlowSettings = Pick<FlowDefinition, "trigger" | "reentry"> &
  Partial<Pick<FlowDefinition, "entry_filter" | "goal" | "exit_conditions" | "message_pressure">>

let conditionKey = 0
const nextConditionKey = () => `flow-condition-${++conditionKey}`

const text = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? String(value) : "")

const eventDraft = (match: Partial<EventMatch> | undefined): EventMatchDraft => ({
  type: typeof match?.type === "string" ? match.type : "",
  where: eventFilterToDraft(match?.where),
})

export const emptyEventMatch = (type = ""): EventMatchDraft => ({ type, where: null })

export const emptyFlowCondition = (): FlowConditionDraft => ({
  key: nextConditionKey(),
  kind: "event",
  event: emptyEventMatch(),
  segmentId: "",
})

const triggerDraft = (trigger: Partial<FlowTrigger> | undefined): TriggerDraft => {
  const t = (trigger ?? {}) as Record<string, any>
  return {
    type: (t.type as TriggerType) ?? "manual",
    event: eventDraft(t.event),
    segmentId: typeof t.segment_id === "string" ? t.segment_id : "",
    score: t.score === "loyalty" ? "loyalty" : "acquisition",
    threshold: text(t.threshold),
    direction: t.direction === "down" ? "down" : "up",
    from: t.from ?? "",
    to: t.to ?? "",
    dateField: t.field ?? "birth_date",
    dateMode: t.mode === "after" || t.mode === "before" ? t.mode : "anniversary",
    days: text(t.days),
    at: typeof t.at === "string" ? t.at : "09:00",
  }
}

const conditionDraft = (value: Record<string, any>): FlowConditionDraft => ({
  key: nextConditionKey(),
  kind: value.event ? "event" : typeof value.segment_exited === "string" ? "segment_exited" : "segment_entered",
  event: eventDraft(value.event),
  segmentId: value.segment_entered ?? value.segment_exited ?? "",
})

/** The panel's state for a (possibly unfinished) definition. */
export const settingsToDraft = (def: Partial<FlowDefinition>): FlowSettingsDraft => {
  const goal = def.goal as Record<string, any> | undefined
  const reentry = (def.reentry ?? { policy: "once" }) as Record<string, any>
  const pressure = def.message_pressure ?? {}
  return {
    trigger: triggerDraft(def.trigger),
    entryFilter: def.entry_filter ? definitionToDraft(def.entry_filter) : null,
    reentry: {
      policy: ["once", "every_time", "once_per_days"].includes(reentry.policy) ? reentry.policy : "once",
      days: text(reentry.days) || "30",
    },
    goal: goal
      ? { ...conditionDraft(goal), kind: goal.event ? "event" : "segment_entered", continueAfter: goal.continue_after === true }
      : { ...emptyFlowCondition(), kind: "none", continueAfter: false },
    exits: (def.exit_conditions ?? []).map((e) => conditionDraft(e as Record<string, any>)),
    pressure: {
      bypassFrequencyCap: pressure.bypass_frequency_cap === true,
      bypassQuietHours: pressure.bypass_quiet_hours === true,
      whenHeld: pressure.when_held === "skip" ? "skip" : "delay",
      whenSuppressed: pressure.when_suppressed === "exit" ? "exit" : "continue",
    },
  }
}

/** Where a problem belongs in the panel: "trigger", "entry_filter", "reentry", "goal", "exit_conditions[1]"… */
export type SettingsErrors = Record<string, string>

export type SettingsResult = {
  /** Set when nothing is missing. */
  settings?: FlowSettings
  errors: SettingsErrors
  /** Problems of rows inside the condition builders, by row key. */
  rowErrors: Map<string, string>
}

const WHOLE = /^\d+$/
const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/

const wholeIn = (value: string, min: number, max: number) => {
  const n = Number(value.trim())
  return WHOLE.test(value.trim()) && n >= min && n <= max ? n : null
}

/**
 * The settings the panel stands for, or what is missing, by section. The
 * server checks the rest (reference ids, event types) on publish.
 */
export const draftToSettings = (draft: FlowSettingsDraft, ctx: BuilderContext): SettingsResult => {
  const errors: SettingsErrors = {}
  const rowErrors = new Map<string, string>()

  const event = (match: EventMatchDraft, at: string): EventMatch | undefined => {
    if (!match.type) {
      errors[at] = "Choose an event"
      return undefined
    }
    const built = draftToEventFilter(match.where, match.type, ctx)
    built.errors.forEach((message, key) => rowErrors.set(key, message))
    if (!built.ok) {
      errors[at] = "Complete the event's property filters"
      return undefined
    }
    return built.where ? { type: match.type, where: built.where as EventMatch["where"] } : { type: match.type }
  }

  const segment = (id: string, at: string) => {
    if (!id) errors[at] = "Choose a segment"
    return id
  }

  const trigger = ((): FlowTrigger | undefined => {
    const t = draft.trigger
    switch (t.type) {
      case "event": {
        const match = event(t.event, "trigger")
        return match && { type: "event", event: match }
      }
      case "segment_entered":
      case "segment_exited":
        return { type: t.type, segment_id: segment(t.segmentId, "trigger") }
      case "score_threshold": {
        const threshold = Number(t.threshold.trim())
        if (!t.threshold.trim() || !Number.isFinite(threshold) || Math.abs(threshold) > 1_000_000) {
          errors.trigger = "Enter the score to reach, a number"
        }
        return { type: t.type, score: t.score, threshold, direction: t.direction }
      }
      case "stage_changed":
        if (t.from && t.from === t.to) errors.trigger = "Choose two different stages"
        return { type: t.type, ...(t.from ? { from: t.from } : {}), ...(t.to ? { to: t.to } : {}) }
      case "date": {
        if (!LOCAL_TIME.test(t.at)) errors.trigger = "Enter the time as HH:MM (24-hour)"
        if (t.dateMode === "anniversary") return { type: "date", field: t.dateField, mode: "anniversary", at: t.at }
        const days = wholeIn(t.days, 1, 3650)
        if (days === null) errors.trigger = "Enter the days as a whole number from 1 to 3650"
        if (t.dateMode === "before" && t.dateField !== "expected_next_order_at") {
          errors.trigger = "Days before applies to the expected next order only"
        } else if (t.dateField === "expected_next_order_at" && t.dateMode !== "before") {
          errors.trigger = "The expected next order moves at each prediction: choose days before it"
        }
        return { type: "date", field: t.dateField, mode: t.dateMode, days: days ?? 0, at: t.at }
      }
      case "manual":
        return { type: "manual" }
    }
  })()

  let entry_filter: SegmentNode | undefined
  if (draft.entryFilter) {
    const built = draftToDefinition(draft.entryFilter, ctx)
    built.errors.forEach((message, key) => rowErrors.set(key, message))
    if (built.empty) errors.entry_filter = "Add a condition, or remove the entry filter"
    else if (!built.definition) errors.entry_filter = "Complete the entry filter's conditions"
    entry_filter = built.definition && unwrapSingle(built.definition)
  }

  const r = draft.reentry
  let reentry: FlowDefinition["reentry"] = { policy: r.policy } as FlowDefinition["reentry"]
  if (r.policy === "once_per_days") {
    const days = wholeIn(r.days, 1, 3650)
    if (days === null) errors.reentry = "Enter the days as a whole number from 1 to 3650"
    reentry = { policy: "once_per_days", days: days ?? 0 }
  }

  let goal: FlowGoal | undefined
  const g = draft.goal
  if (g.kind !== "none") {
    const then = g.continueAfter ? { continue_after: true } : {}
    if (g.kind === "event") {
      const match = event(g.event, "goal")
      goal = match && { event: match, ...then }
    } else goal = { segment_entered: segment(g.segmentId, "goal"), ...then }
  }

  const exit_conditions = draft.exits.map((e, i): FlowExitCondition | undefined => {
    const at = `exit_conditions[${i}]`
    if (e.kind === "event") {
      const match = event(e.event, at)
      return match && { event: match }
    }
    return e.kind === "segment_exited"
      ? { segment_exited: segment(e.segmentId, at) }
      : { segment_entered: segment(e.segmentId, at) }
  })

  // Only what differs from the engine's defaults is written.
  const p = draft.pressure
  const message_pressure: MessagePressure = {
    ...(p.bypassFrequencyCap ? { bypass_frequency_cap: true } : {}),
    ...(p.bypassQuietHours ? { bypass_quiet_hours: true } : {}),
    ...(p.whenHeld === "skip" ? { when_held: "skip" as const } : {}),
    ...(p.whenSuppressed === "exit" ? { when_suppressed: "exit" as const } : {}),
  }

  if (Object.keys(errors).length || !trigger) return { errors, rowErrors }
  return {
    settings: {
      trigger,
      reentry,
      // The admin's segment type is a looser twin of the server's.
      ...(entry_filter ? { entry_filter: entry_filter as FlowDefinition["entry_filter"] } : {}),
      ...(goal ? { goal } : {}),
      ...(exit_conditions.length ? { exit_conditions: exit_conditions as FlowExitCondition[] } : {}),
      ...(Object.keys(message_pressure).length ? { message_pressure } : {}),
    },
    errors,
    rowErrors,
  }
}

/** The definition with new settings; optional parts left out are removed. */
export const applySettings = (def: Partial<FlowDefinition>, settings: FlowSettings): FlowDefinition => {
  const { entry_filter: _e, goal: _g, exit_conditions: _x, message_pressure: _m, ...rest } = def
  return { ...rest, ...settings } as FlowDefinition
}

/**
 * The panel's section a server problem belongs to, by its path
 * (`trigger.event.where.and[0]` → "trigger", `exit_conditions[1].event` →
 * "exit_conditions[1]"); null for steps and the graph.
 */
export const settingsSectionOf = (path: string): string | null => {
  const exit = path.match(/^exit_conditions\[\d+\]/)?.[0]
  if (exit) return exit
  const top = path.match(/^[a-z_]+/)?.[0] ?? ""
  return ["trigger", "entry_filter", "reentry", "goal", "exit_conditions", "message_pressure"].includes(top) ? top : null
}

/**
 * A refused save's message ("Invalid request: definition.goal.segment_entered:
 * …; definition.steps.x…") as problems by settings section; the steps' are left out.
 */
export const settingsErrorsOfMessage = (message: string | null | undefined): SettingsErrors => {
  const errors: SettingsErrors = {}
  for (const part of (message ?? "").replace(/^Invalid request:\s*/, "").split("; ")) {
    const match = part.match(/^definition\.([^:\s]+):\s*(.*)$/)
    const section = match && settingsSectionOf(match[1])
    if (section && !errors[section]) errors[section] = `${match![1]}: ${match![2]}`
  }
  return errors
}
