import { anniversaryWithinNext, DAY_MS, parseIsoDate, toTime } from "./dates"
import { getField, type FieldCatalog, type FieldDef } from "./fields"
import { isAnd, isNot, isOr, type DaysValue, type Leaf, type Node } from "./types"

/** A contact-like row: field name → value. Event property fields read `record.properties`. */
export type ConditionRecord = Record<string, unknown>

type Scalar = string | number | boolean

function walk(value: unknown, path: readonly string[]): unknown {
  for (const key of path) {
    if (Array.isArray(value)) {
      // Like jsonb's `#>`: a numeric segment indexes an array, any other reads nothing.
      value = /^[0-9]+$/.test(key) ? value[Number(key)] : undefined
    } else if (typeof value === "object" && value !== null && Object.prototype.hasOwnProperty.call(value, key)) {
      value = (value as Record<string, unknown>)[key]
    } else {
      return undefined
    }
  }
  return value
}

/**
 * The field's value as the SQL column expression would see it, or null when
 * missing. Dates become epoch milliseconds.
 */
export function readField(record: ConditionRecord, name: string, def: FieldDef): Scalar | null {
  if (def.property) {
    // JSON: only a value of the field's own JSON type counts (see eventPropertyField).
    const value = walk(record.properties, def.property)
    switch (def.type) {
      case "string":
      case "enum":
        return typeof value === "string" ? value : null
      case "number":
        return typeof value === "number" && Number.isFinite(value) ? value : null
      case "boolean":
        return typeof value === "boolean" ? value : null
      case "date":
        return parseIsoDate(value)
    }
  }
  const value = record[name]
  switch (def.type) {
    case "string":
    case "enum":
      return typeof value === "string" ? value : null
    case "number":
      // pg returns numeric and bigint columns as strings.
      if (typeof value === "number") return Number.isFinite(value) ? value : null
      if (typeof value === "bigint") return Number(value)
      if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value)
      return null
    case "boolean":
      return typeof value === "boolean" ? value : null
    case "date":
      return toTime(value)
  }
}

/**
 * Evaluates a valid tree against one record, agreeing with `compileCondition`.
 *
 * The NULL rule: every leaf is two-valued. A leaf on a missing value is false,
 * whatever its operator (so `neq` and `not_in` need a value, as `NULL <> 'x'`
 * is not true in SQL), except `exists` (false) and `not_exists` (true).
 * `not` is then a plain negation: `not { eq: "x" }` is true for a missing value.
 */
export function evaluateCondition(tree: Node, record: ConditionRecord, catalog: FieldCatalog, now: Date): boolean {
  const nowMs = now.getTime()
  const visit = (node: Node): boolean => {
    if (isAnd(node)) return node.and.every(visit)
    if (isOr(node)) return node.or.some(visit)
    if (isNot(node)) return !visit(node.not)
    return evaluateLeaf(node, record, catalog, nowMs)
  }
  return visit(tree)
}

function evaluateLeaf(leaf: Leaf, record: ConditionRecord, catalog: FieldCatalog, now: number): boolean {
  const def = getField(catalog, leaf.field)
  if (!def) throw new Error(`Unknown field "${leaf.field}"`)
  const raw = readField(record, leaf.field, def)
  if (leaf.operator === "exists") return raw !== null
  if (leaf.operator === "not_exists") return raw === null
  if (raw === null) return false

  // Strings compare case-insensitively; dates compare as epoch milliseconds.
  const norm = (v: unknown): Scalar => {
    if (def.type === "string") return (v as string).toLowerCase()
    if (def.type === "date") return parseIsoDate(v) as number
    return v as Scalar
  }
  const value = def.type === "string" ? (raw as string).toLowerCase() : raw
  const v = leaf.value
  const days = () => (v as DaysValue).days * DAY_MS

  switch (leaf.operator) {
    case "eq":
      return value === norm(v)
    case "neq":
      return value !== norm(v)
    case "in":
      return (v as unknown[]).some((item) => value === norm(item))
    case "not_in":
      return !(v as unknown[]).some((item) => value === norm(item))
    case "contains":
      return (value as string).includes(norm(v) as string)
    case "starts_with":
      return (value as string).startsWith(norm(v) as string)
    case "gt":
      return value > norm(v)
    case "gte":
      return value >= norm(v)
    case "lt":
      return value < norm(v)
    case "lte":
      return value <= norm(v)
    case "between": {
      const [low, high] = v as unknown[]
      return value >= norm(low) && value <= norm(high)
    }
    case "within_last":
      return (value as number) >= now - days() && (value as number) <= now
    case "before_last":
      return (value as number) < now - days()
    case "within_next":
      return (value as number) >= now && (value as number) <= now + days()
    case "anniversary_within_next":
      return anniversaryWithinNext(value as number, now, (v as DaysValue).days)
  }
  return false
}
