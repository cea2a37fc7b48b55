import { z } from "@medusajs/framework/zod"
import { component } from "../../../utils/openapi"

/** What happened to an event a server recorded for a contact. */
export const RecordedContactEvent = component(
  "RecordedContactEvent",
  z
  .object({
    recorded: z.number().int().meta({ description: "1 when the event was stored now." }),
    duplicates: z.number().int().meta({ description: "1 when an event with the same `idempotency_key` was already stored (a retry): nothing new." }),
    dropped: z.number().int().meta({ description: "1 when the event was not stored because the store requires analytics consent and the contact has not given it." }),
    contact_id: z.string().nullable().meta({ description: "The contact the event was recorded for; null when it was dropped." }),
    event_id: z.string().nullable().meta({ description: "The event stored now; null for a duplicate or a dropped event." }),
  })
)
