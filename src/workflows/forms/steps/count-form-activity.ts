import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import type { FormCount } from "../../../modules/marketing/forms/sql"
import { marketingOf } from "../../utils/marketing"

export const countFormActivityStepId = "count-form-activity"

/** Adds one to a form variant's view, close or submission counter of the day; compensation takes it back. */
export const countFormActivityStep = createStep(
  countFormActivityStepId,
  async (input: FormCount, { container }) => {
    await marketingOf(container).countFormActivity(input)
    return new StepResponse(true, input)
  },
  async (input, { container }) => {
    if (!input) return
    await marketingOf(container).countFormActivity({ ...input, delta: -(input.delta ?? 1) })
  }
)
