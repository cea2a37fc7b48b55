import { emptyConditionDraft, type ConditionDraft } from "../scoring"
import type { CountOperator, PurchaseMetric, PurchaseOperator } from "../types"
import type { LeafKind } from "./labels"

// The builder's state: rows as typed, in groups, each with a stable key.

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

/** The contact did this event after entering the flow (a flow's condition step only). */
export type SinceEntryLeafDraft = {
  kind: "since_entry"
  eventType: string
  where: GroupDraft | null
}

/** This flow's last email to the contact was opened or clicked. */
export type LastEmailLeafDraft = { kind: "last_email"; action: "opened" | "clicked" }

/** A stored leaf this builder does not know: kept as it is. */
export type RawLeafDraft = { kind: "raw"; node: unknown }

export type LeafDraft =
  | FieldLeafDraft
  | EventLeafDraft
  | PurchaseLeafDraft
  | SegmentLeafDraft
  | CustomerGroupLeafDraft
  | TopSpendersLeafDraft
  | SinceEntryLeafDraft
  | LastEmailLeafDraft
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
/** A React key, stable while the row exists. */
export const nextKey = () => `segment-node-${++nodeKey}`

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
    case "since_entry":
      return { kind, eventType: "", where: null }
    case "last_email":
      return { kind, action: "opened" }
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
    if ((child.leaf.kind === "event" || child.leaf.kind === "since_entry") && child.leaf.where) {
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
