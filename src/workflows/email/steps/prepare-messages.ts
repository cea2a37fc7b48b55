import { MedusaError } from "@medusajs/framework/utils"
import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { randomUUID } from "crypto"
import type { EnqueueMessageInput, MessageFlow } from "../../../modules/marketing/email/queue"
import type { SystemTemplateKey } from "../../../modules/marketing/email/templates"
import type { MessageContextInput } from "../utils/render-context"
import { marketingOf } from "../../utils/marketing"

/** One email to send: to a contact (their address) or to a bare address. */
export type SendEmailInput = {
  template_id?: string
  /** A built-in email instead of a template (the double opt-in confirmation, a flow's team notification). */
  system?: SystemTemplateKey
  contact_id?: string
  /** Defaults to the contact's address. */
  email?: string
  /** Default "marketing": checked against consent and suppressions. */
  kind?: "marketing" | "transactional"
  topic?: string
  /**
   * Replaces the template's subject for this email (a flow variant's), with
   * the same placeholders: `{{contact.first_name}}, still thinking?`.
   */
  subject?: string
  context?: MessageContextInput & { sample?: boolean; as_contact_id?: string; system?: string; confirm_url?: string }
  /**
   * Same key, same message: a flow step passes e.g. `${enrollment}:${step}`, so
   * a retried step never sends twice. Without one, every call sends.
   */
  idempotency_key?: string
  send_at?: string
  /** A flow's send step: the message keeps its flow, version, step and variant for reports. */
  flow?: MessageFlow
}

export const prepareMessagesStepId = "prepare-marketing-messages"

/**
 * Checks the messages (template exists, an address to send to, known topic)
 * and turns them into queue rows. A problem is a 400 naming the field.
 */
export const prepareMessagesStep = createStep(
  prepareMessagesStepId,
  async (input: { messages: SendEmailInput[] }, { container }) => {
    const marketing = marketingOf(container)
    const settings = marketing.getEmailSettings()
    const invalid = (index: number, field: string, message: string) =>
      new MedusaError(MedusaError.Types.INVALID_DATA, `messages[${index}].${field}: ${message}`)

    const templateIds = [...new Set(input.messages.map((m) => m.template_id).filter((id): id is string => !!id))]
    const templates = templateIds.length ? await marketing.listEmailTemplates({ id: templateIds }, { select: ["id"] }) : []
    const known = new Set(templates.map((t) => t.id))
    const contactIds = [...new Set(input.messages.map((m) => m.contact_id).filter((id): id is string => !!id))]
    const contacts = contactIds.length
      ? await marketing.listContacts({ id: contactIds }, { select: ["id", "email"], take: contactIds.length })
      : []
    const emails = new Map(contacts.map((c) => [c.id, c.email]))
    const topics = new Set(settings.topics.map((t) => t.id))

    const rows: EnqueueMessageInput[] = input.messages.map((message, index) => {
      if (!message.template_id && !message.system) throw invalid(index, "template_id", "is required")
      if (message.template_id && !known.has(message.template_id)) {
        throw invalid(index, "template_id", `no template ${message.template_id}`)
      }
      if (message.contact_id && !emails.has(message.contact_id)) {
        throw invalid(index, "contact_id", `no contact ${message.contact_id}`)
      }
      const email = message.email ?? (message.contact_id ? emails.get(message.contact_id) : null)
      if (!email) throw invalid(index, message.contact_id ? "contact_id" : "email", "no email address to send to")
      if (message.topic && !topics.has(message.topic)) {
        throw invalid(index, "topic", `unknown topic (configured: ${[...topics].join(", ")})`)
      }
      if (message.subject !== undefined && (typeof message.subject !== "string" || !message.subject.trim())) {
        throw invalid(index, "subject", "must be a non-empty string")
      }
      // Kept in the message's context: rendering, retries included, reads it from there.
      const context = {
        ...(message.context ?? {}),
        ...(message.system ? { system: message.system } : {}),
        ...(message.subject ? { subject: message.subject } : {}),
      }
      return {
        email,
        contact_id: message.contact_id ?? null,
        template_id: message.template_id ?? null,
        kind: message.kind ?? "marketing",
        topic: message.topic ?? null,
        context,
        send_at: message.send_at ?? null,
        flow: message.flow ?? null,
        idempotency_key: message.idempotency_key ?? randomUUID(),
      }
    })
    return new StepResponse(rows)
  }
)
