import type { INotificationModuleService, Logger, MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { classifySendError } from "../../../modules/marketing/email/delivery"
import type { MessageRow } from "../../../modules/marketing/email/queue"
import type { EmailSettings } from "../../../modules/marketing/email/settings"
import { DeliveryOutcomes, oneLine } from "./outcomes"
import type { RenderedEmail } from "./render"

/** One message's notification, keyed by its attempt. */
export type NotificationPayload = {
  message: MessageRow
  key: string
  subject: string
  notification: Record<string, unknown>
}

export const NO_NOTIFICATION_MODULE = "the Notification Module is not configured (add a provider for the email channel)"

/** The Notification Module, or null when the store has none. */
export function notificationModule(container: MedusaContainer): INotificationModuleService | null {
  try {
    return container.resolve<INotificationModuleService>(Modules.NOTIFICATION)
  } catch {
    return null
  }
}

/**
 * One notification per attempt: the Notification Module reuses a failed key by
 * creating a row under a new id and then updating it by that id, which fails.
 */
const attemptKey = (message: MessageRow, attempt: number) => `marketing:${message.id}:${attempt}`

/**
 * Whether an earlier attempt settles this message, recording its outcome if
 * so: one that went out but was never recorded (a crash) counts as sent; one
 * whose lease ran out may still be talking to the provider, so the message
 * waits for it, `inFlightSeconds` at most (email.inFlightSeconds): past that
 * its instance died without an answer, and the email is sent again.
 */
export async function settledByEarlierAttempt(
  notifications: INotificationModuleService,
  message: MessageRow,
  subject: string,
  now: Date,
  outcomes: DeliveryOutcomes,
  inFlightSeconds: number
): Promise<boolean> {
  if (message.attempts <= 1) return false
  const earlier = await notifications.listNotifications({
    idempotency_key: Array.from({ length: message.attempts - 1 }, (_, i) => attemptKey(message, i + 1)),
  } as any)
  const done = earlier.find((n) => n.status === "success")
  if (done) {
    outcomes.sent(message, subject, done)
    return true
  }
  const givesUpAt = (n: any) => new Date(n.created_at).getTime() + inFlightSeconds * 1000
  const inFlight = earlier.filter((n) => n.status === "pending" && givesUpAt(n) > now.getTime())
  if (inFlight.length) {
    // Look again when the last of them gives up (every 10 minutes at most).
    const at = Math.min(Math.max(...inFlight.map(givesUpAt)) + 1000, now.getTime() + 10 * 60_000)
    outcomes.waiting(message, "an earlier attempt is still in progress", new Date(at))
    return true
  }
  return false
}

/** The notification for this attempt of a rendered message, on the `email` channel. */
export function toNotification(message: MessageRow, email: RenderedEmail, settings: EmailSettings): NotificationPayload {
  const key = attemptKey(message, message.attempts)
  return {
    message,
    key,
    subject: email.subject,
    notification: {
      to: message.email,
      channel: "email",
      template: email.template,
      ...(settings.from ? { from: settings.from } : {}),
      content: { subject: email.subject, html: email.html, text: email.text },
      data: { headers: email.headers, message_id: message.id },
      trigger_type: "marketing",
      resource_id: message.id,
      resource_type: "marketing_message",
      idempotency_key: key,
    },
  }
}

const FAILED_PREFIX = "Failed to send notification with id "

/** This notification's part of the module's aggregated error (or all of it when it names none). */
function errorFor(failure: string, notificationId: string | undefined): string {
  if (!failure) return ""
  const at = notificationId ? failure.indexOf(`${FAILED_PREFIX}${notificationId}:`) : -1
  if (at === -1) return failure
  const start = at + FAILED_PREFIX.length + notificationId!.length + 1
  const next = failure.indexOf(FAILED_PREFIX, start)
  return failure.slice(start, next === -1 ? undefined : next).trim()
}

/**
 * Hands a batch to the Notification Module and records each message's
 * outcome. The module stores a batch in one transaction and sends its
 * notifications concurrently; a failure of some throws one aggregated error
 * after all were tried, so each outcome is read back from the notifications.
 */
export async function sendNotifications(
  notifications: INotificationModuleService,
  chunk: NotificationPayload[],
  outcomes: DeliveryOutcomes,
  logger: Logger
): Promise<void> {
  let failure = ""
  let stored: any[] = []
  try {
    stored = await notifications.createNotifications(chunk.map((p) => p.notification) as any)
  } catch (e) {
    failure = (e as Error).message ?? String(e)
  }
  if (failure || stored.length !== chunk.length) {
    try {
      stored = await notifications.listNotifications({ idempotency_key: chunk.map((p) => p.key) } as any, {
        take: chunk.length,
      })
    } catch (e) {
      // Unknown which went out: retry them all; the next attempt finds the ones that did.
      for (const payload of chunk) outcomes.failed(payload.message, `could not read the send's outcome: ${(e as Error).message}`, true)
      return
    }
  }
  const byKey = new Map(stored.map((n: any) => [n.idempotency_key, n]))
  for (const payload of chunk) {
    const notification = byKey.get(payload.key)
    if (notification?.status === "success") {
      outcomes.sent(payload.message, payload.subject, notification)
      continue
    }
    const error = errorFor(failure, notification?.id) || "the notification provider did not confirm the send"
    const { transient } = classifySendError(error)
    logger.warn(
      `marketing: message ${payload.message.id} to ${payload.message.email} failed (${transient ? "transient" : "permanent"}): ${oneLine(error)}`
    )
    outcomes.failed(payload.message, error, transient)
  }
}
