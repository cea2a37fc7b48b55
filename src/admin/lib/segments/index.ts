import { getEventTypeLabel } from "../events"
import { capitalize, humanize } from "../format"
import {
  OPERATORS_BY_TYPE,
  draftToLeaf,
  emptyConditionDraft,
  getFieldLabel,
  treeToDrafts,
  type ConditionDraft,
} from "../scoring"
import type {
  ConditionLeaf,
  ConditionOperator,
  CountOperator,
  PurchaseMetric,
  PurchaseOperator,
  SegmentEventType,
  SegmentField,
  SegmentNode,
} from "../types"

// Labels

/** What one row of the condition builder tests. */
export type LeafKind =
  | "field"
  | "event"
  | "purchase"
  | "segment"
  | "customer_group"
  | "top_spenders"

export const LEAF_KINDS: LeafKind[] = [
  "field",
  "event",
  "purchase",
  "segment",
  "customer_group",
  "top_spenders",
]

export const LEAF_KIND_LABELS: Record<LeafKind, string> = {
  field: "Contact field",
  event: "Behaviour",
  purchase: "Purchase",
  segment: "Segment membership",
  customer_group: "Customer group",
  top_spenders: "Top spenders",
}

export const COUNT_OPERATORS: CountOperator[] = ["gte", "lte", "eq"]

export const COUNT_OPERATOR_LABELS: Record<CountOperator, string> = {
  gte: "at least",
  lte: "at most",
  eq: "exactly",
}

export const PURCHASE_OPERATORS: PurchaseOperator[] = [
  "gte",
  "gt",
  "lte",
  "lt",
  "eq",
]

export const PURCHASE_OPERATOR_LABELS: Record<PurchaseOperator, string> = {
  gte: "is at least",
  gt: "is more than",
  lte: "is at most",
  lt: "is less than",
  eq: "is exactly",
}

export const PURCHASE_METRICS: PurchaseMetric[] = [
  "order_count",
  "total_spent",
  "average_order_value",
]

const PURCHASE_METRIC_LABELS: Record<PurchaseMetric, string> = {
  order_count: "Number of orders",
  total_spent: "Total spent",
  average_order_value: "Average order value",
}

export const getPurchaseMetricLabel = (metric: string) =>
  PURCHASE_METRIC_LABELS[metric as PurchaseMetric] ?? humanize(metric)

/** Money metrics need a currency: amounts in different currencies do not add up. */
export const isMoneyMetric = (metric: string) => metric !== "order_count"

/** The groups of the built-in segments, in the order the drawer lists them. */
export const getBuiltInGroupLabel = (group: string) => capitalize(humanize(group))

/** Nesting deeper than this gets hard to read: "Add group" stops there. */
export const MAX_GROUP_DEPTH = 4

// Drafts: the builder's state

/** One test of a contact field or an event property, as typed. */
export type FieldLeafDraft = { kind: "field" } & Omit<ConditionDraft, "key">

export type EventLeafDraft = {
  kind: "event"
  eventType: string
  countOperator: CountOperator
  count: string
  /** Empty: ever. */
  withinDays: string
  /** Tests of the event's properties; null: any event of the type. */
  where: GroupDraft | null
}

export type PurchaseLeafDraft = {
  kind: "purchase"
  metric: PurchaseMetric | ""
  operator: PurchaseOperator
  value: string
  currencyCode: string
  productId: string
  categoryId: string
  withinDays: string
}

export type SegmentLeafDraft = { kind: "segment"; segmentId: string }

export type CustomerGroupLeafDraft = { kind: "customer_group"; groupId: string }

export type TopSpendersLeafDraft = { kind: "top_spenders"; percent: string }

/** A stored leaf this builder does not know: kept as it is. */
export type RawLeafDraft = { kind: "raw"; node: unknown }

export type LeafDraft =
  | FieldLeafDraft
  | EventLeafDraft
  | PurchaseLeafDraft
  | SegmentLeafDraft
  | CustomerGroupLeafDraft
  | TopSpendersLeafDraft
  | RawLeafDraft

export type ConditionNodeDraft = {
  key: string
  type: "leaf"
  /** Wrapped in `{ not }`. */
  negate: boolean
  leaf: LeafDraft
}

export type GroupDraft = {
  key: string
  type: "group"
  operator: "and" | "or"
  negate: boolean
  children: NodeDraft[]
}

export type NodeDraft = GroupDraft | ConditionNodeDraft

let nodeKey = 0
const nextKey = () => `segment-node-${++nodeKey}`

export const emptyLeafDraft = (
  kind: LeafKind,
  defaults: { currencyCode?: string } = {}
): LeafDraft => {
  switch (kind) {
    case "event":
      return {
        kind,
        eventType: "",
        countOperator: "gte",
        count: "1",
        withinDays: "",
        where: null,
      }
    case "purchase":
      return {
        kind,
        metric: "order_count",
        operator: "gte",
        value: "1",
        currencyCode: defaults.currencyCode ?? "",
        productId: "",
        categoryId: "",
        withinDays: "",
      }
    case "segment":
      return { kind, segmentId: "" }
    case "customer_group":
      return { kind, groupId: "" }
    case "top_spenders":
      return { kind, percent: "10" }
    default: {
      const { key: _key, ...condition } = emptyConditionDraft()
      return { kind: "field", ...condition }
    }
  }
}

export const emptyConditionNode = (
  kind: LeafKind = "field",
  defaults?: { currencyCode?: string }
): ConditionNodeDraft => ({
  key: nextKey(),
  type: "leaf",
  negate: false,
  leaf: emptyLeafDraft(kind, defaults),
})

export const emptyGroup = (
  operator: "and" | "or" = "and",
  children: NodeDraft[] = []
): GroupDraft => ({
  key: nextKey(),
  type: "group",
  operator,
  negate: false,
  children,
})

/** The builder's start: one empty contact field test. */
export const initialDefinitionDraft = () => emptyGroup("and", [emptyConditionNode()])

// Definition -> draft

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === "object" && !Array.isArray(value)

const onlyKeys = (value: Record<string, unknown>, keys: string[]) =>
  Object.keys(value).every((key) => keys.includes(key))

const text = (value: unknown) =>
  typeof value === "number" && Number.isFinite(value) ? String(value) : null

const raw = (node: unknown): LeafDraft => ({ kind: "raw", node })

const parseLeaf = (node: Record<string, unknown>): LeafDraft => {
  if (typeof node.field === "string") {
    const drafts = treeToDrafts(node as unknown as ConditionLeaf)
    if (!drafts || drafts.length !== 1) {
      return raw(node)
    }
    const { key: _key, ...condition } = drafts[0]
    return { kind: "field", ...condition }
  }

  const [key] = Object.keys(node)
  const body = node[key]
  if (Object.keys(node).length !== 1) {
    return raw(node)
  }

  switch (key) {
    case "event": {
      if (
        !isPlainObject(body) ||
        typeof body.type !== "string" ||
        !onlyKeys(body, ["type", "where", "count", "within_days"])
      ) {
        return raw(node)
      }
      const count = body.count
      if (
        count !== undefined &&
        !(
          isPlainObject(count) &&
          typeof count.value === "number" &&
          (COUNT_OPERATORS as unknown[]).includes(count.operator)
        )
      ) {
        return raw(node)
      }
      const within = body.within_days
      if (within !== undefined && typeof within !== "number") {
        return raw(node)
      }
      let where: GroupDraft | null = null
      if (body.where !== undefined && body.where !== null) {
        const parsed = parseNode(body.where)
        where = parsed.type === "group" ? parsed : emptyGroup("and", [parsed])
      }
      return {
        kind: "event",
        eventType: body.type,
        countOperator: isPlainObject(count)
          ? (count.operator as CountOperator)
          : "gte",
        count: isPlainObject(count) ? text(count.value) ?? "1" : "1",
        withinDays: text(within) ?? "",
        where,
      }
    }
    case "purchase": {
      if (
        !isPlainObject(body) ||
        typeof body.metric !== "string" ||
        typeof body.value !== "number" ||
        !(PURCHASE_OPERATORS as unknown[]).includes(body.operator) ||
        !onlyKeys(body, [
          "metric",
          "operator",
          "value",
          "currency_code",
          "product_id",
          "category_id",
          "within_days",
        ])
      ) {
        return raw(node)
      }
      const str = (value: unknown) => (typeof value === "string" ? value : "")
      return {
        kind: "purchase",
        metric: body.metric as PurchaseMetric,
        operator: body.operator as PurchaseOperator,
        value: String(body.value),
        currencyCode: str(body.currency_code),
        productId: str(body.product_id),
        categoryId: str(body.category_id),
        withinDays: text(body.within_days) ?? "",
      }
    }
    case "segment":
      return typeof body === "string"
        ? { kind: "segment", segmentId: body }
        : raw(node)
    case "customer_group":
      return typeof body === "string"
        ? { kind: "customer_group", groupId: body }
        : raw(node)
    case "top_spenders":
      return isPlainObject(body) &&
        typeof body.percent === "number" &&
        onlyKeys(body, ["percent"])
        ? { kind: "top_spenders", percent: String(body.percent) }
        : raw(node)
    default:
      return raw(node)
  }
}

const parseNode = (node: unknown, negate = false): NodeDraft => {
  if (isPlainObject(node) && Object.keys(node).length === 1) {
    if (Array.isArray(node.and) || Array.isArray(node.or)) {
      const operator = Array.isArray(node.and) ? "and" : "or"
      const children = (node[operator] as unknown[]).map((child) =>
        parseNode(child)
      )
      return { ...emptyGroup(operator, children), negate }
    }
    if ("not" in node) {
      return parseNode(node.not, !negate)
    }
  }
  return {
    key: nextKey(),
    type: "leaf",
    negate,
    leaf: isPlainObject(node) ? parseLeaf(node) : raw(node),
  }
}

/** The builder's form of a stored definition: always a group at the top. */
export const definitionToDraft = (
  definition: SegmentNode | null | undefined
): GroupDraft => {
  if (!definition) {
    return initialDefinitionDraft()
  }
  const parsed = parseNode(definition)
  return parsed.type === "group" ? parsed : emptyGroup("and", [parsed])
}

// Draft -> definition

export type BuilderContext = {
  /** Contact fields by name. */
  fields: Map<string, SegmentField>
  /** Event types by type, with their property fields. */
  eventTypes: Map<string, SegmentEventType>
}

export type DefinitionResult = {
  /** The definition, when every condition is complete. */
  definition?: SegmentNode
  /** What is wrong with a condition or a group, by its key. */
  errors: Map<string, string>
  /** Where each condition and group sits in the definition ("definition.and[1]"), by path. */
  paths: Map<string, string>
  /** No condition at all. */
  empty: boolean
}

const DAYS = /^\d+$/

/** Windows look back at most ten years (the server's limit). */
export const MAX_WINDOW_DAYS = 3650

const parseDays = (value: string): number | null | "invalid" => {
  const trimmed = value.trim()
  if (!trimmed) {
    return null
  }
  const days = Number(trimmed)
  return DAYS.test(trimmed) && days >= 1 && days <= MAX_WINDOW_DAYS ? days : "invalid"
}

const parseNumber = (value: string) => {
  const trimmed = value.trim()
  const number = Number(trimmed)
  return trimmed && Number.isFinite(number) ? number : null
}

type Built = { ok: true; node: SegmentNode } | { ok: false }

type Walker = {
  errors: Map<string, string>
  paths: Map<string, string>
  ctx: BuilderContext
}

const buildLeaf = (
  leaf: LeafDraft,
  key: string,
  path: string,
  fields: Map<string, SegmentField>,
  walker: Walker
): Built => {
  const fail = (message: string): Built => {
    walker.errors.set(key, message)
    return { ok: false }
  }

  switch (leaf.kind) {
    case "raw":
      return { ok: true, node: leaf.node as SegmentNode }
    case "field": {
      const field = fields.get(leaf.field)
      if (leaf.field && field && leaf.operator) {
        const allowed = field.operators?.length
          ? field.operators
          : OPERATORS_BY_TYPE[field.type]
        if (!allowed.includes(leaf.operator)) {
          return fail("Choose an operator for this field")
        }
      }
      const parsed = draftToLeaf({ ...leaf, key }, field)
      if (!parsed.ok) {
        return fail(
          leaf.field && !field
            ? `"${leaf.field}" is not a field a segment can use`
            : parsed.error
        )
      }
      return { ok: true, node: parsed.value }
    }
    case "event": {
      if (!leaf.eventType) {
        return fail("Choose an event")
      }
      const count = parseNumber(leaf.count)
      if (count === null || !Number.isInteger(count) || count < 0 || count > 1_000_000) {
        return fail("Enter how many times, a whole number")
      }
      const within = parseDays(leaf.withinDays)
      if (within === "invalid") {
        return fail(`Enter the days as a whole number from 1 to ${MAX_WINDOW_DAYS}, or leave it empty for ever`)
      }
      const event: Extract<SegmentNode, { event: unknown }>["event"] = {
        type: leaf.eventType,
      }
      if (leaf.where && leaf.where.children.length) {
        const properties = new Map(
          (walker.ctx.eventTypes.get(leaf.eventType)?.properties ?? []).map(
            (property) => [property.name, property]
          )
        )
        const where = buildGroup(
          leaf.where,
          `${path}.event.where`,
          properties,
          walker
        )
        if (!where.ok) {
          return { ok: false }
        }
        event.where = where.node
      }
      if (!(leaf.countOperator === "gte" && count === 1)) {
        event.count = { operator: leaf.countOperator, value: count }
      }
      if (within !== null) {
        event.within_days = within
      }
      return { ok: true, node: { event } }
    }
    case "purchase": {
      if (!leaf.metric) {
        return fail("Choose what to measure")
      }
      const value = parseNumber(leaf.value)
      if (value === null || value < 0) {
        return fail("Enter a number, 0 or more")
      }
      if (leaf.metric === "order_count" && !Number.isInteger(value)) {
        return fail("Enter a whole number of orders")
      }
      const currency = leaf.currencyCode.trim().toLowerCase()
      if (isMoneyMetric(leaf.metric) && !/^[a-z]{3}$/.test(currency)) {
        return fail("Choose the currency of the amounts")
      }
      const within = parseDays(leaf.withinDays)
      if (within === "invalid") {
        return fail(`Enter the days as a whole number from 1 to ${MAX_WINDOW_DAYS}, or leave it empty for ever`)
      }
      const purchase: Extract<SegmentNode, { purchase: unknown }>["purchase"] = {
        metric: leaf.metric,
        operator: leaf.operator,
        value,
      }
      if (isMoneyMetric(leaf.metric)) {
        purchase.currency_code = currency
      }
      if (leaf.productId.trim()) {
        purchase.product_id = leaf.productId.trim()
      }
      if (leaf.categoryId.trim()) {
        purchase.category_id = leaf.categoryId.trim()
      }
      if (within !== null) {
        purchase.within_days = within
      }
      return { ok: true, node: { purchase } }
    }
    case "segment":
      return leaf.segmentId
        ? { ok: true, node: { segment: leaf.segmentId } }
        : fail("Choose a segment")
    case "customer_group":
      return leaf.groupId
        ? { ok: true, node: { customer_group: leaf.groupId } }
        : fail("Choose a customer group")
    case "top_spenders": {
      const percent = parseNumber(leaf.percent)
      return percent !== null && Number.isInteger(percent) && percent >= 1 && percent <= 99
        ? { ok: true, node: { top_spenders: { percent } } }
        : fail("Enter a whole percentage from 1 to 99")
    }
  }
}

const buildNode = (
  node: NodeDraft,
  path: string,
  fields: Map<string, SegmentField>,
  walker: Walker
): Built => {
  walker.paths.set(path, node.key)
  const inner = node.negate ? `${path}.not` : path
  if (node.negate) {
    walker.paths.set(inner, node.key)
  }
  const built =
    node.type === "group"
      ? buildGroupBody(node, inner, fields, walker)
      : buildLeaf(node.leaf, node.key, inner, fields, walker)
  if (!built.ok) {
    return built
  }
  return { ok: true, node: node.negate ? { not: built.node } : built.node }
}

const buildGroupBody = (
  group: GroupDraft,
  path: string,
  fields: Map<string, SegmentField>,
  walker: Walker
): Built => {
  if (!group.children.length) {
    walker.errors.set(group.key, "Add a condition to this group, or remove it")
    return { ok: false }
  }
  const children: SegmentNode[] = []
  let ok = true
  group.children.forEach((child, index) => {
    const built = buildNode(
      child,
      `${path}.${group.operator}[${index}]`,
      fields,
      walker
    )
    if (built.ok) {
      children.push(built.node)
    } else {
      ok = false
    }
  })
  if (!ok) {
    return { ok: false }
  }
  return {
    ok: true,
    node: group.operator === "and" ? { and: children } : { or: children },
  }
}

const buildGroup = (
  group: GroupDraft,
  path: string,
  fields: Map<string, SegmentField>,
  walker: Walker
) => buildNode(group, path, fields, walker)

/**
 * The definition the builder stands for, what is still missing in it, and
 * where each row sits in it (to point at the row a server message names).
 */
export const draftToDefinition = (
  root: GroupDraft,
  ctx: BuilderContext
): DefinitionResult => {
  const walker: Walker = { errors: new Map(), paths: new Map(), ctx }
  if (!root.children.length) {
    walker.paths.set("definition", root.key)
    return { errors: walker.errors, paths: walker.paths, empty: true }
  }
  const built = buildGroup(root, "definition", ctx.fields, walker)
  return {
    definition: built.ok ? built.node : undefined,
    errors: walker.errors,
    paths: walker.paths,
    empty: false,
  }
}

// Server messages

const PATH_MESSAGE = /(definition(?:\.[A-Za-z_]+|\[\d+\])*)\s*:\s*(.*)$/

/**
 * The rows a server message points at, e.g. `definition.and[1].operator:
 * "gt" does not apply to string field "country_code"` → the row at
 * `definition.and[1]`. Problems are joined with "; ".
 */
export const getDefinitionErrors = (
  message: string | null | undefined,
  paths: Map<string, string>
): Map<string, string> => {
  const errors = new Map<string, string>()
  if (!message) {
    return errors
  }
  for (const part of message.split("; ")) {
    const match = part.match(PATH_MESSAGE)
    if (!match) {
      continue
    }
    const [, fullPath, text] = match
    // The deepest row whose path starts the message's path.
    let best: string | null = null
    for (const path of paths.keys()) {
      const boundary = fullPath.charAt(path.length)
      if (
        fullPath.startsWith(path) &&
        (boundary === "" || boundary === "." || boundary === "[") &&
        (!best || path.length > best.length)
      ) {
        best = path
      }
    }
    if (best) {
      const key = paths.get(best)!
      const rest = fullPath.slice(best.length).replace(/^\./, "")
      if (!errors.has(key)) {
        errors.set(key, rest ? `${rest}: ${text}` : capitalize(text))
      }
    }
  }
  return errors
}

// Tree updates

/** Applies `update` to the node with `key`, anywhere in the tree. */
export const updateNodeIn = (
  group: GroupDraft,
  key: string,
  update: (node: NodeDraft) => NodeDraft | null
): GroupDraft => ({
  ...group,
  children: group.children.flatMap((child) => {
    if (child.key === key) {
      const next = update(child)
      return next ? [next] : []
    }
    if (child.type === "group") {
      return [updateNodeIn(child, key, update)]
    }
    if (child.leaf.kind === "event" && child.leaf.where) {
      return [
        {
          ...child,
          leaf: { ...child.leaf, where: updateNodeIn(child.leaf.where, key, update) },
        },
      ]
    }
    return [child]
  }),
})

// Summaries

const quote = (value: unknown) =>
  typeof value === "string" ? `"${value}"` : JSON.stringify(value)

/** A one-line reading of a leaf, for the detail page and the built-ins. */
export const describeLeaf = (
  node: SegmentNode,
  names: { segments?: Map<string, string>; groups?: Map<string, string> } = {}
): string => {
  const record = node as Record<string, any>
  if (typeof record.field === "string") {
    const leaf = record as ConditionLeaf
    const label = getFieldLabel(leaf.field)
    const op = (leaf.operator as ConditionOperator).replace(/_/g, " ")
    if (leaf.value === undefined) {
      return `${label} ${leaf.operator === "exists" ? "is set" : "is not set"}`
    }
    const value = leaf.value as any
    if (value && typeof value === "object" && "days" in value) {
      return `${label} ${op} ${value.days} days`
    }
    if (Array.isArray(value)) {
      return leaf.operator === "between"
        ? `${label} is between ${quote(value[0])} and ${quote(value[1])}`
        : `${label} ${leaf.operator === "in" ? "is one of" : "is none of"} ${value
            .map(quote)
            .join(", ")}`
    }
    return `${label} ${op} ${quote(value)}`
  }
  if (record.event) {
    const e = record.event
    const count = e.count
      ? `${COUNT_OPERATOR_LABELS[e.count.operator as CountOperator] ?? e.count.operator} ${e.count.value}×`
      : "at least once"
    const when = e.within_days ? ` in the last ${e.within_days} days` : " ever"
    return `${getEventTypeLabel(String(e.type))} ${count}${when}${e.where ? " (with property filters)" : ""}`
  }
  if (record.purchase) {
    const p = record.purchase
    const currency = p.currency_code ? ` ${String(p.currency_code).toUpperCase()}` : ""
    const when = p.within_days ? ` in the last ${p.within_days} days` : ""
    return `${getPurchaseMetricLabel(p.metric)} ${
      PURCHASE_OPERATOR_LABELS[p.operator as PurchaseOperator] ?? p.operator
    } ${p.value}${currency}${when}`
  }
  if (typeof record.segment === "string") {
    return `In segment ${quote(names.segments?.get(record.segment) ?? record.segment)}`
  }
  if (typeof record.customer_group === "string") {
    return `In customer group ${quote(
      names.groups?.get(record.customer_group) ?? record.customer_group
    )}`
  }
  if (record.top_spenders) {
    return `Among the top ${record.top_spenders.percent}% of spenders`
  }
  return JSON.stringify(node)
}

// Counts

const countFormatter = new Intl.NumberFormat()

export const formatCount = (value: number) => countFormatter.format(value)

export const contactsLabel = (count: number) =>
  `${formatCount(count)} ${count === 1 ? "contact" : "contacts"}`
