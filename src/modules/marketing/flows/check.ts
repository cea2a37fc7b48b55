import { validateConditionTree } from "../conditions"
import { isKnownEventType, ruleCatalog } from "../scoring/rules"

/** One problem in a flow definition: its path (`steps.wait_1.seconds`) and, when it is about a step, the step's id. */
export type FlowValidationError = { path: string; message: string; step_id?: string }

/** Enough to fix a definition; keeps the answer small when the input is hostile. */
const MAX_ERRORS = 100

export const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/
/** Ids a flow names (templates, segments, groups); recipes use `starter:<key>` and `builtin:<key>` placeholders. */
export const REFERENCE_ID = /^[A-Za-z0-9_:.-]{1,200}$/

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

export const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k)
export const join = (path: string, key: string) => (path ? `${path}.${key}` : key)
export const isWhole = (n: unknown, min: number, max: number): n is number =>
  typeof n === "number" && Number.isInteger(n) && n >= min && n <= max
export const isNumberIn = (n: unknown, min: number, max: number): n is number =>
  typeof n === "number" && Number.isFinite(n) && n >= min && n <= max
export const show = (v: unknown) => JSON.stringify(String(v)).slice(0, 60)

/**
 * Collects errors; `step` is the step id the current checks are about, so
 * every error under `steps.<id>` names it.
 */
export class Checker {
  readonly errors: FlowValidationError[] = []
  step?: string

  fail(path: string, message: string, step_id = this.step): void {
    if (this.errors.length >= MAX_ERRORS) return
    this.errors.push(step_id ? { path, message, step_id } : { path, message })
  }

  get full(): boolean {
    return this.errors.length >= MAX_ERRORS
  }

  /** False (with an error) when not an object; otherwise refuses unknown keys. */
  object(value: unknown, path: string, keys: readonly string[], what = "an object"): value is Record<string, unknown> {
    if (!isPlainObject(value)) {
      this.fail(path, `must be ${what}`)
      return false
    }
    for (const key of Object.keys(value)) if (!keys.includes(key)) this.fail(join(path, key), "is not a known key")
    return true
  }

  oneOf(value: unknown, path: string, values: readonly unknown[]): void {
    if (!values.includes(value)) this.fail(path, `must be one of ${values.join(", ")}`)
  }

  whole(value: unknown, path: string, min: number, max: number, unit = ""): void {
    if (!isWhole(value, min, max)) this.fail(path, `must be a whole number from ${min} to ${max}${unit}`)
  }

  text(value: unknown, path: string, max: number, optional = false): void {
    if (optional && value === undefined) return
    if (typeof value !== "string" || value.trim() === "" || value.length > max) {
      this.fail(path, `must be text of 1 to ${max} characters`)
    }
  }

  bool(value: unknown, path: string): void {
    if (value !== undefined && typeof value !== "boolean") this.fail(path, "must be true or false")
  }

  reference(value: unknown, path: string, what: string): void {
    if (typeof value !== "string" || !REFERENCE_ID.test(value)) this.fail(path, `must be a ${what} id`)
  }

  localTime(value: unknown, path: string): void {
    if (typeof value !== "string" || !LOCAL_TIME.test(value)) this.fail(path, 'must be a local time "HH:MM" (24-hour)')
  }

  /** An event type (tracked, Medusa-derived, engagement or `custom:<name>`) with property filters. */
  eventMatch(value: unknown, path: string): void {
    if (!this.object(value, path, ["type", "where"])) return
    const type = value.type
    if (typeof type !== "string" || !isKnownEventType(type)) {
      return this.fail(join(path, "type"), `unknown event type ${show(type)}`)
    }
    if (!has(value, "where")) return
    const result = validateConditionTree(value.where, ruleCatalog("engagement", type, value.where))
    if (!result.ok) {
      const where = join(path, "where")
      for (const e of result.errors) this.fail(e.path ? join(where, e.path) : where, e.message)
    }
  }
}
