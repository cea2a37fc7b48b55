import { capitalize, humanize } from "../format"
import type { CountOperator, PurchaseMetric, PurchaseOperator } from "../types"
// The server's own lists (a Medusa-free module), so the builder never drifts.
import {
  COUNT_OPERATORS as SERVER_COUNT_OPERATORS,
  PURCHASE_METRICS as SERVER_PURCHASE_METRICS,
  PURCHASE_OPERATORS as SERVER_PURCHASE_OPERATORS,
} from "../../../modules/marketing/segments/types"

/** What one row of the condition builder tests. */
export type LeafKind =
  | "field"
  | "event"
  | "purchase"
  | "segment"
  | "customer_group"
  | "top_spenders"
  // A flow's own facts: only a flow's condition step offers them.
  | "since_entry"
  | "last_email"

/** What a segment (and a flow's entry filter) can test. */
export const LEAF_KINDS: LeafKind[] = [
  "field",
  "event",
  "purchase",
  "segment",
  "customer_group",
  "top_spenders",
]

/** A flow's condition step: the contact's tests plus what happened in the flow. */
export const FLOW_LEAF_KINDS: LeafKind[] = [...LEAF_KINDS, "since_entry", "last_email"]

export const LEAF_KIND_LABELS: Record<LeafKind, string> = {
  field: "Contact field",
  event: "Behaviour",
  purchase: "Purchase",
  segment: "Segment membership",
  customer_group: "Customer group",
  top_spenders: "Top spenders",
  since_entry: "Did since entering the flow",
  last_email: "This flow's last email",
}

export const COUNT_OPERATORS: CountOperator[] = [...SERVER_COUNT_OPERATORS]

export const COUNT_OPERATOR_LABELS: Record<CountOperator, string> = {
  gte: "at least",
  lte: "at most",
  eq: "exactly",
}

export const PURCHASE_OPERATORS: PurchaseOperator[] = [
  ...SERVER_PURCHASE_OPERATORS,
]

export const PURCHASE_OPERATOR_LABELS: Record<PurchaseOperator, string> = {
  gte: "is at least",
  gt: "is more than",
  lte: "is at most",
  lt: "is less than",
  eq: "is exactly",
}

export const PURCHASE_METRICS: PurchaseMetric[] = [...SERVER_PURCHASE_METRICS]

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
