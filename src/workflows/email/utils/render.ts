import type { MedusaContainer } from "@medusajs/framework/types"
import { listUnsubscribeHeaders } from "../../../modules/marketing/email/headers"
import type { DeliveryFactsRow, MessageRow } from "../../../modules/marketing/email/queue"
import type { EmailSettings } from "../../../modules/marketing/email/settings"
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

/** What rendering a batch needs: its stored templates and each message's data. */
export type Rendering = {
  settings: EmailSettings
  templates: Map<string, EmailTemplate>
  contexts: Awaited<ReturnType<typeof loadRenderContexts>>
}

/** One message, ready to hand over: what the recipient gets and the headers it carries. */
export type RenderedEmail = {
  /** The template's id, system key or "marketing": the notification's template. */
  template: string
  subject: string
  html: string
  text: string
  headers: Record<string, string>
}

/** Loads the stored templates and each message's render data (contact, store, cart, order, products). */
export async function prepareRendering(
  container: MedusaContainer,
  marketing: MarketingModuleService,
  messages: MessageRow[],
  contacts: Map<string, DeliveryFactsRow>,
  settings: EmailSettings,
  now: Date
): Promise<Rendering> {
  const templateIds = [...new Set(messages.map((m) => m.template_id).filter((id): id is string => !!id))]
  const templates = new Map<string, EmailTemplate>(
    templateIds.length
      ? (await marketing.listEmailTemplates({ id: templateIds }, { take: templateIds.length })).map((t) => [
          t.id,
          t as unknown as EmailTemplate,
        ])
      : []
  )
  const store = await loadStore(container, settings)
  const contexts = await loadRenderContexts(container, messages, contacts, store, now)
  return { settings, templates, contexts }
}

/**
 * Renders one message (the compiled template is cached), signs its links,
 * adds the open pixel and the unsubscribe headers. An error here is the
 * template's: retrying would give the same answer.
 */
export async function renderMessage(
  message: MessageRow,
  { settings, templates, contexts }: Rendering
): Promise<{ email: RenderedEmail; error?: never } | { email?: never; error: string }> {
  const system = (message.context as { system?: SystemTemplateKey } | null)?.system
  const template = message.template_id ? templates.get(message.template_id) : system ? SYSTEM_TEMPLATES[system] : undefined
  if (!template) {
    return { error: `template ${message.template_id ?? system ?? "(none)"} no longer exists` }
  }
  const urls = messageUrls(settings, message)
  // A per-message subject (a flow variant's) replaces the template's; compiled and cached like any template.
  const subject = (message.context as { subject?: unknown } | null)?.subject
  const source = typeof subject === "string" && subject.trim() ? { ...template, subject } : template
  let rendered: { subject: string; html: string; text: string }
  try {
    rendered = (await compileTemplate(source)).render({
      ...contexts.get(message.id)!,
      unsubscribe_url: urls.unsubscribe_url,
      preferences_url: urls.preferences_url,
    })
  } catch (e) {
    return { error: `template error: ${(e as Error).message}` }
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
  const templateName = message.template_id ?? system ?? "marketing"
  return { email: { template: templateName, subject: rendered.subject, html, text: rendered.text, headers } }
}
