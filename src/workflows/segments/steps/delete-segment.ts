import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { marketingOf } from "../../utils/marketing"

export const deleteSegmentStepId = "delete-segment"

/**
 * Soft-deletes a segment; compensation restores it. Its memberships are
 * removed by a later step, once nothing can fail any more.
 */
export const deleteSegmentStep = createStep(
  deleteSegmentStepId,
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
