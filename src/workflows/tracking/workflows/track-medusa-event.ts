import { WorkflowResponse, createWorkflow } from "@medusajs/framework/workflows-sdk"
import { BuildMedusaEventsStepInput, buildMedusaEventsStep } from "../steps/build-medusa-events"
import { recordAndAnnounceEvents } from "./record-and-announce"

export type TrackMedusaEventWorkflowInput = BuildMedusaEventsStepInput

export const trackMedusaEventWorkflowId = "track-medusa-event"

/**
 * Records one of Medusa's own events (customer, cart, order) on the right
 * contact, with the facts that matter: cart items and value, order total and
 * currency, products and categories. A customer, a cart that gained an email
 * or an order stitches the visitor who owned the cart into the customer.
 *
 * @example
 * await trackMedusaEventWorkflow(container).run({
 *   input: { name: "order.placed", id: "order_123", received_at: new Date().toISOString() },
 * })
 */
export const trackMedusaEventWorkflow = createWorkflow(
  trackMedusaEventWorkflowId,
  (input: TrackMedusaEventWorkflowInput) => {
    const events = buildMedusaEventsStep(input)
    const result = recordAndAnnounceEvents(events)
    return new WorkflowResponse(result)
  }
)
