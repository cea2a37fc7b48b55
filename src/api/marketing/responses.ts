import { z } from "@medusajs/framework/zod"
import { component } from "../utils/openapi"

/** The plugin's signed feedback format, for a bounce-mailbox parser in front of an SMTP relay. */
export const SignedJsonFeedback = component(
  "SignedDeliveryFeedback",
  z
  .object({
    events: z
      .array(
        z.object({
          type: z.enum(["bounce", "complaint", "unsubscribe"]),
          email: z.string(),
          hard: z.boolean().optional().meta({ description: "False for a soft bounce, which does not suppress the address." }),
          message_id: z.string().optional().meta({ description: "The plugin's message id (`mmsg_…`), when known." }),
          reason: z.string().optional(),
          at: z.string().optional().meta({ description: "When it happened (ISO 8601); now when absent." }),
        })
      )
      .max(1000),
  })
  .meta({
    description:
      "Sent to `/marketing/webhooks/email/smtp`, signed with the plugin's email secret: `X-Marketing-Timestamp: <unix seconds>` and " +
      "`X-Marketing-Signature: sha256=<hex HMAC-SHA256 of \"<timestamp>.<raw body>\">`. Events of other types are ignored.",
  })
)

/** SendGrid's Event Webhook body: only the fields the plugin reads. */
export const SendgridEvents = component(
  "SendgridEvents",
  z
  .array(
    z
      .object({
        event: z.string().meta({ description: "`bounce`, `dropped`, `spamreport`, `unsubscribe`, `group_unsubscribe`, `delivered`, `deferred`; others are ignored." }),
        email: z.string(),
        timestamp: z.number().optional(),
        type: z.string().optional(),
        reason: z.string().optional(),
        marketing_message_id: z.string().optional(),
        sg_message_id: z.string().optional(),
        "smtp-id": z.string().optional(),
      })
      .loose()
  )
  .meta({ description: "SendGrid's Event Webhook, verified with its ECDSA signature (`email.webhooks.sendgridPublicKey`)." })
)

export const DeliveryFeedbackResponse = z.object({
  received: z.number().int().meta({ description: "Feedback events read from the body." }),
  applied: z.number().int().meta({ description: "Those that changed something: a message's status, a suppression, a consent." }),
})

export const LinkPage = { description: "A page for the person who followed the link.", contentType: "text/html" }
export const InvalidLinkPage = { description: "The link is not valid (a bad or expired token): a page saying so.", contentType: "text/html" }
