import { WorkflowResponse, createWorkflow, transform } from "@medusajs/framework/workflows-sdk"
import {
  buildSegmentsStep,
  createSegmentStep,
  deleteSegmentStep,
  emitSegmentEventsStep,
  purgeSegmentMembershipsStep,
  syncCustomerGroupsStep,
  updateSegmentStep,
  validateNoDependantsStep,
  validateSegmentStep,
  type SegmentInput,
} from "../steps"

export type CreateSegmentWorkflowInput = { segment: SegmentInput & { name: string; definition: unknown }; now?: Date | string }

export const createSegmentWorkflowId = "create-segment"

/**
 * Creates a segment and builds its membership over every contact (one SQL
 * statement). The first build does not emit `segment_entered`, so a new
 * segment does not trigger flows for everyone already in it. With
 * `mirror_to_customer_group`, members who are customers join a customer
 * group of the same name.
 *
 * @example
 * const { result } = await createSegmentWorkflow(container).run({
 *   input: { segment: { name: "Shoe lovers in France", definition: { and: [
 *     { field: "country_code", operator: "eq", value: "fr" },
 *     { event: { type: "product_viewed", where: { field: "properties.category", operator: "eq", value: "shoes" },
 *       count: { operator: "gte", value: 3 }, within_days: 7 } },
 *   ] }, mirror_to_customer_group: true } },
 * })
 */
export const createSegmentWorkflow = createWorkflow(createSegmentWorkflowId, (input: CreateSegmentWorkflowInput) => {
  const data = validateSegmentStep({ segment: input.segment })
  const created = createSegmentStep(data)
  const ids = transform({ created }, ({ created }) => [created.id])
  const build = buildSegmentsStep({ segment_ids: ids, announce: false, now: input.now })
  syncCustomerGroupsStep({ segment_ids: ids })
  return new WorkflowResponse({ segment: created, build })
})

export type UpdateSegmentWorkflowInput = { id: string; update: SegmentInput; now?: Date | string }

export const updateSegmentWorkflowId = "update-segment"

/**
 * Edits a segment. A new definition is rebuilt at once, and the contacts who
 * enter or leave because of the edit are announced; segments that reference
 * it are rebuilt too. Switching the mirror on creates and fills the customer
 * group, switching it off deletes the group.
 *
 * @example
 * await updateSegmentWorkflow(container).run({
 *   input: { id: "mseg_123", update: { definition: { field: "acquisition_score", operator: "gte", value: 50 } } },
 * })
 */
export const updateSegmentWorkflow = createWorkflow(updateSegmentWorkflowId, (input: UpdateSegmentWorkflowInput) => {
  const data = validateSegmentStep({ id: input.id, segment: input.update })
  const updated = updateSegmentStep({ id: input.id, update: data })
  // Only a new definition needs a rebuild (with the segments that reference this one).
  const rebuild = transform({ input }, ({ input }) => (input.update.definition !== undefined ? [input.id] : []))
  const build = buildSegmentsStep({ segment_ids: rebuild, announce: true, with_dependants: true, now: input.now })
  emitSegmentEventsStep(transform({ build }, ({ build }) => build.changes))
  const touched = transform({ input, build }, ({ input, build }) => [...new Set([input.id, ...build.built.map((b) => b.id)])])
  syncCustomerGroupsStep({ segment_ids: touched })
  return new WorkflowResponse({ segment: updated, build })
})

export type DeleteSegmentWorkflowInput = { id: string }

export const deleteSegmentWorkflowId = "delete-segment"

/**
 * Deletes a segment, its membership history and its mirror customer group.
 * No exit events are emitted: the segment is gone, not its members' interest.
 *
 * @example
 * await deleteSegmentWorkflow(container).run({ input: { id: "mseg_123" } })
 */
export const deleteSegmentWorkflow = createWorkflow(deleteSegmentWorkflowId, (input: DeleteSegmentWorkflowInput) => {
  validateNoDependantsStep(input.id)
  const deleted = deleteSegmentStep(input.id)
  const ids = transform({ input }, ({ input }) => [input.id])
  syncCustomerGroupsStep({ segment_ids: ids })
  purgeSegmentMembershipsStep(ids)
  return new WorkflowResponse({ id: deleted.id })
})
