import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { marketingOf } from "../../utils/marketing"

export const deleteFlowStepId = "delete-flow"

/** Soft-deletes a flow; compensation restores it. */
export const deleteFlowStep = createStep(
  deleteFlowStepId,
  async (id: string, { container }) => {
    await marketingOf(container).softDeleteFlows([id])
    return new StepResponse({ id }, id)
  },
  async (id, { container }) => {
    if (id) await marketingOf(container).restoreFlows([id])
  }
)
