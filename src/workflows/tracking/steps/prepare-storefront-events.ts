import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { StorefrontEvent, prepareStorefrontEvents } from "../../../modules/marketing/tracking/prepare"
import { marketingOf } from "../../utils/marketing"

/** One storefront request's events and what the request says about its sender. */
export type StorefrontEventsRequest = {
  events: StorefrontEvent[]
  customer_id?: string | null
  user_agent?: string | null
  ip?: string | null
  received_at: string
}

export type PrepareStorefrontEventsStepInput = { requests: StorefrontEventsRequest[] }

export const prepareStorefrontEventsStepId = "prepare-storefront-events"

/**
 * Clamps timestamps, parses user agents and extracts profile fields, for
 * the events of one request or of several stored together, in order.
 */
export const prepareStorefrontEventsStep = createStep(
  prepareStorefrontEventsStepId,
  async ({ requests }: PrepareStorefrontEventsStepInput, { container }) => {
    const { maxEventAgeHours } = marketingOf(container).getOptions().tracking
    return new StepResponse(
      requests.flatMap((request) =>
        prepareStorefrontEvents(request.events, {
          customer_id: request.customer_id,
          user_agent: request.user_agent,
          ip: request.ip,
          received_at: request.received_at,
          maxEventAgeHours,
        })
      )
    )
  }
)
