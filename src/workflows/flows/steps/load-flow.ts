import { MedusaError } from "@medusajs/framework/utils"
import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import type { FlowDefinition, FlowStatus } from "../../../modules/marketing/flows"
import { marketingOf } from "../../utils/marketing"

export type FlowRecord = {
  id: string
  name: string
  description: string | null
  status: FlowStatus
  definition: FlowDefinition
  active_version_id: string | null
  version_count: number
  recipe_key: string | null
}

export type LoadFlowStepInput = {
  id: string
  /** The statuses the action is allowed in; others are a 400. */
  allowed: FlowStatus[]
  /** The action, for the 400 ("Only draft flows can be deleted"). */
  action: string
}

export const loadFlowStepId = "load-flow"

/** Reads a flow (404 when unknown) and checks its status allows the action. */
export const loadFlowStep = createStep(loadFlowStepId, async (input: LoadFlowStepInput, { container }) => {
  const flow = (await marketingOf(container).retrieveFlow(input.id)) as unknown as FlowRecord
  if (!input.allowed.includes(flow.status)) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Invalid request: status: the flow is ${flow.status} and cannot be ${input.action}; only ${input.allowed.join(" or ")} flows can`
    )
  }
  return new StepResponse(flow)
})
