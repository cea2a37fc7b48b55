import { z } from "@medusajs/framework/zod"
import { MESSAGE_KINDS, MESSAGE_STATUSES } from "../../../../modules/marketing/models/message"
import { component, nullableTimestamp, page, timestamp } from "../../../utils/openapi"

const count = () => z.number().int()

/** The fields of a message in the log (MESSAGE_FIELDS). */
const messageFields = {
  id: z.string(),
  contact_id: z.string().nullable(),
  template_id: z.string().nullable(),
  kind: z.enum(MESSAGE_KINDS).meta({
    description: "`marketing` is checked against consent, suppressions, topics and pauses before every attempt; `transactional` skips consent, never the hard suppressions.",
  }),
  topic: z.string().nullable().meta({ description: "The preference topic: contacts who opted out of it are not sent the message." }),
  email: z.string(),
  subject: z.string().nullable(),
  status: z.enum(MESSAGE_STATUSES),
  error: z.string().nullable().meta({ description: "Why the last attempt failed, or why the message was suppressed." }),
  attempts: count(),
  next_attempt_at: nullableTimestamp().meta({ description: "When a queued message (a transient failure) is tried again." }),
  provider_id: z.string().nullable(),
  provider_message_id: z.string().nullable(),
  queued_at: timestamp(),
  sent_at: nullableTimestamp(),
  failed_at: nullableTimestamp(),
  bounced_at: nullableTimestamp(),
  complained_at: nullableTimestamp(),
  opened_at: nullableTimestamp().meta({ description: "The first open by a person (not a proxy or scanner)." }),
  clicked_at: nullableTimestamp(),
  open_count: count(),
  click_count: count(),
  machine_open_count: count().meta({ description: "Opens by proxies and scanners: stored, not counted as engagement." }),
  machine_click_count: count(),
}

export const Message = component(
  "Message",
  z
    .object(messageFields)
    .meta({ description: "One email to one address, and what became of it." })
)

export const MessageListResponse = z.object({ messages: z.array(Message).meta({ description: "Newest first." }), ...page })

export const MessageResponse = z.object({
  message: component(
    "MessageDetail",
    z
      .object({
        ...messageFields,
        context: z
          .record(z.string(), z.unknown())
          .nullable()
          .meta({ description: "What the message is rendered with: cart_id, order_id, products, data…" }),
      })
      .meta({ description: "A message with the context it is rendered with." })
  ),
})

export const DispatchMessagesResult = component(
  "DispatchMessagesResult",
  z
    .object({
      claimed: count().meta({ description: "Due messages taken for delivery." }),
      sent: count(),
      failed: count().meta({ description: "Failed for good." }),
      retrying: count().meta({ description: "Failed for now: queued again for a later attempt." }),
      suppressed: count().meta({ description: "Not sent on purpose: suppressed address, no consent, paused, topic opted out, contact gone." }),
    })
)
