import type { Logger, ProviderSendNotificationDTO, ProviderSendNotificationResultsDTO } from "@medusajs/framework/types"
import { AbstractNotificationProviderService } from "@medusajs/framework/utils"
import nodemailer from "nodemailer"
import type { Transporter } from "nodemailer"
import addressparser from "nodemailer/lib/addressparser"
import { SmtpSendError, toSmtpSendError } from "./errors"
import { noDelaySocket } from "./socket"
import { HeaderError, sanitizeHeaders, withDefaultListUnsubscribe } from "./headers"
import { SmtpProviderOptions, isSingleMailbox, parseSmtpOptions, toTransportOptions } from "./options"

type InjectedDependencies = {
  logger?: Logger
}

/** A bare id (`msg_01H...`) or a full `<id@domain>` Message-ID. */
const BARE_MESSAGE_ID = /^[A-Za-z0-9._%+=-]{1,200}$/
const FULL_MESSAGE_ID = /^<[^<>@\s]{1,200}@[^<>@\s]{1,200}>$/

function permanent(message: string, code: string): SmtpSendError {
  return new SmtpSendError(`smtp provider: send failed (permanent, ${code}): ${message}`, {
    transient: false,
    code,
  })
}

function domainOf(mailbox: string): string {
  const parsed = addressparser(mailbox)[0] as { address?: string } | undefined
  return parsed?.address?.split("@")[1] ?? "localhost"
}

/**
 * A Notification Module provider that sends email over SMTP with nodemailer.
 *
 * The notification's `content` holds the rendered `subject`, `html` and `text`;
 * `data.headers` may add whitelisted headers (List-Unsubscribe, ...) and
 * `data.message_id` sets the Message-ID. Failures throw a SmtpSendError with
 * `transient` and `responseCode`; see `isTransientSmtpError`.
 */
export class SmtpNotificationService extends AbstractNotificationProviderService {
  static identifier = "smtp"

  protected readonly options_: SmtpProviderOptions
  protected readonly logger_?: Logger
  protected readonly transporter_: Transporter

  /** Called by Medusa's module provider loader before the provider is registered. */
  static validateOptions(options: Record<any, any>): void {
    parseSmtpOptions(options)
  }

  constructor({ logger }: InjectedDependencies, options: Record<string, unknown>) {
    super()
    this.options_ = parseSmtpOptions(options)
    this.logger_ = logger
    this.transporter_ = nodemailer.createTransport({ ...toTransportOptions(this.options_), getSocket: noDelaySocket } as any, {
      // Notification data never reads files or URLs on the server.
      disableFileAccess: true,
      disableUrlAccess: true,
    } as any)
  }

  async send(notification: ProviderSendNotificationDTO): Promise<ProviderSendNotificationResultsDTO> {
    if (!notification) {
      throw permanent("no notification given", "EMESSAGE")
    }
    const content = notification.content ?? {}
    const data = (notification.data ?? {}) as Record<string, unknown>
    const providerData = (notification.provider_data ?? {}) as Record<string, unknown>

    if (typeof notification.to !== "string" || !isSingleMailbox(notification.to)) {
      throw permanent(`"to" must be one email address, got ${JSON.stringify(notification.to)}`, "EADDRESS")
    }
    const from = notification.from || this.options_.from
    if (!isSingleMailbox(from)) {
      throw permanent(`"from" must be one email address, got ${JSON.stringify(from)}`, "EADDRESS")
    }
    const replyTo = (providerData.reply_to as string | undefined) ?? this.options_.replyTo
    if (replyTo !== undefined && (typeof replyTo !== "string" || !isSingleMailbox(replyTo))) {
      throw permanent(`"reply_to" must be one email address`, "EADDRESS")
    }
    if (!content.subject && !content.html && !content.text) {
      throw permanent("the notification has no content (content.subject, content.html, content.text)", "EMESSAGE")
    }

    let headers: Record<string, string>
    try {
      headers = withDefaultListUnsubscribe(sanitizeHeaders(data.headers), this.options_.listUnsubscribe)
    } catch (e) {
      if (e instanceof HeaderError) throw permanent(e.message, "EHEADER")
      throw e
    }

    let messageId: string | undefined
    if (data.message_id !== undefined && data.message_id !== null) {
      const id = String(data.message_id)
      if (FULL_MESSAGE_ID.test(id)) {
        messageId = id
      } else if (BARE_MESSAGE_ID.test(id)) {
        messageId = `<${id}@${domainOf(from)}>`
      } else {
        throw permanent(`data.message_id is not a valid Message-ID: ${JSON.stringify(id)}`, "EHEADER")
      }
    }

    const attachments = (notification.attachments ?? []).map((attachment) => ({
      filename: attachment.filename,
      content: attachment.content,
      encoding: "base64",
      contentType: attachment.content_type,
      contentDisposition: attachment.disposition === "inline" ? ("inline" as const) : ("attachment" as const),
      cid: attachment.id,
    }))

    let info: { messageId?: string; rejected?: unknown[]; response?: string }
    try {
      info = await this.transporter_.sendMail({
        from,
        to: notification.to,
        replyTo,
        subject: content.subject,
        html: content.html,
        text: content.text,
        headers,
        messageId,
        attachments,
        textEncoding: this.options_.textEncoding ?? "base64",
      } as any)
    } catch (e) {
      const error = toSmtpSendError(e)
      this.logger_?.warn(`${error.message} (to ${notification.to}, template ${notification.template})`)
      throw error
    }
    this.logger_?.debug?.(`smtp provider: sent ${info.messageId} to ${notification.to}: ${info.response ?? ""}`)
    return { id: info.messageId ?? messageId }
  }

  /**
   * Closes the transport (the pooled connections when `pool: true`).
   * Medusa 2.21 has no shutdown hook for notification providers; see README.
   */
  close(): void {
    this.transporter_.close()
  }
}

export default SmtpNotificationService
