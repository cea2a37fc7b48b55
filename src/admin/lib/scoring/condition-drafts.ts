import { capitalize, humanize } from "../format"
import {
  ALL_OPERATORS,
  OPERATORS_BY_TYPE,
  PROPERTY_PREFIX,
  getOperatorLabel,
  isListOperator,
  isPresenceOperator,
  isRelativeDateOperator,
  maxDaysFor,
} from "./conditions"
import type {
  ConditionLeaf,
  ConditionNode,
  ConditionOperator,
  ScoringField,
} from "../types"

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

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
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
