import { WorkflowResponse, createWorkflow, transform } from "@medusajs/framework/workflows-sdk"
import { ContactEventInput, prepareContactEventStep } from "../steps/prepare-contact-event"
import { recordAndAnnounceEvents } from "./record-and-announce"

export const recordContactEventWorkflowId = "record-marketing-contact-event"

/**
 * Records one event for a contact named by contact id, Medusa customer id or
 * email, sent by a server with an admin credential (a booking tool's
 * `appointment_booked` with a secret API key). It takes the same path as
 * storefront events: scoring, segments, flows, and attribution for an
 * appointment.
 *
 * @example
 * const { result } = await recordContactEventWorkflow(container).run({
 *   input: { type: "appointment_booked", email: "ada@example.com", properties: { kind: "showroom" },
 *     received_at: new Date().toISOString() },
 * })
 * // result: { recorded: 1, duplicates: 0, dropped: 0, contact_id: "mcon_…", event_id: "mevt_…" }
 */
export const recordContactEventWorkflow = createWorkflow(recordContactEventWorkflowId, (input: ContactEventInput) => {
  const events = prepareContactEventStep(input)
  const result = recordAndAnnounceEvents(events)
  return new WorkflowResponse(
    transform({ result }, ({ result }) => ({
      recorded: result.recorded,
      duplicates: result.duplicates,
      dropped: result.dropped,
      contact_id: result.contact_ids[0] ?? null,
      event_id: result.event_ids[0] ?? null,
    }))
  )
})
