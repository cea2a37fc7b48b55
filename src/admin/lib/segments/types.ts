/** Segments, their definitions and members. */
import type {
  ConditionLeaf,
  ConditionOperator,
  PageInfo,
} from "../common/types"
import type { Contact } from "../contacts/types"
import type { ScoringField } from "../scoring/types"

// The server's own shapes (a Medusa-free module), so the builder never drifts.
import type {
  CountOperator,
  CustomerGroupLeaf as CustomerGroupCondition,
  PurchaseLeaf as SegmentPurchaseCondition,
  PurchaseMetric,
  PurchaseOperator,
  SegmentRefLeaf as SegmentMembershipCondition,
  TopSpendersLeaf as TopSpendersCondition,
} from "../../../modules/marketing/segments/types"

export type {
  CountOperator,
  CustomerGroupCondition,
  PurchaseMetric,
  PurchaseOperator,
  SegmentMembershipCondition,
  SegmentPurchaseCondition,
  TopSpendersCondition,
}

/** A contact field (or an event property) a segment condition may test. */
export interface SegmentField extends ScoringField {
  /** The operators the server accepts for this field. */
  operators: ConditionOperator[]
}

export interface SegmentEventType {
  type: string
  /** Fields named `properties.<name>`. */
  properties: SegmentField[]
}

/** Contacts who did something (count times, in the last days or ever). */
export interface SegmentEventCondition {
  event: {
    type: string
    /** Leaves over `properties.<name>` of that event type. */
    where?: SegmentNode
    /** Default: at least once. */
    count?: { operator: CountOperator; value: number }
    /** Absent: ever. */
    within_days?: number
  }
}

export type SegmentLeaf =
  | ConditionLeaf
  | SegmentEventCondition
  | SegmentPurchaseCondition
  | SegmentMembershipCondition
  | CustomerGroupCondition
  | TopSpendersCondition

/** A segment's definition: groups over contact, behaviour and purchase tests. */
export type SegmentNode =
  | { and: SegmentNode[] }
  | { or: SegmentNode[] }
  | { not: SegmentNode }
  | SegmentLeaf

export interface SegmentTrendPoint {
  /** YYYY-MM-DD */
  day: string
  count: number
}

export interface Segment {
  id: string
  name: string
  description: string | null
  definition: SegmentNode
  /** Set on segments added from the built-in list. */
  built_in_key: string | null
  mirror_to_customer_group: boolean
  customer_group_id: string | null
  member_count: number
  /** Null until the members were computed the first time. */
  built_at: string | null
  /** Members per day over the last 30 days, oldest first. */
  trend: SegmentTrendPoint[]
  created_at: string
  updated_at: string
}

export type SegmentContact = Pick<
  Contact,
  | "id"
  | "email"
  | "first_name"
  | "last_name"
  | "customer_id"
  | "acquisition_score"
  | "loyalty_score"
  | "lifecycle_stage"
>

export interface SegmentMember extends SegmentContact {
  entered_at: string
}

export interface BuiltInSegment {
  key: string
  name: string
  description: string
  group: string
  definition: SegmentNode
  /** Already added to the store. */
  added: boolean
  segment_id: string | null
}

export interface ContactSegment {
  id: string
  name: string
  entered_at: string
}

// Segment requests

export interface SegmentListParams {
  limit?: number
  offset?: number
  q?: string
}

export interface SegmentMemberListParams {
  limit?: number
  offset?: number
}

export interface CreateSegmentBody {
  name: string
  description?: string | null
  definition: SegmentNode
  mirror_to_customer_group?: boolean
}

export type UpdateSegmentBody = Partial<CreateSegmentBody>

export interface SegmentPreviewBody {
  definition: SegmentNode
}

// Segment responses

export interface SegmentListResponse extends PageInfo {
  segments: Segment[]
}

export interface SegmentResponse {
  segment: Segment
}

export interface SegmentDeleteResponse {
  id: string
  object: "segment"
  deleted: true
}

export interface SegmentMemberListResponse extends PageInfo {
  contacts: SegmentMember[]
}

export interface SegmentPreviewResponse {
  count: number
  /** Up to 20 of them. */
  contacts: SegmentContact[]
}

export interface SegmentFieldsResponse {
  fields: SegmentField[]
  event_types: SegmentEventType[]
  purchase_metrics: PurchaseMetric[]
  count_operators: CountOperator[]
}

export interface BuiltInSegmentListResponse {
  built_ins: BuiltInSegment[]
}

export interface ContactSegmentListResponse {
  segments: ContactSegment[]
}

