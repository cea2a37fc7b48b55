/**
 * A condition tree: groups (`and`, `or`, `not`) over leaves that test one field.
 * Trees are plain JSON so they can live in a jsonb column and travel through
 * workflows; validate them with `validateConditionTree` before use.
 */
export type Node = AndNode | OrNode | NotNode | Leaf
export type AndNode = { and: Node[] }
export type OrNode = { or: Node[] }
export type NotNode = { not: Node }

export type Leaf = {
  field: string
  operator: Operator
  /** Absent for `exists` / `not_exists`; `{ days }` for relative dates. */
  value?: unknown
}

export const OPERATORS = [
  "eq",
  "neq",
  "in",
  "not_in",
  "contains",
  "starts_with",
  "gt",
  "gte",
  "lt",
  "lte",
  "between",
  "exists",
  "not_exists",
  "within_last",
  "before_last",
  "within_next",
  "anniversary_within_next",
] as const
export type Operator = (typeof OPERATORS)[number]

/** Value of the relative date operators. */
export type DaysValue = { days: number }

export type FieldType = "string" | "number" | "date" | "enum" | "boolean"

/** Which operators apply to which field type. */
export const OPERATORS_BY_TYPE: Readonly<Record<FieldType, readonly Operator[]>> = {
  string: ["eq", "neq", "in", "not_in", "contains", "starts_with", "exists", "not_exists"],
  enum: ["eq", "neq", "in", "not_in", "exists", "not_exists"],
  number: ["eq", "neq", "in", "not_in", "gt", "gte", "lt", "lte", "between", "exists", "not_exists"],
  boolean: ["eq", "neq", "exists", "not_exists"],
  // No eq/in on dates: instants rarely match to the millisecond; use between.
  date: [
    "gt",
    "gte",
    "lt",
    "lte",
    "between",
    "within_last",
    "before_last",
    "within_next",
    "anniversary_within_next",
    "exists",
    "not_exists",
  ],
}

export const RELATIVE_DATE_OPERATORS: readonly Operator[] = [
  "within_last",
  "before_last",
  "within_next",
  "anniversary_within_next",
]

export function isAnd(node: Node): node is AndNode {
  return "and" in node
}
export function isOr(node: Node): node is OrNode {
  return "or" in node
}
export function isNot(node: Node): node is NotNode {
  return "not" in node
}
