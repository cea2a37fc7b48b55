import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import type { EmailConsentChange } from "../modules/marketing/tracking/types"
import { requestEmailConfirmationWorkflow } from "../workflows/email"
import { MarketingEvents } from "../workflows/tracking/events"

/** Consent that became `pending` (double opt-in) gets its confirmation email. */
export default async function sendEmailConfirmation({ event, container }: SubscriberArgs<EmailConsentChange | EmailConsentChange[]>) {
  const changes = Array.isArray(event.data) ? event.data : [event.data]
  for (const change of changes) {
    if (change.status !== "pending") continue
    await requestEmailConfirmationWorkflow(container).run({
      input: { contact_id: change.contact_id, requested_at: new Date().toISOString() },
    })
  }
}

export const config: SubscriberConfig = {
  event: MarketingEvents.EMAIL_CONSENT_CHANGED,
  context: { subscriberId: "marketing-send-email-confirmation" },
}
