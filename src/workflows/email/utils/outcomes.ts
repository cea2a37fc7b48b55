import { nextAttemptAt } from "../../../modules/marketing/email/delivery"
import type { MessageOutcome, MessageRow } from "../../../modules/marketing/email/queue"
import type { EmailSettings } from "../../../modules/marketing/email/settings"
import type MarketingModuleService from "../../../modules/marketing/service"

export type DeliveryReport = {
  sent: number
  failed: number
  retrying: number
  suppressed: number
  outcomes: MessageOutcome[]
}

/** An error as one short line, for the message row and the log. */
export const oneLine = (message: string) => message.replace(/\s+/g, " ").trim().slice(0, 1000)

/**
 * The outcome of each claimed message in one delivery run, with the run's
 * counts. A message is decided once: later decisions about it are ignored
 * (the catch-all "retry everything" after an error keeps the ones decided).
 */
export class DeliveryOutcomes {
  readonly report: DeliveryReport = { sent: 0, failed: 0, retrying: 0, suppressed: 0, outcomes: [] }
  private readonly decided = new Set<string>()
  private readonly at: string

  constructor(
    private readonly now: Date,
    private readonly retry: EmailSettings["retry"]
  ) {
    this.at = now.toISOString()
  }

  private decide(message: MessageRow, fields: Omit<MessageOutcome, "id" | "at">): boolean {
    if (this.decided.has(message.id)) return false
    this.decided.add(message.id)
    this.report.outcomes.push({ id: message.id, at: this.at, ...fields })
    return true
  }

  /** Not sent, on purpose: suppressed address, no consent, paused, gone contact. */
  suppressed(message: MessageRow, reason: string): void {
    if (this.decide(message, { status: "suppressed", error: reason })) this.report.suppressed++
  }

  /** Retried later when `transient` and attempts remain, failed for good otherwise. */
  failed(message: MessageRow, error: string, transient: boolean): void {
    if (this.decided.has(message.id)) return
    const retryAt = transient ? nextAttemptAt({ attempts: message.attempts, ...this.retry, now: this.now }) : null
    if (retryAt) {
      this.report.retrying++
      this.decide(message, { status: "queued", error: oneLine(error), next_attempt_at: retryAt.toISOString() })
    } else {
      this.report.failed++
      this.decide(message, { status: "failed", error: oneLine(error) })
    }
  }

  /** Tried again at `at` without counting as a failed attempt's backoff. */
  waiting(message: MessageRow, error: string, at: Date): void {
    if (this.decide(message, { status: "queued", error, next_attempt_at: at.toISOString() })) this.report.retrying++
  }

  /** Handed over and confirmed by the Notification Module. */
  sent(message: MessageRow, subject: string, notification: any): void {
    const recorded = this.decide(message, {
      status: "sent",
      subject,
      notification_id: notification?.id ?? null,
      provider_id: notification?.provider_id ?? null,
      provider_message_id: notification?.external_id ?? null,
      error: null,
    })
    if (recorded) this.report.sent++
  }
}

/** Writes every outcome on its message and releases the claim's lease; returns the messages as written. */
export async function recordDeliveryOutcomes(marketing: MarketingModuleService, outcomes: DeliveryOutcomes): Promise<MessageRow[]> {
  return await marketing.recordMessageOutcomes(outcomes.report.outcomes)
}
