import { z } from "@medusajs/framework/zod"
import { ERASURE_ORDER, EXPORT_SECTIONS } from "../../../modules/marketing/privacy/plan"
import { component, timestamp } from "../../utils/openapi"

/** What happened to a request's events. */
export const TrackEventsResponse = component(
  "TrackEventsResult",
  z.object({
    recorded: z.number().int().meta({ description: "Events stored now." }),
    duplicates: z.number().int().meta({ description: "Events already stored under the same `idempotency_key` (a retry): nothing new." }),
    dropped: z.number().int().meta({
      description: "Events not stored because the visitor did not consent to analytics (`consent.analytics: false`, or the store requires consent).",
    }),
  })
)

const rows = z.array(z.record(z.string(), z.unknown()))

/** Everything the plugin holds on a person, each row whole. */
export const ContactDataExport = component(
  "ContactDataExport",
  z
  .object({
    exported_at: timestamp(),
    contact: z.record(z.string(), z.unknown()).nullable().meta({ description: "The contact, or null when the plugin knows nothing about the customer." }),
    ...Object.fromEntries(EXPORT_SECTIONS.map((section) => [section, rows])),
  })
  .meta({ description: "GDPR access and portability: every row about the person, by table." })
)

export const ErasureResponse = z.object({
  erased: z.boolean().meta({ description: "False when there was nothing to erase." }),
  counts: z
    .object(Object.fromEntries(ERASURE_ORDER.map((table) => [table, z.number().int()])))
    .meta({ description: "Rows deleted per table." }),
  suppressions_added: z.number().int().meta({ description: "Addresses added to the suppression list, so no email reaches them again." }),
})
