import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { marketingOf } from "../../utils/marketing"

export const purgeSegmentMembershipsStepId = "purge-segment-memberships"

/** Deletes the memberships of deleted segments. Last step: nothing to undo after it. */
export const purgeSegmentMembershipsStep = createStep(
  purgeSegmentMembershipsStepId,
  async (ids: string[], { container }) => {
    await marketingOf(container).purgeSegmentMemberships(ids)
    return new StepResponse(ids)
  }
)
