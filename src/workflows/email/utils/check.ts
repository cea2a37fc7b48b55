import { suppressionReason } from "../../../modules/marketing/email/delivery"
import type { DeliveryFactsRow, MessageRow } from "../../../modules/marketing/email/queue"
import type { EmailSettings } from "../../../modules/marketing/email/settings"
import type MarketingModuleService from "../../../modules/marketing/service"
import type { DeliveryOutcomes } from "./outcomes"

/** The contacts messages speak of: each one's recipient and the contact a test send renders as. */
function contactIdsOf(messages: MessageRow[]): string[] {
  return [
    ...new Set(
      messages
        .flatMap((m) => [m.contact_id, (m.context as { as_contact_id?: string } | null)?.as_contact_id])
        .filter((id): id is string => !!id)
    ),
  ]
}

/**
 * Checks each message against suppressions, consent, topics and pauses
 * again, at send time, recording why those that may not go are suppressed.
 * Returns the sendable ones and the contacts (after merges) for rendering.
 */
export async function checkSuppressionAndConsent(
  marketing: MarketingModuleService,
  messages: MessageRow[],
  settings: EmailSettings,
  now: Date,
  outcomes: DeliveryOutcomes
): Promise<{ sendable: MessageRow[]; contacts: Map<string, DeliveryFactsRow> }> {
  const facts = await marketing.loadDeliveryFacts(contactIdsOf(messages), messages.map((m) => m.email))
  const sendable: MessageRow[] = []
  for (const message of messages) {
    const contact = message.contact_id ? facts.contacts.get(message.contact_id) : undefined
    if (message.contact_id && !contact) {
      outcomes.suppressed(message, "contact no longer exists")
      continue
    }
    const reason = suppressionReason({
      kind: message.kind,
      topic: message.topic,
      contact: contact ?? null,
      suppression: facts.suppressions.get(message.email) ?? null,
      requireConsent: settings.requireConsent,
      now,
    })
    if (reason) {
      outcomes.suppressed(message, reason)
    } else {
      sendable.push(message)
    }
  }
  return { sendable, contacts: facts.contacts }
}
