import type { BadgeColor } from "./events"
import { capitalize, humanize } from "./format"
import type {
  CapPeriod,
  ConditionFieldType,
  ConditionLeaf,
  ConditionNode,
  ConditionOperator,
  LifecycleStage,
  RfmGroup,
  ScoreComponent,
  ScoringField,
  ScoringRule,
  ScoringRuleKind,
} from "./types"
// Pure modules of the backend (no Medusa imports), shared so the lists never drift.
import { OPERATORS_BY_TYPE as SERVER_OPERATORS_BY_TYPE } from "../../modules/marketing/conditions/types"
import { RFM_GROUPS as SERVER_RFM_GROUPS } from "../../modules/marketing/scoring/rfm"

// Lifecycle stages

/** Stages in the order a contact usually moves through them. */
export const LIFECYCLE_STAGES: LifecycleStage[] = [
  "subscriber",
  "lead",
  "marketing_qualified",
  "sales_ready",
  "customer",
  "repeat_customer",
  "vip",
  "at_risk",
  "lost",
]

const LIFECYCLE_STAGE_INFO: Record<
  LifecycleStage,
  { label: string; color: BadgeColor }
> = {
  subscriber: { label: "Subscriber", color: "grey" },
  lead: { label: "Lead", color: "blue" },
  marketing_qualified: { label: "Marketing qualified", color: "blue" },
  sales_ready: { label: "Sales ready", color: "purple" },
  customer: { label: "Customer", color: "green" },
  repeat_customer: { label: "Repeat customer", color: "green" },
  vip: { label: "VIP", color: "purple" },
  at_risk: { label: "At risk", color: "orange" },
  lost: { label: "Lost", color: "red" },
}

export const isLifecycleStage = (value: unknown): value is LifecycleStage =>
  typeof value === "string" && value in LIFECYCLE_STAGE_INFO

export const getLifecycleStageLabel = (stage: string | null | undefined) => {
  if (!stage) {
    return null
  }
  return isLifecycleStage(stage)
    ? LIFECYCLE_STAGE_INFO[stage].label
    : humanize(stage)
}

export const getLifecycleStageColor = (
  stage: string | null | undefined
): BadgeColor =>
  isLifecycleStage(stage) ? LIFECYCLE_STAGE_INFO[stage].color : "grey"

// RFM groups

/** From the best customers to the ones already gone (the server's own list). */
export const RFM_GROUPS: RfmGroup[] = [...SERVER_RFM_GROUPS]

const RFM_GROUP_COLORS: Record<RfmGroup, BadgeColor> = {
  Champions: "green",
  Loyal: "green",
  "Potential loyalist": "blue",
  "New customer": "blue",
  Promising: "blue",
  "Need attention": "orange",
  "At risk": "orange",
  "Can't lose them": "red",
  Hibernating: "grey",
  Lost: "red",
}

export const isRfmGroup = (value: unknown): value is RfmGroup =>
  typeof value === "string" && value in RFM_GROUP_COLORS

export const getRfmGroupColor = (group: string | null | undefined): BadgeColor =>
  isRfmGroup(group) ? RFM_GROUP_COLORS[group] : "grey"

/** The colour of a badge as a CSS value, for SVG charts. */
export const badgeColorVar = (color: BadgeColor) =>
  `var(--tag-${color === "grey" ? "neutral" : color}-icon)`

// Rules

export const SCORING_RULE_KINDS: ScoringRuleKind[] = [
  "engagement",
  "fit",
  "loyalty",
]

export const SCORING_RULE_KIND_INFO: Record<
  ScoringRuleKind,
  { label: string; color: BadgeColor; description: string }
> = {
  engagement: {
    label: "Engagement",
    color: "blue",
    description:
      "Points for what the contact does. They count towards the acquisition score and fade with the half-life.",
  },
  fit: {
    label: "Fit",
    color: "purple",
    description:
      "Points for who the contact is (country, device, age band…). They count towards the acquisition score while the contact matches.",
  },
  loyalty: {
    label: "Loyalty",
    color: "green",
    description:
      "Points for what a customer does. They count towards the loyalty score next to RFM.",
  },
}

/** Engagement and loyalty rules react to events; fit rules to attributes. */
export const isEventRuleKind = (kind: ScoringRuleKind) => kind !== "fit"

export const CAP_PERIODS: CapPeriod[] = ["day", "week", "ever"]

export const CAP_PERIOD_LABELS: Record<CapPeriod, string> = {
  day: "Per day",
  week: "Per week",
  ever: "In total",
}

export const MAX_RULE_POINTS = 1000

const numberFormatter = new Intl.NumberFormat(undefined, {
  maximumFractionDigits: 1,
})

/** Scores can carry decimals after decay: "42.5". */
export const formatScore = (value: number | null | undefined) =>
  typeof value === "number" && Number.isFinite(value)
    ? numberFormatter.format(value)
    : "-"

/** "+5", "−3" (with a true minus sign), "0". */
export const formatSigned = (value: number) => {
  if (!Number.isFinite(value) || value === 0) {
    return "0"
  }
  const abs = numberFormatter.format(Math.abs(value))
  return value > 0 ? `+${abs}` : `\u2212${abs}`
}

/** "3 per day", "1 per week", "5 in total"; null without a cap. */
export const formatCap = (
  rule: Pick<ScoringRule, "cap_count" | "cap_period">
) => {
  if (!rule.cap_count || !rule.cap_period) {
    return null
  }
  switch (rule.cap_period) {
    case "day":
      return `${rule.cap_count} per day`
    case "week":
      return `${rule.cap_count} per week`
    default:
      return `${rule.cap_count} in total`
  }
}

const SCORE_COMPONENT_LABELS: Record<ScoreComponent, string> = {
  engagement: "Engagement",
  fit: "Fit",
  rfm: "RFM",
  loyalty_rule: "Loyalty rule",
}

export const getScoreComponentLabel = (component: string) =>
  SCORE_COMPONENT_LABELS[component as ScoreComponent] ?? humanize(component)

// Conditions

/** Which operators apply to which field type: the server's own table. */
export const OPERATORS_BY_TYPE = Object.fromEntries(
  Object.entries(SERVER_OPERATORS_BY_TYPE).map(([type, operators]) => [type, [...operators]])
) as Record<ConditionFieldType, ConditionOperator[]>

const ALL_OPERATORS = new Set<string>(
  Object.values(OPERATORS_BY_TYPE).flat()
)

export const RELATIVE_DATE_OPERATORS: ConditionOperator[] = [
  "within_last",
  "before_last",
  "within_next",
  "anniversary_within_next",
]

export const isRelativeDateOperator = (operator: string) =>
  (RELATIVE_DATE_OPERATORS as string[]).includes(operator)

export const isListOperator = (operator: string) =>
  operator === "in" || operator === "not_in"

export const isPresenceOperator = (operator: string) =>
  operator === "exists" || operator === "not_exists"

/** Relative dates look at most 100 years away; anniversaries a year ahead. */
export const maxDaysFor = (operator: string) =>
  operator === "anniversary_within_next" ? 366 : 36500

const OPERATOR_LABELS: Record<ConditionOperator, string> = {
  eq: "is",
  neq: "is not",
  in: "is one of",
  not_in: "is none of",
  contains: "contains",
  starts_with: "starts with",
  gt: "is greater than",
  gte: "is at least",
  lt: "is less than",
  lte: "is at most",
  between: "is between",
  exists: "is set",
  not_exists: "is not set",
  within_last: "is in the last … days",
  before_last: "is more than … days ago",
  within_next: "is in the next … days",
  anniversary_within_next: "has its anniversary in the next … days",
}

const DATE_OPERATOR_LABELS: Partial<Record<ConditionOperator, string>> = {
  gt: "is after",
  gte: "is on or after",
  lt: "is before",
  lte: "is on or before",
}

export const getOperatorLabel = (
  operator: ConditionOperator,
  type?: ConditionFieldType
) =>
  (type === "date" ? DATE_OPERATOR_LABELS[operator] : undefined) ??
  OPERATOR_LABELS[operator] ??
  operator

const FIELD_LABELS: Record<string, string> = {
  country_code: "Country",
  device_type: "Device",
  os: "Operating system",
  first_utm_source: "First UTM source",
  first_utm_medium: "First UTM medium",
  first_utm_campaign: "First UTM campaign",
  last_utm_source: "Latest UTM source",
  last_utm_medium: "Latest UTM medium",
  last_utm_campaign: "Latest UTM campaign",
  locale: "Language",
  timezone: "Time zone",
}

const PROPERTY_PREFIX = "properties."

/** "Category" for `properties.category`, "Country" for `country_code`. */
export const getFieldLabel = (name: string) => {
  if (FIELD_LABELS[name]) {
    return FIELD_LABELS[name]
  }
  if (name.startsWith(PROPERTY_PREFIX)) {
    return name
      .slice(PROPERTY_PREFIX.length)
      .split(".")
      .map((part) => humanize(part))
      .join(" › ")
  }
  return humanize(name)
}

const CUSTOM_PROPERTY_PATH = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+){0,2}$/

/**
 * Custom events carry whatever the store sends, so their rules may test any
 * property (one to three levels, e.g. `properties.plan`), compared as text.
 */
export const customPropertyField = (name: string): ScoringField | undefined =>
  name.startsWith(PROPERTY_PREFIX) &&
  CUSTOM_PROPERTY_PATH.test(name.slice(PROPERTY_PREFIX.length))
    ? { name, type: "string" }
    : undefined

export { PROPERTY_PREFIX }

/** One condition as the editor holds it: text straight from the inputs. */
export type ConditionDraft = {
  /** React key, stable while the row exists. */
  key: string
  field: string
  operator: ConditionOperator | ""
  /** The value, the list (comma-separated), the low end, or the days. */
  value: string
  /** The high end of `between`. */
  value2: string
}

let draftKey = 0
const nextDraftKey = () => `condition-${++draftKey}`

export const emptyConditionDraft = (): ConditionDraft => ({
  key: nextDraftKey(),
  field: "",
  operator: "",
  value: "",
  value2: "",
})

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === "object" && !Array.isArray(value)

const isLeaf = (node: unknown): node is ConditionLeaf =>
  isPlainObject(node) &&
  typeof node.field === "string" &&
  typeof node.operator === "string" &&
  Object.keys(node).every((key) => ["field", "operator", "value"].includes(key))

const scalarText = (value: unknown): string | null => {
  if (typeof value === "string") {
    return value
  }
  if (typeof value === "number" && Number.isFinite(value)) {
    return String(value)
  }
  if (typeof value === "boolean") {
    return value ? "true" : "false"
  }
  return null
}

/** The editor's form of a leaf, or null when it cannot show it faithfully. */
const leafToDraft = (leaf: ConditionLeaf): ConditionDraft | null => {
  const { operator, value } = leaf
  if (!ALL_OPERATORS.has(operator)) {
    return null
  }
  const draft = { ...emptyConditionDraft(), field: leaf.field, operator }

  if (isPresenceOperator(operator)) {
    return value === undefined ? draft : null
  }
  if (isRelativeDateOperator(operator)) {
    if (!isPlainObject(value) || typeof value.days !== "number") {
      return null
    }
    return { ...draft, value: String(value.days) }
  }
  if (isListOperator(operator)) {
    if (!Array.isArray(value) || value.length === 0) {
      return null
    }
    const items = value.map(scalarText)
    // A comma inside an item would split it in two on the way back.
    if (items.some((item) => item === null || item.includes(",") || !item.trim())) {
      return null
    }
    return { ...draft, value: items.join(", ") }
  }
  if (operator === "between") {
    if (!Array.isArray(value) || value.length !== 2) {
      return null
    }
    const [low, high] = value.map(scalarText)
    return low === null || high === null
      ? null
      : { ...draft, value: low, value2: high }
  }
  const text = scalarText(value)
  return text === null ? null : { ...draft, value: text }
}

/**
 * The conditions as a flat list the editor can show: none, one leaf, or an
 * `and` of leaves. Any other tree (or, not, nesting) gives null: the editor
 * then shows it read-only.
 */
export const treeToDrafts = (
  tree: ConditionNode | null | undefined
): ConditionDraft[] | null => {
  if (tree === null || tree === undefined) {
    return []
  }
  const leaves: unknown[] | null = isLeaf(tree)
    ? [tree]
    : isPlainObject(tree) &&
      Object.keys(tree).length === 1 &&
      Array.isArray((tree as { and?: unknown }).and)
    ? ((tree as { and: unknown[] }).and)
    : null
  if (!leaves || !leaves.every(isLeaf)) {
    return null
  }
  const drafts = (leaves as ConditionLeaf[]).map(leafToDraft)
  return drafts.every((draft): draft is ConditionDraft => draft !== null)
    ? drafts
    : null
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/

export const isDateOnly = (value: string) => DATE_ONLY.test(value)

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string }

const fail = (error: string): { ok: false; error: string } => ({
  ok: false,
  error,
})

const parseScalar = (
  text: string,
  field: ScoringField
): Parsed<string | number | boolean> => {
  const trimmed = text.trim()
  switch (field.type) {
    case "number": {
      const number = Number(trimmed)
      return trimmed && Number.isFinite(number)
        ? { ok: true, value: number }
        : fail("Enter a number")
    }
    case "boolean":
      return trimmed === "true" || trimmed === "false"
        ? { ok: true, value: trimmed === "true" }
        : fail("Choose yes or no")
    case "enum":
      return field.values?.includes(trimmed)
        ? { ok: true, value: trimmed }
        : fail(
            field.values?.length
              ? `Use one of: ${field.values.join(", ")}`
              : "Choose a value"
          )
    case "date":
      return ISO_DATE.test(trimmed) && !Number.isNaN(Date.parse(trimmed))
        ? { ok: true, value: trimmed }
        : fail("Enter a date (YYYY-MM-DD)")
    default:
      return trimmed ? { ok: true, value: text } : fail("Enter a value")
  }
}

const compareValues = (a: string | number | boolean, b: string | number | boolean) =>
  typeof a === "number" && typeof b === "number"
    ? a - b
    : Date.parse(String(a)) - Date.parse(String(b))

/**
 * The leaf a draft stands for, or what is missing. `field` is the field's
 * definition from the fields endpoint (undefined when it is unknown).
 */
export const draftToLeaf = (
  draft: ConditionDraft,
  field: ScoringField | undefined
): Parsed<ConditionLeaf> => {
  if (!draft.field) {
    return fail("Choose a field")
  }
  if (!field) {
    return fail(
      draft.field === PROPERTY_PREFIX
        ? "Enter the name of the property"
        : `"${draft.field}" is not a field this rule can use`
    )
  }
  const operator = draft.operator
  if (!operator) {
    return fail("Choose an operator")
  }
  if (!OPERATORS_BY_TYPE[field.type].includes(operator)) {
    return fail(`"${getOperatorLabel(operator)}" does not apply to this field`)
  }
  const leaf = (value?: unknown): Parsed<ConditionLeaf> => ({
    ok: true,
    value:
      value === undefined
        ? { field: field.name, operator }
        : { field: field.name, operator, value },
  })

  if (isPresenceOperator(operator)) {
    return leaf()
  }
  if (isRelativeDateOperator(operator)) {
    const days = Number(draft.value.trim())
    const max = maxDaysFor(operator)
    return draft.value.trim() && Number.isInteger(days) && days >= 1 && days <= max
      ? leaf({ days })
      : fail(`Enter a whole number of days from 1 to ${max}`)
  }
  if (isListOperator(operator)) {
    const items = draft.value
      .split(",")
      .map((item) => item.trim())
      .filter(Boolean)
    if (!items.length) {
      return fail("Enter one or more values, separated by commas")
    }
    const values: (string | number | boolean)[] = []
    for (const item of items) {
      const parsed = parseScalar(item, field)
      if (!parsed.ok) {
        return fail(`"${item}": ${parsed.error.toLowerCase()}`)
      }
      values.push(parsed.value)
    }
    return leaf(values)
  }
  if (operator === "between") {
    const low = parseScalar(draft.value, field)
    const high = parseScalar(draft.value2, field)
    if (!low.ok) {
      return fail(`From: ${low.error.toLowerCase()}`)
    }
    if (!high.ok) {
      return fail(`To: ${high.error.toLowerCase()}`)
    }
    if (compareValues(low.value, high.value) > 0) {
      return fail("The first value must not be greater than the second")
    }
    return leaf([low.value, high.value])
  }
  const parsed = parseScalar(draft.value, field)
  return parsed.ok ? leaf(parsed.value) : parsed
}

/** The tree stored on the rule: null for no conditions, else an `and`. */
export const leavesToTree = (leaves: ConditionLeaf[]): ConditionNode | null =>
  leaves.length ? { and: leaves } : null

/**
 * The condition a server message points at and what it says about it, e.g.
 * `{ index: 2, message: "Field: unknown field \"colour\"" }` for
 * "Invalid request: conditions.and[2].field: unknown field "colour"".
 * Problems are joined with "; "; the first one about a condition is used.
 */
export const getConditionError = (
  message: string | null | undefined
): { index: number; message: string } | null => {
  for (const part of message?.split("; ") ?? []) {
    const match = part.match(/conditions\.and\[(\d+)\](?:\.([\w.[\]]+))?:\s*(.*)$/)
    if (match) {
      const [, index, path, text] = match
      return {
        index: Number(index),
        message: path ? `${capitalize(humanize(path.split(/[.[]/)[0]))}: ${text}` : capitalize(text),
      }
    }
  }
  return null
}
