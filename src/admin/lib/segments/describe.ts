import { getEventTypeLabel } from "../events"
import { getFieldLabel } from "../scoring"
import type {
  ConditionLeaf,
  ConditionOperator,
  CountOperator,
  PurchaseOperator,
  SegmentNode,
} from "../types"
import {
  COUNT_OPERATOR_LABELS,
  PURCHASE_OPERATOR_LABELS,
  getPurchaseMetricLabel,
} from "./labels"

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
