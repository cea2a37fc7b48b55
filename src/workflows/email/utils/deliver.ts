import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../../modules/marketing"
import type { MessageRow } from "../../../modules/marketing/email/queue"
import type MarketingModuleService from "../../../modules/marketing/service"
import { checkSuppressionAndConsent } from "./check"
import {
  NO_NOTIFICATION_MODULE,
  NotificationPayload,
  notificationModule,
  sendNotifications,
  settledByEarlierAttempt,
  toNotification,
} from "./notify"
import { DeliveryOutcomes, DeliveryReport, recordDeliveryOutcomes } from "./outcomes"
import { prepareRendering, renderMessage } from "./render"

export type { DeliveryReport } from "./outcomes"

/** Notifications per `createNotifications` call. */
const BATCH = 50

/** Runs `work` over `items` with at most `limit` at a time. */
async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) await work(items[next++])
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

/**
 * Delivers claimed messages (see claim.ts), stage by stage: checks each
 * against suppressions and consent (check.ts), renders it (render.ts), hands
 * it to the Notification Module on the `email` channel (notify.ts) and
 * records every outcome (outcomes.ts). Each attempt's notification has the
 * idempotency key `marketing:<message>:<attempt>`, so an attempt repeated
 * after a crash is not sent twice.
 */
export async function deliverMessages(
  container: MedusaContainer,
  messages: MessageRow[],
  now: Date
): Promise<DeliveryReport & { messages: MessageRow[] }> {
  const marketing = container.resolve<MarketingModuleService>(MARKETING_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const settings = marketing.getEmailSettings()
  const outcomes = new DeliveryOutcomes(now, settings.retry)
  if (!messages.length) return { ...outcomes.report, messages: [] }
  let recorded: MessageRow[] = []
  const started = Date.now()

  // Whatever goes wrong, every claimed message gets an outcome (undecided ones are retried later)
  // and the lease is released: nothing stays claimed until the lease runs out.
  try {
    const { sendable, contacts } = await checkSuppressionAndConsent(marketing, messages, settings, now, outcomes)
    const rendering = sendable.length ? await prepareRendering(container, marketing, sendable, contacts, settings, now) : null
    const notifications = notificationModule(container)

    // The notification to send, or null with the reason recorded.
    const prepare = async (message: MessageRow): Promise<NotificationPayload | null> => {
      const { email, error } = await renderMessage(message, rendering!)
      if (!email) {
        outcomes.failed(message, error, false)
        return null
      }
      if (!notifications) {
        outcomes.failed(message, NO_NOTIFICATION_MODULE, true)
        return null
      }
      if (await settledByEarlierAttempt(notifications, message, email.subject, now, outcomes, settings.inFlightSeconds)) return null
      return toNotification(message, email, settings)
    }

    // Batches of up to BATCH messages, several in flight, so the database work of one overlaps
    // the SMTP exchanges of another; `concurrency` bounds the messages in flight.
    // Each batch is rendered when its turn comes, so rendering one overlaps sending another.
    const batchSize = Math.min(BATCH, settings.concurrency)
    const batches: MessageRow[][] = []
    for (let i = 0; i < sendable.length; i += batchSize) batches.push(sendable.slice(i, i + batchSize))
    await pool(batches, Math.max(1, Math.floor(settings.concurrency / batchSize)), async (batch) => {
      const chunk: NotificationPayload[] = []
      for (const message of batch) {
        try {
          const payload = await prepare(message)
          if (payload) chunk.push(payload)
        } catch (e) {
          outcomes.failed(message, `could not prepare the email: ${(e as Error).message}`, true)
        }
      }
      if (chunk.length) await sendNotifications(notifications!, chunk, outcomes, logger)
    })
  } catch (e) {
    logger.error(`marketing: email dispatch failed: ${(e as Error).message}`)
    for (const message of messages) outcomes.failed(message, `dispatch failed: ${(e as Error).message}`, true)
  } finally {
    recorded = await recordDeliveryOutcomes(marketing, outcomes)
  }
  const { report } = outcomes
  logger.debug?.(
    `marketing: ${messages.length} messages in ${Date.now() - started} ms: ${report.sent} sent, ${report.retrying} retrying, ${report.failed} failed, ${report.suppressed} suppressed`
  )
  return { ...report, messages: recorded }
}
