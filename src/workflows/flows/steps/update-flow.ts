import { updateRecordStep } from "../../utils/update-record-step"

export const updateFlowStepId = "update-flow"

/** Updates a flow (its JSON definition replaced, not merged); compensation puts the previous values back. */
export const updateFlowStep = updateRecordStep<Record<string, unknown>>(updateFlowStepId, {
  retrieve: (marketing, id) => marketing.retrieveFlow(id),
  update: (marketing, data) => marketing.updateFlows(data as any),
})
