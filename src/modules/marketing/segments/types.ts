import type { Leaf, Node as ConditionNode } from "../conditions"

/**
 * A segment definition: `and` / `or` / `not` over these leaves. Plain JSON,
 * stored in `marketing_segment.definition`.
 */
export type SegmentNode =
  | { and: SegmentNode[] }
  | { or: SegmentNode[] }
  | { not: SegmentNode }
  | SegmentLeaf

export type SegmentLeaf = Leaf | EventLeaf | PurchaseLeaf | SegmentRefLeaf | CustomerGroupLeaf | TopSpendersLeaf

export const COUNT_OPERATORS = ["gte", "lte", "eq"] as const
export type CountOperator = (typeof COUNT_OPERATORS)[number]

/**
 * "Did event T (with these properties) at least / at most / exactly N times, in the last D days or ever",
 * or, with `total`, "do the matching events' number property add up to more / less than V"
 * (engaged time: `{ type: "page_engaged", total: { property: "engaged_ms", operator: "gt", value: 180000 } }`).
 */
export type EventLeaf = {
  event: {
    type: string
    where?: ConditionNode
    count?: { operator: CountOperator; value: number }
    total?: { property: string; operator: TotalOperator; value: number }
    within_days?: number
  }
}

export const TOTAL_OPERATORS = ["gte", "gt", "lte", "lt", "eq"] as const
export type TotalOperator = (typeof TOTAL_OPERATORS)[number]

export const PURCHASE_METRICS = ["order_count", "total_spent", "average_order_value"] as const
export type PurchaseMetric = (typeof PURCHASE_METRICS)[number]
export const PURCHASE_OPERATORS = ["gte", "gt", "lte", "lt", "eq"] as const
export type PurchaseOperator = (typeof PURCHASE_OPERATORS)[number]

/**
 * Orders placed (canceled ones left out), optionally only in one currency,
 * containing a product or category, in the last D days. Money metrics need a
 * currency: amounts in different currencies are never added up.
 */
export type PurchaseLeaf = {
  purchase: {
    metric: PurchaseMetric
    operator: PurchaseOperator
    value: number
    currency_code?: string
    product_id?: string
    category_id?: string
    within_days?: number
  }
}

/** Member of another segment. */
export type SegmentRefLeaf = { segment: string }
/** Member of a Medusa customer group. */
export type CustomerGroupLeaf = { customer_group: string }
/** Among the top N% of customers by total spent. */
export type TopSpendersLeaf = { top_spenders: { percent: number } }

export const LEAF_KINDS = ["event", "purchase", "segment", "customer_group", "top_spenders"] as const

/** What a definition reads, so a change re-evaluates only the segments it can affect. */
export type SegmentDependencies = {
  /** Contact fields tested directly. */
  fields: string[]
  /** Event types counted (purchases add order_placed and order_canceled). */
  event_types: string[]
  segments: string[]
  customer_groups: string[]
  /** True when membership can change with the clock alone (relative dates, windows). */
  time: boolean
  /** True when other contacts' orders move the threshold (top spenders). */
  population: boolean
}
