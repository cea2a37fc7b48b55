import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import type { DeliveryFeedback } from "../../../modules/marketing/email/webhooks/sendgrid"
import type { PreparedEvent } from "../../../modules/marketing/tracking/types"
import { marketingOf } from "../../utils/marketing"

const EVENT_TYPES: Record<string, string> = {
  bounced: "email_bounced",
  complained: "email_complained",
  unsubscribed: "email_unsubscribed",
}

export const applyDeliveryFeedbackStepId = "apply-email-delivery-feedback"

/**
 * Applies bounces, complaints and provider-side unsubscribes, and returns the
 * contacts' events for them. Suppressions are not compensated: the mailbox
 * really bounced.
 */
export const applyDeliveryFeedbackStep = createStep(
  applyDeliveryFeedbackStepId,
  async (input: { feedback: DeliveryFeedback[]; source: string }, { container }) => {
    const marketing = marketingOf(container)
    const applied = await marketing.applyDeliveryEvents(input.feedback, input.source)
    const now = new Date().toISOString()
    const events: PreparedEvent[] = applied
      .filter((a) => a.contact_id && EVENT_TYPES[a.kind])
      .map((a) => ({
        type: EVENT_TYPES[a.kind],
        contact_id: a.contact_id,
        properties: {
          ...(a.message_id ? { message_id: a.message_id } : {}),
          ...(a.kind === "bounced" ? { kind: a.permanent ? "hard" : "soft" } : {}),
          source: input.source,
        },
        occurred_at: now,
        received_at: now,
        source: "email",
        profile: {},
      }))
    return new StepResponse({ applied: applied.length, events })
  }
)
