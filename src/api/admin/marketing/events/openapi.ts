import type { RouteGroup } from "../../../utils/openapi"
import { ok } from "../../../utils/openapi"
import { RecordedContactEvent } from "./responses"
import { AdminRecordEvent } from "./validators"

/** The API reference of these routes: see `RouteDoc`. */
export const adminEventRoutes: RouteGroup = {
  tag: "Events",
  description: "Events recorded by the store's own back office or integrations.",
  routes: [
    {
      method: "post",
      path: "/admin/marketing/events",
      summary: "Record an event for a contact",
      description:
        "Records one event (`appointment_booked`, or `custom:<name>`) for a contact named by exactly one of `contact_id`, `customer_id` or `email`. " +
        "Meant for a server, such as a booking tool, calling with a secret API key. The event is scored, updates segments, triggers flows " +
        "and, for an appointment, is credited to the message that led to it, like an order. An unknown contact, customer or email is a 400 naming the field; " +
        "the same `idempotency_key` records the event once.",
      access: "admin",
      query: null,
      body: AdminRecordEvent,
      responses: ok(RecordedContactEvent, "The event's outcome."),
    },
  ],
}
