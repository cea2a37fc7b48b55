import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { marketingOf } from "../../utils/marketing"

export type CreateFlowStepInput = {
  name: string
  description?: string | null
  definition: Record<string, unknown>
  recipe_key?: string | null
}

export const createFlowStepId = "create-flow"

/** Creates a draft flow; compensation deletes it. */
export const createFlowStep = createStep(
  createFlowStepId,
  async (input: CreateFlowStepInput, { container }) => {
    const created = await marketingOf(container).createFlows({ ...input, status: "draft" } as any)
    return new StepResponse(created, created.id)
  },
  async (id, { container }) => {
    if (id) await marketingOf(container).deleteFlows(id)
  }
)
