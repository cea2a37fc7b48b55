import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { PREDICTION_FIELDS } from "../../../modules/marketing/predictions/contact-fields"
import type { SegmentDependencies } from "../../../modules/marketing/segments"
import { marketingOf } from "../../utils/marketing"

export const listPredictionDependentSegmentsStepId = "list-prediction-dependent-segments"

/** Segments that read a prediction field, for a rebuild after a fit (the segments referencing them follow). */
export const listPredictionDependentSegmentsStep = createStep(
  listPredictionDependentSegmentsStepId,
  async (input: { skipped: boolean }, { container }) => {
    if (input.skipped) return new StepResponse([] as string[])
    const segments = await marketingOf(container).listSegments({}, { select: ["id", "dependencies"] })
    const ids = segments
      .filter((s) => {
        const d = s.dependencies as SegmentDependencies | null
        // No dependencies recorded (an old row): rebuild it, as after a recompute.
        return !d || d.fields.some((f) => (PREDICTION_FIELDS as readonly string[]).includes(f))
      })
      .map((s) => s.id)
    return new StepResponse(ids)
  }
)
