import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { marketingOf } from "../../utils/marketing"

export type PurgePendingCartEventsStepInput = { now?: string }

export const purgePendingCartEventsStepId = "purge-pending-cart-events"

/**
 * Deletes events about carts no known visitor came to own within
 * `tracking.pendingCartEventDays` days. No compensation: the rows belonged to
 * no one and were due to go; running it again deletes nothing more.
 */
export const purgePendingCartEventsStep = createStep(
  purgePendingCartEventsStepId,
  async (input: PurgePendingCartEventsStepInput, { container }) => {
    const marketing = marketingOf(container)
    const deleted = await marketing.purgePendingCartEvents(input.now ? new Date(input.now) : new Date())
    return new StepResponse({ deleted })
  }
)
