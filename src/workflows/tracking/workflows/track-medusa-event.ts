import { WorkflowResponse, createWorkflow, transform } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { BuildMedusaEventsStepInput, buildMedusaEventsStep } from "../steps/build-medusa-events"
import { recordEventsStep } from "../steps/record-events"
import { MarketingEvents, recordedEventsPayload } from "../events"

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
    const result = recordEventsStep({ events })
    const payload = transform({ result, events }, recordedEventsPayload)
    emitEventStep({ eventName: MarketingEvents.EVENTS_RECORDED, data: payload.recorded }).config({
      name: "emit-events-recorded",
    })
    emitEventStep({ eventName: MarketingEvents.CONTACT_MERGED, data: payload.merges }).config({
      name: "emit-contacts-merged",
    })
    return new WorkflowResponse(result)
  }
)
