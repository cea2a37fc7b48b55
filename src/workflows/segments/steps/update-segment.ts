import { updateRecordStep } from "../../utils/update-record-step"

export const updateSegmentStepId = "update-segment"

/** Updates a segment; compensation puts the previous values back. */
export const updateSegmentStep = updateRecordStep<Record<string, unknown>>(updateSegmentStepId, {
  retrieve: (marketing, id) => marketing.retrieveSegment(id),
  update: (marketing, data) => marketing.updateSegments(data as any),
})
