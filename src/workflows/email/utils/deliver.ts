import type { INotificationModuleService, MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../../modules/marketing"
import { classifySendError, nextAttemptAt, suppressionReason } from "../../../modules/marketing/email/delivery"
import { listUnsubscribeHeaders } from "../../../modules/marketing/email/headers"
import type { MessageOutcome, MessageRow } from "../../../modules/marketing/email/queue"
import {
  SYSTEM_TEMPLATES,
  addOpenPixel,
  compileTemplate,
  rewriteLinks,
  type EmailTemplate,
  type SystemTemplateKey,
} from "../../../modules/marketing/email/templates"
import { messageUrls } from "../../../modules/marketing/email/urls"
import type MarketingModuleService from "../../../modules/marketing/service"
import { loadRenderContexts, loadStore } from "./render-context"

export type DeliveryReport = {
  sent: number
  failed: number
  retrying: number
  suppressed: number
  outcomes: MessageOutcome[]
}

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

const oneLine = (message: string) => message.replace(/\s+/g, " ").trim().slice(0, 1000)

/**
 * Delivers claimed messages: checks each against suppressions and consent
 * (again, at send time), renders it with its context, signs its links, and
 * hands it to the Notification Module on the `email` channel. Each attempt's
 * notification has the idempotency key `marketing:<message>:<attempt>`, so
 * an attempt repeated after a crash is not sent twice. Records every outcome.
 */
export async function deliverMessages(
  container: MedusaContainer,
  messages: MessageRow[],
  now: Date
): Promise<DeliveryReport> {
  const marketing = container.resolve<MarketingModuleService>(MARKETING_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const settings = marketing.getEmailSettings()
  const report: DeliveryReport = { sent: 0, failed: 0, retrying: 0, suppressed: 0, outcomes: [] }
  if (!messages.length) return report

  const contactIds = [
    ...new Set(
      messages
        .flatMap((m) => [m.contact_id, (m.context as { as_contact_id?: string } | null)?.as_contact_id])
        .filter((id): id is string => !!id)
    ),
  ]
  const started = Date.now()

  const at = now.toISOString()
  const decided = new Set<string>()
  const outcome = (message: MessageRow, fields: Omit<MessageOutcome, "id" | "at">) => {
    if (decided.has(message.id)) return
    decided.add(message.id)
    report.outcomes.push({ id: message.id, at, ...fields })
  }
  const fail = (message: MessageRow, error: string, transient: boolean) => {
    if (decided.has(message.id)) return
    const retryAt = transient
      ? nextAttemptAt({ attempts: message.attempts, ...settings.retry, now })
      : null
    if (retryAt) {
      report.retrying++
      outcome(message, { status: "queued", error: oneLine(error), next_attempt_at: retryAt.toISOString() })
    } else {
      report.failed++
      outcome(message, { status: "failed", error: oneLine(error) })
    }
  }

  const sentOutcome = (message: MessageRow, subject: string, notification: any) => {
    if (decided.has(message.id)) return
    report.sent++
    outcome(message, {
      status: "sent",
      subject,
      notification_id: notification?.id ?? null,
      provider_id: notification?.provider_id ?? null,
      provider_message_id: notification?.external_id ?? null,
      error: null,
    })
  }

  // Whatever goes wrong, every claimed message gets an outcome (undecided ones are retried later)
  // and the lease is released: nothing stays claimed until the lease runs out.
  try {
    const facts = await marketing.loadDeliveryFacts(contactIds, messages.map((m) => m.email))
    const sendable: MessageRow[] = []
    for (const message of messages) {
      const contact = message.contact_id ? facts.contacts.get(message.contact_id) : undefined
      if (message.contact_id && !contact) {
        report.suppressed++
        outcome(message, { status: "suppressed", error: "contact no longer exists" })
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
        report.suppressed++
        outcome(message, { status: "suppressed", error: reason })
      } else {
        sendable.push(message)
      }
    }
    if (!sendable.length) return report

    const templateIds = [...new Set(sendable.map((m) => m.template_id).filter((id): id is string => !!id))]
    const templates = new Map<string, EmailTemplate>(
      templateIds.length
        ? (await marketing.listEmailTemplates({ id: templateIds }, { take: templateIds.length })).map((t) => [
            t.id,
            t as unknown as EmailTemplate,
          ])
        : []
    )
    const store = await loadStore(container, settings)
    const contexts = await loadRenderContexts(container, sendable, facts.contacts, store, now)
    let notifications: INotificationModuleService | null = null
    try {
      notifications = container.resolve<INotificationModuleService>(Modules.NOTIFICATION)
    } catch {
      notifications = null
    }

    // Renders one message (the compiled template is cached) into the notification to send, or
    // records why it will not be sent.
    type Payload = { message: MessageRow; key: string; subject: string; notification: Record<string, unknown> }
    const prepare = async (message: MessageRow): Promise<Payload | null> => {
      const system = (message.context as { system?: SystemTemplateKey } | null)?.system
      const template = message.template_id ? templates.get(message.template_id) : system ? SYSTEM_TEMPLATES[system] : undefined
      if (!template) {
        fail(message, `template ${message.template_id ?? system ?? "(none)"} no longer exists`, false)
        return null
      }
      const urls = messageUrls(settings, message)
      let rendered: { subject: string; html: string; text: string }
      try {
        rendered = (await compileTemplate(template)).render({
          ...contexts.get(message.id)!,
          unsubscribe_url: urls.unsubscribe_url,
          preferences_url: urls.preferences_url,
        })
      } catch (e) {
        fail(message, `template error: ${(e as Error).message}`, false)
        return null
      }
      let html = rendered.html
      if (html) {
        html = addOpenPixel(
          rewriteLinks(html, (url) => urls.click_url(url), { keep: [urls.unsubscribe_url, urls.preferences_url] }),
          urls.open_url
        )
      }
      const headers: Record<string, string> = { "X-Marketing-Message-Id": message.id }
      if (message.kind === "marketing") {
        Object.assign(headers, listUnsubscribeHeaders({ url: urls.unsubscribe_url, mailto: settings.unsubscribeMailto }))
      }
      if (!notifications) {
        fail(message, "the Notification Module is not configured (add a provider for the email channel)", true)
        return null
      }
      // One notification per attempt: the Notification Module reuses a failed key by creating a row
      // under a new id and then updating it by that id, which fails. An earlier attempt that went out
      // but was never recorded (a crash) counts as sent.
      const key = (attempt: number) => `marketing:${message.id}:${attempt}`
      if (message.attempts > 1) {
        const earlier = await notifications.listNotifications({
          idempotency_key: Array.from({ length: message.attempts - 1 }, (_, i) => key(i + 1)),
        } as any)
        const done = earlier.find((n) => n.status === "success")
        if (done) {
          sentOutcome(message, rendered.subject, done)
          return null
        }
        // An attempt whose lease ran out may still be talking to the provider: wait for it
        // (an hour at most: past that it died without an answer, and the email is sent again).
        const inFlight = earlier.find(
          (n) => n.status === "pending" && now.getTime() - new Date((n as any).created_at).getTime() < 3600_000
        )
        if (inFlight) {
          decided.add(message.id)
          report.retrying++
          report.outcomes.push({
            id: message.id,
            at,
            status: "queued",
            error: "an earlier attempt is still in progress",
            next_attempt_at: new Date(now.getTime() + 10 * 60_000).toISOString(),
          })
          return null
        }
      }
      return {
        message,
        key: key(message.attempts),
        subject: rendered.subject,
        notification: {
          to: message.email,
          channel: "email",
          template: message.template_id ?? system ?? "marketing",
          ...(settings.from ? { from: settings.from } : {}),
          content: { subject: rendered.subject, html, text: rendered.text },
          data: { headers, message_id: message.id },
          trigger_type: "marketing",
          resource_id: message.id,
          resource_type: "marketing_message",
          idempotency_key: key(message.attempts),
        },
      }
    }

    // The module stores a batch in one transaction and sends its notifications concurrently; a
    // failure of some throws one aggregated error after all were tried, so each outcome is read
    // back from the notifications themselves.
    // Batches of up to BATCH messages, several in flight, so the database work of one overlaps
    // the SMTP exchanges of another; `concurrency` bounds the messages in flight.
    // Each batch is rendered when its turn comes, so rendering one overlaps sending another.
    const batchSize = Math.min(BATCH, settings.concurrency)
    const batches: MessageRow[][] = []
    for (let i = 0; i < sendable.length; i += batchSize) batches.push(sendable.slice(i, i + batchSize))
    await pool(batches, Math.max(1, Math.floor(settings.concurrency / batchSize)), async (batch) => {
      const chunk: Payload[] = []
      for (const message of batch) {
        try {
          const payload = await prepare(message)
          if (payload) chunk.push(payload)
        } catch (e) {
          fail(message, `could not prepare the email: ${(e as Error).message}`, true)
        }
      }
      if (!chunk.length) return
      let failure = ""
      let stored: any[] = []
      try {
        stored = await notifications!.createNotifications(chunk.map((p) => p.notification) as any)
      } catch (e) {
        failure = (e as Error).message ?? String(e)
      }
      if (failure || stored.length !== chunk.length) {
        try {
          stored = await notifications!.listNotifications({ idempotency_key: chunk.map((p) => p.key) } as any, {
            take: chunk.length,
          })
        } catch (e) {
          // Unknown which went out: retry them all; the next attempt finds the ones that did.
          for (const payload of chunk) fail(payload.message, `could not read the send's outcome: ${(e as Error).message}`, true)
          return
        }
      }
      const byKey = new Map(stored.map((n: any) => [n.idempotency_key, n]))
      for (const payload of chunk) {
        const notification = byKey.get(payload.key)
        if (notification?.status === "success") {
          sentOutcome(payload.message, payload.subject, notification)
          continue
        }
        const error = errorFor(failure, notification?.id) || "the notification provider did not confirm the send"
        const { transient } = classifySendError(error)
        logger.warn(
          `marketing: message ${payload.message.id} to ${payload.message.email} failed (${transient ? "transient" : "permanent"}): ${oneLine(error)}`
        )
        fail(payload.message, error, transient)
      }
    })
  } catch (e) {
    logger.error(`marketing: email dispatch failed: ${(e as Error).message}`)
    for (const message of messages) fail(message, `dispatch failed: ${(e as Error).message}`, true)
  } finally {
    await marketing.recordMessageOutcomes(report.outcomes)
  }
  logger.debug?.(
    `marketing: ${messages.length} messages in ${Date.now() - started} ms: ${report.sent} sent, ${report.retrying} retrying, ${report.failed} failed, ${report.suppressed} suppressed`
  )
  return report
}
