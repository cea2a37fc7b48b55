import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { marketingOf } from "../../utils/marketing"

export const createSegmentStepId = "create-segment"

/** Creates a segment; compensation deletes it with its memberships. */
export const createSegmentStep = createStep(
  createSegmentStepId,
  async (data: Record<string, unknown>, { container }) => {
    const created = await marketingOf(container).createSegments(data as any)
    return new StepResponse(created, created.id)
  },
  async (id, { container }) => {
    if (!id) return
    await marketingOf(container).purgeSegmentMemberships([id])
    await marketingOf(container).deleteSegments(id)
  }
)
