import { useMemo, useState } from "react"
import {
  MAX_RULE_POINTS,
  customPropertyField,
  draftToLeaf,
  isEventRuleKind,
  leavesToTree,
  treeToDrafts,
  type ConditionDraft,
} from "../../../../../lib/scoring"
import type {
  CapPeriod,
  ConditionLeaf,
  ConditionNode,
  CreateScoringRuleBody,
  ScoringField,
  ScoringPreviewBody,
  ScoringRule,
  ScoringRuleKind,
  UpdateScoringRuleBody,
} from "../../../../../lib/types"

export type RuleFormState = {
  name: string
  description: string
  kind: ScoringRuleKind
  eventType: string
  /** Null while the stored conditions are not a flat list (read-only). */
  conditions: ConditionDraft[] | null
  points: string
  capCount: string
  capPeriod: CapPeriod | ""
  active: boolean
  applyToHistory: boolean
}

export type RuleFormErrors = {
  name?: string
  eventType?: string
  points?: string
  cap?: string
  /** One entry per condition: its problem, or null. */
  conditions: (string | null)[]
}

const initialState = (rule?: ScoringRule): RuleFormState =>
  rule
    ? {
        name: rule.name,
        description: rule.description ?? "",
        kind: rule.kind,
        eventType: rule.event_type ?? "",
        conditions: treeToDrafts(rule.conditions),
        points: String(rule.points),
        capCount: rule.cap_count ? String(rule.cap_count) : "",
        capPeriod: rule.cap_period ?? "",
        active: rule.active,
        // Editing a rule usually means its past points should follow.
        applyToHistory: true,
      }
    : {
        name: "",
        description: "",
        kind: "engagement",
        eventType: "",
        conditions: [],
        points: "5",
        capCount: "",
        capPeriod: "",
        active: true,
        applyToHistory: false,
      }

const INTEGER = /^-?\d+$/

/**
 * The rule editor's state, what is wrong with it, and the request bodies it
 * stands for. `fields` are the fields the rule's conditions may use; while
 * they load, conditions are not judged.
 */
export const useRuleForm = ({
  rule,
  fields,
  fieldsReady,
  allowCustomProperties,
}: {
  rule?: ScoringRule
  fields: ScoringField[]
  fieldsReady: boolean
  /** Custom events: any `properties.<path>` may be tested, as text. */
  allowCustomProperties: boolean
}) => {
  const [state, setState] = useState<RuleFormState>(() => initialState(rule))

  const update = (change: Partial<RuleFormState>) =>
    setState((prev) => ({ ...prev, ...change }))

  /** Changes the conditions from their latest state (see ConditionRow). */
  const updateConditions = (
    change: (drafts: ConditionDraft[]) => ConditionDraft[]
  ) =>
    setState((prev) => ({
      ...prev,
      conditions: change(prev.conditions ?? []),
    }))

  /** Fit rules test other fields than event rules: their conditions go. */
  const setKind = (kind: ScoringRuleKind) =>
    setState((prev) => {
      if (prev.kind === kind) {
        return prev
      }
      const sameFields = isEventRuleKind(prev.kind) === isEventRuleKind(kind)
      const isEvent = isEventRuleKind(kind)
      return {
        ...prev,
        kind,
        eventType: isEvent ? prev.eventType : "",
        conditions: sameFields ? prev.conditions : [],
        // Fit rules hold or not: they have no cap.
        capCount: isEvent ? prev.capCount : "",
        capPeriod: isEvent ? prev.capPeriod : "",
      }
    })

  const isEvent = isEventRuleKind(state.kind)

  const { errors, tree } = useMemo(() => {
    const errors: RuleFormErrors = { conditions: [] }
    const byName = new Map(fields.map((field) => [field.name, field]))
    const fieldFor = (name: string) =>
      byName.get(name) ??
      (allowCustomProperties ? customPropertyField(name) : undefined)

    if (!state.name.trim()) {
      errors.name = "Give the rule a name"
    }
    if (isEvent && !state.eventType.trim()) {
      errors.eventType = "Choose the event that gives the points"
    }

    const points = state.points.trim()
    if (!INTEGER.test(points)) {
      errors.points = "Enter a whole number of points"
    } else if (Number(points) === 0) {
      errors.points = "A rule must add or take away at least one point"
    } else if (Math.abs(Number(points)) > MAX_RULE_POINTS) {
      errors.points = `Points go from −${MAX_RULE_POINTS} to ${MAX_RULE_POINTS}`
    }

    const capCount = state.capCount.trim()
    if (capCount && (!INTEGER.test(capCount) || Number(capCount) < 1)) {
      errors.cap = "The cap is a whole number of times, at least 1"
    } else if (!!capCount !== !!state.capPeriod) {
      errors.cap = capCount
        ? "Choose the period of the cap"
        : "Enter how many times the rule may score in that period"
    }

    // Conditions: undefined while they cannot be built yet.
    let tree: ConditionNode | null | undefined
    if (state.conditions === null) {
      tree = rule?.conditions ?? null
    } else {
      const leaves: ConditionLeaf[] = []
      errors.conditions = state.conditions.map((draft) => {
        const parsed = draftToLeaf(draft, fieldFor(draft.field))
        if (parsed.ok) {
          leaves.push(parsed.value)
          return null
        }
        return parsed.error
      })
      const complete = errors.conditions.every((error) => error === null)
      tree = complete && fieldsReady ? leavesToTree(leaves) : undefined
      if (!fieldsReady) {
        errors.conditions = errors.conditions.map(() => null)
      }
    }

    return { errors, tree }
  }, [state, fields, fieldsReady, allowCustomProperties, isEvent, rule?.conditions])

  const hasErrors =
    !!(errors.name || errors.eventType || errors.points || errors.cap) ||
    errors.conditions.some((error) => error !== null) ||
    tree === undefined

  /** What the preview counts; undefined while the rule is incomplete. */
  const previewBody: ScoringPreviewBody | undefined = useMemo(() => {
    if (tree === undefined || (isEvent && !state.eventType.trim())) {
      return undefined
    }
    return isEvent
      ? { kind: state.kind, event_type: state.eventType.trim(), conditions: tree }
      : { kind: state.kind, conditions: tree }
  }, [tree, isEvent, state.kind, state.eventType])

  const capCount = state.capCount.trim()
  const common = {
    name: state.name.trim(),
    kind: state.kind,
    points: Number(state.points.trim()),
    active: state.active,
    apply_to_history: state.applyToHistory,
  }

  const createBody = (): CreateScoringRuleBody => ({
    ...common,
    ...(isEvent ? { event_type: state.eventType.trim() } : {}),
    ...(state.description.trim()
      ? { description: state.description.trim() }
      : {}),
    conditions: tree ?? null,
    ...(capCount && state.capPeriod
      ? { cap_count: Number(capCount), cap_period: state.capPeriod }
      : {}),
  })

  const updateBody = (): UpdateScoringRuleBody => ({
    ...common,
    // The update is merged over the stored rule: a rule turned into a fit
    // rule must drop its event type.
    event_type: isEvent ? state.eventType.trim() : null,
    description: state.description.trim() || null,
    // Conditions the editor could not show are left as they are.
    ...(state.conditions === null ? {} : { conditions: tree ?? null }),
    cap_count: capCount && state.capPeriod ? Number(capCount) : null,
    cap_period: capCount && state.capPeriod ? state.capPeriod : null,
  })

  return {
    state,
    update,
    updateConditions,
    setKind,
    errors,
    hasErrors,
    previewBody,
    createBody,
    updateBody,
  }
}
