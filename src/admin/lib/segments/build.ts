import { OPERATORS_BY_TYPE, draftToLeaf } from "../scoring"
import type { SegmentEventType, SegmentField, SegmentNode } from "../types"
import type { GroupDraft, LeafDraft, NodeDraft } from "./draft"
import { isMoneyMetric } from "./labels"

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

const WINDOW_ERROR = `Enter the days as a whole number from 1 to ${MAX_WINDOW_DAYS}, or leave it empty for ever`

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
        return fail(WINDOW_ERROR)
      }
      const event: Extract<SegmentNode, { event: unknown }>["event"] = {
        type: leaf.eventType,
      }
      const where = buildWhere(leaf.eventType, leaf.where, `${path}.event.where`, walker)
      if (!where.ok) {
        return where
      }
      if (where.node) {
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
        return fail(WINDOW_ERROR)
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
    case "since_entry": {
      if (!leaf.eventType) {
        return fail("Choose an event")
      }
      const where = buildWhere(leaf.eventType, leaf.where, `${path}.since_entry.event.where`, walker)
      if (!where.ok) {
        return where
      }
      const event = { type: leaf.eventType, ...(where.node ? { where: unwrapSingle(where.node) } : {}) }
      // A flow-only leaf: the flow's condition type is the segment node plus these.
      return { ok: true, node: { since_entry: { event } } as unknown as SegmentNode }
    }
    case "last_email":
      return { ok: true, node: { last_email: leaf.action } as unknown as SegmentNode }
    case "top_spenders": {
      const percent = parseNumber(leaf.percent)
      return percent !== null && Number.isInteger(percent) && percent >= 1 && percent <= 99
        ? { ok: true, node: { top_spenders: { percent } } }
        : fail("Enter a whole percentage from 1 to 99")
    }
  }
}

/** An event's property tests, over that event type's properties; none for an empty group. */
const buildWhere = (
  eventType: string,
  where: GroupDraft | null,
  path: string,
  walker: Walker
): { ok: true; node?: SegmentNode } | { ok: false } => {
  if (!where || !where.children.length) {
    return { ok: true }
  }
  const properties = new Map(
    (walker.ctx.eventTypes.get(eventType)?.properties ?? []).map((property) => [property.name, property])
  )
  return buildGroup(where, path, properties, walker)
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

/**
 * An event's property filter from its group in the builder: none when the
 * group is empty or absent; paths start at `where`.
 */
export const draftToEventFilter = (
  where: GroupDraft | null,
  eventType: string,
  ctx: BuilderContext
): { where?: SegmentNode; errors: Map<string, string>; ok: boolean } => {
  const walker: Walker = { errors: new Map(), paths: new Map(), ctx }
  const built = buildWhere(eventType, where, "where", walker)
  return built.ok
    ? { where: built.node && unwrapSingle(built.node), errors: walker.errors, ok: true }
    : { errors: walker.errors, ok: false }
}

/** `{ and: [x] }` is x: a flow's filters read as they were written. */
export const unwrapSingle = (node: SegmentNode): SegmentNode =>
  "and" in node && Array.isArray(node.and) && node.and.length === 1 ? node.and[0] : node
