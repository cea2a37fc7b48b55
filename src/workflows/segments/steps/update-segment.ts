import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { marketingOf } from "../../utils/marketing"

export const updateSegmentStepId = "update-segment"

/** Updates a segment; compensation puts the previous values back. */
export const updateSegmentStep = createStep(
  updateSegmentStepId,
  async (input: { id: string; update: Record<string, unknown> }, { container }) => {
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
