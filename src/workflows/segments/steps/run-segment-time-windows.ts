import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { marketingOf } from "../../utils/marketing"

export const runSegmentTimeWindowsStepId = "run-segment-time-windows"

/** The time-window pass over every time-dependent segment. No compensation: membership is derived state. */
export const runSegmentTimeWindowsStep = createStep(
  runSegmentTimeWindowsStepId,
  async (input: { now?: Date | string }, { container }) => {
    return new StepResponse(await marketingOf(container).runSegmentTimeWindows(input.now ? new Date(input.now) : new Date()))
  }
)
