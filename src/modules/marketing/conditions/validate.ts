import { parseIsoDate } from "./dates"
import { getField, type FieldCatalog, type FieldDef } from "./fields"
import { OPERATORS, OPERATORS_BY_TYPE, type Node, type Operator } from "./types"

export type ValidationError = { path: string; message: string }
export type ValidationResult = { ok: true; tree: Node } | { ok: false; errors: ValidationError[] }

export type ValidateOptions = {
  maxDepth?: number
  maxLeaves?: number
  maxStringLength?: number
  maxListLength?: number
}

export const DEFAULT_LIMITS: Required<ValidateOptions> = {
  maxDepth: 10,
  maxLeaves: 200,
  maxStringLength: 1000,
  maxListLength: 1000,
}

/** Relative dates look at most 100 years away; anniversaries at most a year ahead. */
const MAX_DAYS = 36500
const MAX_ANNIVERSARY_DAYS = 366
/** Enough to fix a tree; keeps the answer small when the input is hostile. */
const MAX_ERRORS = 50

const GROUP_KEYS = ["and", "or", "not"] as const
const LEAF_KEYS = ["field", "operator", "value"]

function has(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key)
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key
}

/** Quotes user text in a message, cut short. */
function show(text: string): string {
  return JSON.stringify(text.length > 50 ? `${text.slice(0, 50)}…` : text)
}

/**
 * Checks an untrusted tree against a catalog and returns it typed, or every
 * problem with its path (`and[1].or[0].value`, `not.field`; "" is the root).
 *
 * String fields compare case-insensitively for eq, neq, in, not_in, contains
 * and starts_with; enum values must match exactly.
 */
export function validateConditionTree(
  tree: unknown,
  catalog: FieldCatalog,
  options: ValidateOptions = {}
): ValidationResult {
  const limits = { ...DEFAULT_LIMITS, ...options }
  const errors: ValidationError[] = []
  let leaves = 0
  const fail = (path: string, message: string) => {
    if (errors.length < MAX_ERRORS) errors.push({ path, message })
  }

  function node(value: unknown, path: string, depth: number): void {
    if (errors.length >= MAX_ERRORS || leaves > limits.maxLeaves) return
    if (depth > limits.maxDepth) return fail(path, `is nested deeper than ${limits.maxDepth} levels`)
    if (!isPlainObject(value)) return fail(path, "must be an object")

    const kind = GROUP_KEYS.find((k) => has(value, k))
    if (!kind) return leaf(value, path)
    for (const key of Object.keys(value)) {
      if (key !== kind) fail(join(path, key), `cannot sit next to "${kind}"`)
    }
    const here = join(path, kind)
    if (kind === "not") return node(value.not, here, depth + 1)
    const children = value[kind]
    if (!Array.isArray(children)) return fail(here, "must be a list of conditions")
    if (children.length === 0) return fail(here, "must hold at least one condition")
    children.forEach((child, i) => node(child, `${here}[${i}]`, depth + 1))
  }

  function leaf(value: Record<string, unknown>, path: string): void {
    leaves++
    if (leaves === limits.maxLeaves + 1) fail("", `has more than ${limits.maxLeaves} conditions`)
    for (const key of Object.keys(value)) {
      if (!LEAF_KEYS.includes(key)) fail(join(path, key), "is not a known key")
    }
    let def: FieldDef | undefined
    if (typeof value.field !== "string") fail(join(path, "field"), "must be a field name")
    else if (!(def = getField(catalog, value.field))) fail(join(path, "field"), `unknown field ${show(value.field)}`)

    const op = value.operator
    if (typeof op !== "string") return fail(join(path, "operator"), "must be an operator")
    if (!(OPERATORS as readonly string[]).includes(op)) return fail(join(path, "operator"), `unknown operator ${show(op)}`)
    if (!def) return
    if (!OPERATORS_BY_TYPE[def.type].includes(op as Operator)) {
      return fail(join(path, "operator"), `"${op}" does not apply to ${def.type} field "${value.field}"`)
    }
    checkValue(def, op as Operator, has(value, "value") ? value.value : undefined, join(path, "value"))
  }

  function checkValue(def: FieldDef, op: Operator, value: unknown, path: string): void {
    switch (op) {
      case "exists":
      case "not_exists":
        if (value !== undefined) fail(path, `must be left out for ${op}`)
        return
      case "within_last":
      case "before_last":
      case "within_next":
      case "anniversary_within_next":
        return checkDays(value, path, op === "anniversary_within_next" ? MAX_ANNIVERSARY_DAYS : MAX_DAYS)
      case "in":
      case "not_in":
        if (!Array.isArray(value)) return fail(path, "must be a list")
        if (value.length === 0) return fail(path, "must not be empty")
        if (value.length > limits.maxListLength) return fail(path, `has more than ${limits.maxListLength} items`)
        value.forEach((item, i) => scalar(def, item, `${path}[${i}]`))
        return
      case "between": {
        if (!Array.isArray(value) || value.length !== 2) return fail(path, "must be a pair [low, high]")
        const [low, high] = value.map((item, i) => scalar(def, item, `${path}[${i}]`))
        if (low !== undefined && high !== undefined && low > high) fail(path, "must be in ascending order")
        return
      }
      case "contains":
      case "starts_with":
        if (value === "") return fail(path, "must not be empty")
        scalar(def, value, path)
        return
      default:
        scalar(def, value, path)
    }
  }

  /** Checks one value of the field's type; returns a comparable form when valid. */
  function scalar(def: FieldDef, value: unknown, path: string): number | string | boolean | undefined {
    switch (def.type) {
      case "string":
        if (typeof value !== "string") return void fail(path, "must be a string")
        if (value.length > limits.maxStringLength) {
          return void fail(path, `must be at most ${limits.maxStringLength} characters`)
        }
        return value
      case "enum":
        if (typeof value !== "string" || !def.values?.includes(value)) {
          return void fail(path, `must be one of ${(def.values ?? []).join(", ")}`)
        }
        return value
      case "number":
        if (typeof value !== "number" || !Number.isFinite(value)) return void fail(path, "must be a number")
        return value
      case "boolean":
        if (typeof value !== "boolean") return void fail(path, "must be true or false")
        return value
      case "date": {
        const ms = parseIsoDate(value)
        if (ms === null) return void fail(path, "must be an ISO 8601 date (YYYY-MM-DD or with time and offset)")
        return ms
      }
    }
  }

  function checkDays(value: unknown, path: string, max: number): void {
    if (!isPlainObject(value)) return fail(path, "must be { days: n }")
    for (const key of Object.keys(value)) {
      if (key !== "days") fail(join(path, key), "is not a known key")
    }
    const days = value.days
    if (typeof days !== "number" || !Number.isInteger(days) || days < 1 || days > max) {
      fail(join(path, "days"), `must be a whole number from 1 to ${max}`)
    }
  }

  node(tree, "", 1)
  return errors.length ? { ok: false, errors } : { ok: true, tree: tree as Node }
}

/** Thrown by the compilers when handed an invalid tree. */
export class ConditionTreeError extends Error {
  constructor(public readonly errors: ValidationError[]) {
    super(`Invalid condition tree: ${errors.map((e) => `${e.path || "(root)"} ${e.message}`).join("; ")}`)
    this.name = "ConditionTreeError"
  }
}

/** Validates or throws, for code paths that only accept valid trees. */
export function assertConditionTree(tree: unknown, catalog: FieldCatalog, options?: ValidateOptions): Node {
  const result = validateConditionTree(tree, catalog, options)
  if (!result.ok) throw new ConditionTreeError(result.errors)
  return result.tree
}
