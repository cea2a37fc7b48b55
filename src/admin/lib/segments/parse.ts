import { isPlainObject, treeToDrafts } from "../scoring"
import type {
  ConditionLeaf,
  CountOperator,
  PurchaseMetric,
  PurchaseOperator,
  SegmentNode,
} from "../types"
import {
  emptyGroup,
  initialDefinitionDraft,
  nextKey,
  type GroupDraft,
  type LeafDraft,
  type NodeDraft,
} from "./draft"
import { COUNT_OPERATORS, PURCHASE_OPERATORS } from "./labels"

// Definition -> draft: anything the builder cannot show stays a raw leaf.

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
      const where = parseWhere(body.where)
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
    case "since_entry": {
      const event = isPlainObject(body) && onlyKeys(body, ["event"]) ? body.event : undefined
      if (!isPlainObject(event) || typeof event.type !== "string" || !onlyKeys(event, ["type", "where"])) {
        return raw(node)
      }
      return { kind: "since_entry", eventType: event.type, where: parseWhere(event.where) }
    }
    case "last_email":
      return body === "opened" || body === "clicked"
        ? { kind: "last_email", action: body }
        : raw(node)
    default:
      return raw(node)
  }
}

/** An event's property tests as a group; null when there are none. */
const parseWhere = (where: unknown): GroupDraft | null => {
  if (where === undefined || where === null) {
    return null
  }
  const parsed = parseNode(where)
  return parsed.type === "group" ? parsed : emptyGroup("and", [parsed])
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

/**
 * An event's property filter (`where`) as the builder's group, with the
 * event's properties as its fields; null without one.
 */
export const eventFilterToDraft = (where: unknown): GroupDraft | null => parseWhere(where)

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
