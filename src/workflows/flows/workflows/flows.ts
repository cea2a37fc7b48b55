import { WorkflowResponse, createWorkflow, transform, when } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import type { FlowDefinition } from "../../../modules/marketing/flows"
import { MarketingEvents } from "../../tracking/events"
import {
  createFlowStep,
  deleteFlowStep,
  exitFlowEnrollmentsStep,
  loadFlowStep,
  publishFlowVersionStep,
  updateFlowStep,
  validateFlowDefinitionStep,
} from "../steps"

export type FlowInput = { name: string; description?: string | null; definition: Record<string, unknown> }

export const createFlowWorkflowId = "create-flow"

/**
 * Creates a draft flow. A draft may be incomplete while the owner builds it;
 * it is checked in full when published (`POST …/:id/validate` tells what is
 * missing before that).
 *
 * @example
 * const { result } = await createFlowWorkflow(container).run({
 *   input: { flow: { name: "Welcome", definition: {
 *     trigger: { type: "segment_entered", segment_id: "mseg_123" }, reentry: { policy: "once" },
 *     start: "hello", steps: { hello: { type: "send_email", template_id: "mtpl_123" } },
 *   } } },
 * })
 */
export const createFlowWorkflow = createWorkflow(createFlowWorkflowId, (input: { flow: FlowInput }) => {
  const flow = createFlowStep(input.flow)
  return new WorkflowResponse({ flow })
})

export type UpdateFlowWorkflowInput = { id: string; update: Partial<FlowInput>; now?: Date | string }

export const updateFlowWorkflowId = "update-flow"

/**
 * Edits a flow. A draft's name, description and definition are replaced. A
 * published (active or paused) flow given a new definition has it checked in
 * full and published as a new version in the same call; contacts already
 * enrolled finish on the version they entered. Archived flows cannot change.
 *
 * @example
 * const { result } = await updateFlowWorkflow(container).run({
 *   input: { id: "mflow_123", update: { name: "Welcome series", definition } },
 * })
 * // result.version: the new version when the flow was active
 */
export const updateFlowWorkflow = createWorkflow(updateFlowWorkflowId, (input: UpdateFlowWorkflowInput) => {
  const flow = loadFlowStep({ id: input.id, allowed: ["draft", "active", "paused"], action: "edited" })
  const publishes = transform({ flow, input }, ({ flow, input }) => flow.status !== "draft" && input.update.definition !== undefined)
  when({ publishes }, ({ publishes }) => publishes).then(() => {
    validateFlowDefinitionStep({ definition: input.update.definition })
  })
  const updated = updateFlowStep({ id: input.id, update: input.update })
  const version = when({ publishes }, ({ publishes }) => publishes).then(() =>
    publishFlowVersionStep({
      flow_id: input.id,
      definition: transform({ input }, ({ input }) => input.update.definition as unknown as FlowDefinition),
      now: input.now,
    })
  )
  return new WorkflowResponse({ flow: updated, version })
})

export const publishFlowWorkflowId = "publish-flow"

/**
 * Publishes a flow's draft: checks it in full (fields, graph, and that its
 * templates, segments and customer groups exist; a problem is a 400 naming
 * the step), freezes it as version `version_count + 1` and makes that the
 * version new enrollments use. A draft becomes active.
 *
 * @example
 * const { result } = await publishFlowWorkflow(container).run({ input: { id: "mflow_123" } })
 * // result.version.version === 1
 */
export const publishFlowWorkflow = createWorkflow(publishFlowWorkflowId, (input: { id: string; now?: Date | string }) => {
  const flow = loadFlowStep({ id: input.id, allowed: ["draft", "active", "paused"], action: "published" })
  const definition = validateFlowDefinitionStep({ definition: transform({ flow }, ({ flow }) => flow.definition) })
  const version = publishFlowVersionStep({ flow_id: input.id, definition, now: input.now })
  return new WorkflowResponse({ version })
})

export const pauseFlowWorkflowId = "pause-flow"

/**
 * Pauses an active flow: nobody new enrolls, and the engine holds enrolled
 * contacts where they are until it is resumed.
 *
 * @example
 * await pauseFlowWorkflow(container).run({ input: { id: "mflow_123" } })
 */
export const pauseFlowWorkflow = createWorkflow(pauseFlowWorkflowId, (input: { id: string; now?: Date | string }) => {
  loadFlowStep({ id: input.id, allowed: ["active"], action: "paused" })
  const update = transform({ input }, ({ input }) => ({ status: "paused", paused_at: input.now ? new Date(input.now) : new Date() }))
  const flow = updateFlowStep({ id: input.id, update })
  return new WorkflowResponse({ flow })
})

export const resumeFlowWorkflowId = "resume-flow"

/**
 * Resumes a paused flow: held contacts go on, and the trigger enrolls again.
 *
 * @example
 * await resumeFlowWorkflow(container).run({ input: { id: "mflow_123" } })
 */
export const resumeFlowWorkflow = createWorkflow(resumeFlowWorkflowId, (input: { id: string }) => {
  loadFlowStep({ id: input.id, allowed: ["paused"], action: "resumed" })
  const flow = updateFlowStep({ id: input.id, update: { status: "active", paused_at: null } })
  return new WorkflowResponse({ flow })
})

export const archiveFlowWorkflowId = "archive-flow"

/**
 * Archives a flow: it stops for good, and every contact still in it exits
 * (status `exited`, end reason `archived`). Its versions, enrollments and
 * step runs stay for the reports.
 *
 * @example
 * const { result } = await archiveFlowWorkflow(container).run({ input: { id: "mflow_123" } })
 * // result.exited: how many contacts were taken out
 */
export const archiveFlowWorkflow = createWorkflow(archiveFlowWorkflowId, (input: { id: string; now?: Date | string }) => {
  loadFlowStep({ id: input.id, allowed: ["draft", "active", "paused"], action: "archived" })
  const update = transform({ input }, ({ input }) => ({ status: "archived", archived_at: input.now ? new Date(input.now) : new Date() }))
  const flow = updateFlowStep({ id: input.id, update })
  const exits = exitFlowEnrollmentsStep({ flow_id: input.id, reason: "archived", now: input.now })
  // One message per contact taken out, sent once the archive commits.
  const ended = transform({ exits }, ({ exits }) => exits.ended.map((e) => ({ ...e, status: "exited", reason: "archived" })))
  when({ ended }, ({ ended }) => ended.length > 0).then(() => {
    emitEventStep({ eventName: MarketingEvents.FLOW_ENROLLMENT_ENDED, data: ended }).config({ name: "emit-archived-enrollments-ended" })
  })
  return new WorkflowResponse({ flow, exited: transform({ exits }, ({ exits }) => exits.exited) })
})

export const deleteFlowWorkflowId = "delete-flow"

/**
 * Deletes a draft flow. A flow that was ever published has versions and
 * enrollments the reports need: archive it instead.
 *
 * @example
 * await deleteFlowWorkflow(container).run({ input: { id: "mflow_123" } })
 */
export const deleteFlowWorkflow = createWorkflow(deleteFlowWorkflowId, (input: { id: string }) => {
  loadFlowStep({ id: input.id, allowed: ["draft"], action: "deleted (archive it instead)" })
  const deleted = deleteFlowStep(input.id)
  return new WorkflowResponse(deleted)
})

export const duplicateFlowWorkflowId = "duplicate-flow"

/**
 * Copies a flow (any status) into a new draft named "<name> (copy)", with
 * the original's draft definition.
 *
 * @example
 * const { result } = await duplicateFlowWorkflow(container).run({ input: { id: "mflow_123" } })
 * // result.flow.name === "Welcome (copy)"
 */
export const duplicateFlowWorkflow = createWorkflow(duplicateFlowWorkflowId, (input: { id: string }) => {
  const original = loadFlowStep({ id: input.id, allowed: ["draft", "active", "paused", "archived"], action: "duplicated" })
  const copy = transform({ original }, ({ original }) => ({
    name: `${original.name.slice(0, 193)} (copy)`,
    description: original.description,
    definition: original.definition as unknown as Record<string, unknown>,
    recipe_key: original.recipe_key,
  }))
  const flow = createFlowStep(copy)
  return new WorkflowResponse({ flow })
})
