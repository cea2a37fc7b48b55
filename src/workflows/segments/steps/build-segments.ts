import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { marketingOf } from "../../utils/marketing"

// Membership is derived state: each membership step rewrites it from the
// definitions and the data, so a failed workflow is repaired by running it
// again, and none of these steps has a compensation.

export type BuildSegmentsStepInput = {
  segment_ids: string[] | null
  /** Also rebuild the segments that reference these, after them. */
  with_dependants?: boolean
  announce?: boolean
  now?: Date | string
}

export const buildSegmentsStepId = "build-segments"

/** Full builds (set-based SQL) of the given segments, or of all. */
export const buildSegmentsStep = createStep(buildSegmentsStepId, async (input: BuildSegmentsStepInput, { container }) => {
  const marketing = marketingOf(container)
  const now = input.now ? new Date(input.now) : new Date()
  if (input.segment_ids && !input.segment_ids.length) return new StepResponse({ changes: [], built: [] })
  return new StepResponse(
    await marketing.buildSegments(input.segment_ids, now, { announce: input.announce ?? true, withDependants: input.with_dependants })
  )
})
