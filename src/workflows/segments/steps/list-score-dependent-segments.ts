import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { SCORING_FIELDS, type SegmentDependencies } from "../../../modules/marketing/segments"
import { marketingOf } from "../../utils/marketing"

export const listScoreDependentSegmentsStepId = "list-score-dependent-segments"

/** Segments that read a field scoring writes (and those that reference them), for a rebuild after a recompute. */
export const listScoreDependentSegmentsStep = createStep(listScoreDependentSegmentsStepId, async (_: void, { container }) => {
  const segments = await marketingOf(container).listSegments({}, { select: ["id", "dependencies"] })
  const ids = segments
    .filter((s) => {
      const d = s.dependencies as SegmentDependencies | null
      return !d || d.population || d.fields.some((f) => (SCORING_FIELDS as readonly string[]).includes(f))
    })
    .map((s) => s.id)
  return new StepResponse(ids)
})
