import {
  RELATIVE_DATE_OPERATORS,
  ValidationError,
  validateConditionTree,
  type Leaf,
  type Operator,
} from "../conditions"
import { isKnownEventType, ruleCatalog } from "../scoring/rules"
import { SEGMENT_CONTACT_FIELDS } from "./fields"
import {
  COUNT_OPERATORS,
  LEAF_KINDS,
  PURCHASE_METRICS,
  PURCHASE_OPERATORS,
  TOTAL_OPERATORS,
  SegmentDependencies,
  SegmentNode,
} from "./types"

export const MAX_DEPTH = 10
export const MAX_LEAVES = 100
/** Windows look back at most ten years. */
export const MAX_WINDOW_DAYS = 3650
const MAX_ERRORS = 50
const CURRENCY = /^[a-z]{3}$/
const ID = /^[A-Za-z0-9_-]{1,100}$/

export type SegmentValidation = { ok: true; tree: SegmentNode } | { ok: false; errors: ValidationError[] }

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}
const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k)
const join = (path: string, key: string) => (path ? `${path}.${key}` : key)
const isWhole = (n: unknown, min: number, max: number): n is number =>
  typeof n === "number" && Number.isInteger(n) && n >= min && n <= max

/**
 * Checks an untrusted segment definition and returns it typed, or every
 * problem with its path in the tree (`and[1].event.where.and[0].operator`).
 * Field leaves are checked by the condition-tree validator, against the
 * contact catalog or, inside `event.where`, the event type's properties.
 */
export function validateSegmentDefinition(tree: unknown): SegmentValidation {
  const errors: ValidationError[] = []
  let leaves = 0
  const fail = (path: string, message: string) => {
    if (errors.length < MAX_ERRORS) errors.push({ path, message })
  }
  const nested = (path: string, result: ReturnType<typeof validateConditionTree>) => {
    if (!result.ok) for (const e of result.errors) fail(e.path ? join(path, e.path) : path, e.message)
  }
  const onlyKeys = (value: Record<string, unknown>, keys: string[], path: string) => {
    for (const key of Object.keys(value)) if (!keys.includes(key)) fail(join(path, key), "is not a known key")
  }
  const windowDays = (value: Record<string, unknown>, path: string) => {
    if (has(value, "within_days") && !isWhole(value.within_days, 1, MAX_WINDOW_DAYS)) {
      fail(join(path, "within_days"), `must be a whole number from 1 to ${MAX_WINDOW_DAYS}`)
    }
  }

  function node(value: unknown, path: string, depth: number): void {
    if (errors.length >= MAX_ERRORS) return
    if (depth > MAX_DEPTH) return fail(path, `is nested deeper than ${MAX_DEPTH} levels`)
    if (!isPlainObject(value)) return fail(path, "must be an object")
    const group = (["and", "or", "not"] as const).find((k) => has(value, k))
    if (group) {
      onlyKeys(value, [group], path)
      const here = join(path, group)
      if (group === "not") return node(value.not, here, depth + 1)
      const children = value[group]
      if (!Array.isArray(children)) return fail(here, "must be a list of conditions")
      if (children.length === 0) return fail(here, "must hold at least one condition")
      children.forEach((child, i) => node(child, `${here}[${i}]`, depth + 1))
      return
    }
    if (++leaves === MAX_LEAVES + 1) fail("", `has more than ${MAX_LEAVES} conditions`)
    const kind = LEAF_KINDS.find((k) => has(value, k))
    if (!kind) return nested(path, validateConditionTree(value, SEGMENT_CONTACT_FIELDS))
    onlyKeys(value, [kind], path)
    const here = join(path, kind)
    const body = value[kind]
    switch (kind) {
      case "event":
        return eventLeaf(body, here)
      case "purchase":
        return purchaseLeaf(body, here)
      case "segment":
      case "customer_group":
        if (typeof body !== "string" || !ID.test(body)) fail(here, `must be a ${kind === "segment" ? "segment" : "customer group"} id`)
        return
      case "top_spenders":
        if (!isPlainObject(body)) return fail(here, "must be { percent: n }")
        onlyKeys(body, ["percent"], here)
        if (!isWhole(body.percent, 1, 99)) fail(join(here, "percent"), "must be a whole number from 1 to 99")
        return
    }
  }

  function eventLeaf(body: unknown, path: string): void {
    if (!isPlainObject(body)) return fail(path, "must be an object")
    onlyKeys(body, ["type", "where", "count", "total", "within_days"], path)
    const type = body.type
    if (typeof type !== "string" || !isKnownEventType(type)) {
      fail(join(path, "type"), `unknown event type ${JSON.stringify(String(type)).slice(0, 60)}`)
    } else if (has(body, "where")) {
      nested(join(path, "where"), validateConditionTree(body.where, ruleCatalog("engagement", type, body.where)))
    }
    if (has(body, "count")) {
      const count = body.count
      const here = join(path, "count")
      if (!isPlainObject(count)) fail(here, "must be { operator, value }")
      else {
        onlyKeys(count, ["operator", "value"], here)
        if (!(COUNT_OPERATORS as readonly unknown[]).includes(count.operator)) {
          fail(join(here, "operator"), `must be one of ${COUNT_OPERATORS.join(", ")}`)
        }
        if (!isWhole(count.value, 0, 1_000_000)) fail(join(here, "value"), "must be a whole number from 0")
      }
    }
    if (has(body, "total")) {
      const total = body.total
      const here = join(path, "total")
      if (has(body, "count")) fail(here, "give count or total, not both")
      if (!isPlainObject(total)) fail(here, "must be { property, operator, value }")
      else {
        onlyKeys(total, ["property", "operator", "value"], here)
        const catalog = typeof type === "string" && isKnownEventType(type) ? ruleCatalog("engagement", type) : {}
        const field = typeof total.property === "string" ? catalog[`properties.${total.property}`] : undefined
        if (!field || field.type !== "number") fail(join(here, "property"), "must be a number property of the event type")
        if (!(TOTAL_OPERATORS as readonly unknown[]).includes(total.operator)) {
          fail(join(here, "operator"), `must be one of ${TOTAL_OPERATORS.join(", ")}`)
        }
        if (typeof total.value !== "number" || !Number.isFinite(total.value) || total.value < 0) {
          fail(join(here, "value"), "must be a number from 0")
        }
      }
    }
    windowDays(body, path)
  }

  function purchaseLeaf(body: unknown, path: string): void {
    if (!isPlainObject(body)) return fail(path, "must be an object")
    onlyKeys(body, ["metric", "operator", "value", "currency_code", "product_id", "category_id", "within_days"], path)
    const metric = body.metric
    if (!(PURCHASE_METRICS as readonly unknown[]).includes(metric)) {
      fail(join(path, "metric"), `must be one of ${PURCHASE_METRICS.join(", ")}`)
    }
    if (!(PURCHASE_OPERATORS as readonly unknown[]).includes(body.operator)) {
      fail(join(path, "operator"), `must be one of ${PURCHASE_OPERATORS.join(", ")}`)
    }
    if (typeof body.value !== "number" || !Number.isFinite(body.value) || body.value < 0) {
      fail(join(path, "value"), "must be a number from 0")
    }
    if (has(body, "currency_code")) {
      if (typeof body.currency_code !== "string" || !CURRENCY.test(body.currency_code)) {
        fail(join(path, "currency_code"), "must be a lowercase ISO 4217 code such as eur")
      }
    } else if (metric === "total_spent" || metric === "average_order_value") {
      fail(join(path, "currency_code"), `is required for ${metric}: amounts in different currencies are not added up`)
    }
    for (const key of ["product_id", "category_id"]) {
      if (has(body, key) && (typeof body[key] !== "string" || !ID.test(body[key] as string))) fail(join(path, key), "must be an id")
    }
    windowDays(body, path)
  }

  node(tree, "", 1)
  return errors.length ? { ok: false, errors } : { ok: true, tree: tree as SegmentNode }
}

/** Calls `visit` on every leaf of a valid tree. */
export function forEachLeaf(tree: SegmentNode, visit: (leaf: SegmentNode) => void): void {
  if ("and" in tree) tree.and.forEach((n) => forEachLeaf(n, visit))
  else if ("or" in tree) tree.or.forEach((n) => forEachLeaf(n, visit))
  else if ("not" in tree) forEachLeaf(tree.not, visit)
  else visit(tree)
}

export function dependenciesOf(tree: SegmentNode): SegmentDependencies {
  const fields = new Set<string>()
  const eventTypes = new Set<string>()
  const segments = new Set<string>()
  const groups = new Set<string>()
  let time = false
  let population = false
  forEachLeaf(tree, (leaf) => {
    if ("event" in leaf) {
      eventTypes.add(leaf.event.type)
      if (leaf.event.within_days) time = true
    } else if ("purchase" in leaf) {
      eventTypes.add("order_placed").add("order_canceled")
      if (leaf.purchase.within_days) time = true
    } else if ("segment" in leaf) segments.add(leaf.segment)
    else if ("customer_group" in leaf) groups.add(leaf.customer_group)
    else if ("top_spenders" in leaf) {
      population = true
      fields.add("order_count").add("total_spent")
    } else {
      const field = leaf as Leaf
      fields.add(field.field)
      if (RELATIVE_DATE_OPERATORS.includes(field.operator as Operator)) time = true
    }
  })
  const sorted = (s: Set<string>) => [...s].sort()
  return {
    fields: sorted(fields),
    event_types: sorted(eventTypes),
    segments: sorted(segments),
    customer_groups: sorted(groups),
    time,
    population,
  }
}

/**
 * The segment whose definition would close a cycle, if any: `graph` maps each
 * segment id to the ids its definition references (the edited one included).
 */
export function findCycle(graph: ReadonlyMap<string, readonly string[]>, start: string): string[] | null {
  const path: string[] = []
  const onPath = new Set<string>()
  const done = new Set<string>()
  const visit = (id: string): string[] | null => {
    if (onPath.has(id)) return [...path.slice(path.indexOf(id)), id]
    if (done.has(id)) return null
    onPath.add(id)
    path.push(id)
    for (const next of graph.get(id) ?? []) {
      const cycle = visit(next)
      if (cycle) return cycle
    }
    onPath.delete(id)
    path.pop()
    done.add(id)
    return null
  }
  return visit(start)
}

/**
 * Orders segments so every segment comes after those it references; ids
 * referenced but not in the map are ignored. Assumes no cycles (checked at save).
 */
export function dependencyOrder(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const order: string[] = []
  const seen = new Set<string>()
  const visit = (id: string) => {
    if (seen.has(id) || !graph.has(id)) return
    seen.add(id)
    for (const next of graph.get(id) ?? []) visit(next)
    order.push(id)
  }
  for (const id of [...graph.keys()].sort()) visit(id)
  return order
}

/** The path of the first leaf referencing a segment, for error messages. */
export function pathOfReference(tree: unknown, kind: "segment" | "customer_group", id: string, path = ""): string | null {
  if (!isPlainObject(tree)) return null
  for (const group of ["and", "or"] as const) {
    if (Array.isArray(tree[group])) {
      for (let i = 0; i < (tree[group] as unknown[]).length; i++) {
        const found = pathOfReference((tree[group] as unknown[])[i], kind, id, `${join(path, group)}[${i}]`)
        if (found) return found
      }
      return null
    }
  }
  if (has(tree, "not")) return pathOfReference(tree.not, kind, id, join(path, "not"))
  return tree[kind] === id ? join(path, kind) : null
}

