import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../../modules/marketing"
import type MarketingModuleService from "../../../modules/marketing/service"

type SegmentData = Record<string, unknown>
const marketingOf = (container: { resolve<T>(key: string): T }) => container.resolve<MarketingModuleService>(MARKETING_MODULE)

/** Creates a segment; compensation deletes it with its memberships. */
export const createSegmentStep = createStep(
  "create-segment",
  async (data: SegmentData, { container }) => {
    const created = await marketingOf(container).createSegments(data as any)
    return new StepResponse(created, created.id)
  },
  async (id, { container }) => {
    if (!id) return
    await marketingOf(container).purgeSegmentMemberships([id])
    await marketingOf(container).deleteSegments(id)
  }
)

/** Updates a segment; compensation puts the previous values back. */
export const updateSegmentStep = createStep(
  "update-segment",
  async (input: { id: string; update: SegmentData }, { container }) => {
    const previous = await marketingOf(container).retrieveSegment(input.id)
    const updated = await marketingOf(container).updateSegments({ id: input.id, ...(input.update as any) })
    return new StepResponse(updated, previous)
  },
  async (previous, { container }) => {
    if (!previous) return
    const { created_at, updated_at, deleted_at, ...restore } = previous as any
    await marketingOf(container).updateSegments(restore)
  }
)

/**
 * Soft-deletes a segment; compensation restores it. Its memberships are
 * removed by a later step, once nothing can fail any more.
 */
export const deleteSegmentStep = createStep(
  "delete-segment",
  async (id: string, { container }) => {
    const segment = await marketingOf(container).retrieveSegment(id)
    await marketingOf(container).softDeleteSegments(id)
    return new StepResponse(segment, id)
  },
  async (id, { container }) => {
    if (!id) return
    await marketingOf(container).restoreSegments(id)
  }
)

/** Deletes the memberships of deleted segments. Last step: nothing to undo after it. */
export const purgeSegmentMembershipsStep = createStep(
  "purge-segment-memberships",
  async (ids: string[], { container }) => {
    await marketingOf(container).purgeSegmentMemberships(ids)
    return new StepResponse(ids)
  }
)
