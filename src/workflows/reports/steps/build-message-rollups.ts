import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { marketingOf } from "../../utils/marketing"

export const buildMessageRollupsStepId = "build-marketing-message-rollup-days"

export type BuildMessageRollupsInput = {
  /** The builder's clock (ISO); tests pass their own. Today (UTC) is never built. */
  now?: string
}

/**
 * Rebuilds the message rollup of every closed day that is missing or stale,
 * one transaction per day. Nothing to compensate: a rollup is a cache of the
 * message rows, true whenever it is written, and a day not rebuilt is read
 * from its messages.
 */
export const buildMessageRollupsStep = createStep(
  buildMessageRollupsStepId,
  async (input: BuildMessageRollupsInput, { container }) => {
    const marketing = marketingOf(container)
    const now = input.now ? new Date(input.now) : new Date()
    const days = await marketing.messageRollupDaysToBuild(now)
    let rows = 0
    for (const day of days) rows += await marketing.buildMessageRollupDay(day, now)
    return new StepResponse({ days: days.length, rows })
  }
)
