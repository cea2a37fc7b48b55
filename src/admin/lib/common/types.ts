/**
 * Shapes every domain of the admin API shares. Condition trees are the
 * server's own types (a Medusa-free module), so the two never drift.
 */
export type {
  FieldType as ConditionFieldType,
  Leaf as ConditionLeaf,
  Node as ConditionNode,
  Operator as ConditionOperator,
} from "../../../modules/marketing/conditions/types"

/** Where a page of a list starts, and how many there are in all. */
export interface PageInfo {
  count: number
  offset: number
  limit: number
}
