import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { StorefrontEvent, prepareStorefrontEvents } from "../../../modules/marketing/tracking/prepare"
import { marketingOf } from "../../utils/marketing"

export type PrepareStorefrontEventsStepInput = {
  events: StorefrontEvent[]
  customer_id?: string | null
  user_agent?: string | null
  ip?: string | null
  received_at: string
}

export const prepareStorefrontEventsStepId = "prepare-storefront-events"

/** Clamps timestamps, parses the user agent and extracts profile fields. */
export const prepareStorefrontEventsStep = createStep(
  prepareStorefrontEventsStepId,
  async (input: PrepareStorefrontEventsStepInput, { container }) => {
    const marketing = marketingOf(container)
    const { maxEventAgeHours } = marketing.getOptions().tracking
    return new StepResponse(
      prepareStorefrontEvents(input.events, {
        customer_id: input.customer_id,
        user_agent: input.user_agent,
        ip: input.ip,
        received_at: input.received_at,
        maxEventAgeHours,
      })
    )
  }
)
