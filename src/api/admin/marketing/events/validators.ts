import { z } from "@medusajs/framework/zod"
import { CUSTOM_EVENT_PATTERN } from "../../../../modules/marketing/tracking/event-types"

/** Event types a server may record for a contact: the built-in appointment, or a custom one. */
const SERVER_EVENT_TYPES = ["appointment_booked"] as const

export const AdminRecordEvent = z
  .object({
    type: z
      .string()
      .refine((t) => (SERVER_EVENT_TYPES as readonly string[]).includes(t) || CUSTOM_EVENT_PATTERN.test(t), {
        message: `Unknown event type. Use ${SERVER_EVENT_TYPES.join(", ")}, or custom:<name>`,
      }),
    contact_id: z.string().min(1).max(100).optional(),
    customer_id: z.string().min(1).max(100).optional(),
    email: z.string().email().max(320).optional(),
    /** ISO time of the booking; defaults to now, and never later than now. */
    occurred_at: z.string().datetime({ offset: true }).optional(),
    properties: z
      .record(z.string().max(100), z.unknown())
      .refine((p) => JSON.stringify(p).length <= 8000, { message: "must be at most 8000 characters as JSON" })
      .optional(),
    /** The same key records the event once (a booking tool's retry). */
    idempotency_key: z.string().min(1).max(200).optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    const named = [body.contact_id, body.customer_id, body.email].filter((v) => v !== undefined).length
    if (named !== 1) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["contact_id"],
        message: named ? "name the contact once: contact_id, customer_id or email" : "one of contact_id, customer_id or email is required",
      })
    }
  })
export type AdminRecordEventType = z.output<typeof AdminRecordEvent>
