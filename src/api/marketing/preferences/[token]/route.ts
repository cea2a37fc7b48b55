import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MARKETING_MODULE } from "../../../../modules/marketing"
import { signToken } from "../../../../modules/marketing/email/tokens"
import { EMAIL_ROUTES } from "../../../../modules/marketing/email/urls"
import type MarketingModuleService from "../../../../modules/marketing/service"
import { changeEmailConsentWorkflow, updateEmailPreferencesWorkflow } from "../../../../workflows/email"
import { escapeHtml, readLinkToken, sendPage, storeName } from "../../email-pages"

const PAUSES = { none: 0, "30": 30, "90": 90 } as const

async function loadContact(req: MedusaRequest, contactId: string | undefined) {
  if (!contactId) return null
  const marketing = req.scope.resolve<MarketingModuleService>(MARKETING_MODULE)
  // The contact the email went to may have been merged into another since (a visitor who logged in).
  const liveId = await marketing.liveContactId(contactId)
  if (!liveId) return null
  const [contact] = await marketing.listContacts(
    { id: liveId },
    { select: ["id", "email", "email_marketing_consent", "email_topics_opted_out", "email_paused_until"] }
  )
  return contact ?? null
}

async function renderForm(req: MedusaRequest, res: MedusaResponse, payload: { c?: string; m?: string }, notice?: string) {
  const marketing = req.scope.resolve<MarketingModuleService>(MARKETING_MODULE)
  const settings = marketing.getEmailSettings()
  const store = await storeName(req)
  const contact = await loadContact(req, payload.c)
  const unsubscribe = settings.publicUrl + EMAIL_ROUTES.unsubscribe + signToken("unsubscribe", payload, settings.secret)
  if (!contact) {
    return sendPage(res, 200, {
      title: "Email preferences",
      store,
      body: `<h1>Email preferences</h1><p>We have no preferences saved for this address.</p>
<p><a href="${escapeHtml(unsubscribe)}">Unsubscribe from all marketing email</a></p>`,
    })
  }
  const subscribed = contact.email_marketing_consent === "granted"
  const optedOut = new Set((contact.email_topics_opted_out as string[] | null) ?? [])
  const paused = contact.email_paused_until && new Date(contact.email_paused_until as any) > new Date()
  const topics = settings.topics
    .map(
      (topic) =>
        `<label><input type="checkbox" name="topics" value="${escapeHtml(topic.id)}"${subscribed && !optedOut.has(topic.id) ? " checked" : ""}> <strong>${escapeHtml(topic.label)}</strong>${topic.description ? `<br><span class="muted">${escapeHtml(topic.description)}</span>` : ""}</label>`
    )
    .join("\n")
  sendPage(res, 200, {
    title: "Email preferences",
    store,
    body: `<h1>Email preferences</h1>
${notice ? `<p><strong>${escapeHtml(notice)}</strong></p>` : ""}
<p>For ${escapeHtml(contact.email)}. ${subscribed ? "Choose what you want to receive." : "You are not subscribed to marketing email. Pick topics to subscribe."}</p>
${paused ? `<p class="muted">Paused until ${escapeHtml(new Date(contact.email_paused_until as any).toDateString())}.</p>` : ""}
<form method="post">
${topics}
<label>Pause all marketing email: <select name="pause"><option value="none">Don't pause</option><option value="30">for 30 days</option><option value="90">for 90 days</option></select></label>
<button type="submit" name="action" value="save">Save preferences</button>
</form>
<form method="post"><button type="submit" name="action" value="unsubscribe" style="background:#fff;color:#b91c1c;border:1px solid #b91c1c">Unsubscribe from everything</button></form>`,
  })
}

/** The preferences page, reached from a signed link in any marketing email. */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const payload = await readLinkToken(req, res, "preferences")
  if (!payload) return
  await renderForm(req, res, payload)
}

/** Saves topics and pause, or unsubscribes from everything. Checking topics while unsubscribed subscribes again. */
export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const payload = await readLinkToken(req, res, "preferences")
  if (!payload) return
  const marketing = req.scope.resolve<MarketingModuleService>(MARKETING_MODULE)
  const settings = marketing.getEmailSettings()
  const body = (req.body ?? {}) as Record<string, unknown>
  const proof = { ip_address: req.ip ?? null, user_agent: req.get("user-agent") ?? null, at: new Date().toISOString() }
  const contact = await loadContact(req, payload.c)

  if (body.action === "unsubscribe" || !contact) {
    await changeEmailConsentWorkflow(req.scope).run({
      input: { contact_id: contact?.id ?? null, message_id: payload.m ?? null, status: "denied", source: "preferences", ...proof },
    })
    return renderForm(req, res, payload, "You are unsubscribed from all marketing email.")
  }
  const checked = new Set(([] as unknown[]).concat(body.topics ?? []).map(String))
  const days = PAUSES[String(body.pause ?? "none") as keyof typeof PAUSES] ?? 0
  const wantsSome = settings.topics.some((t) => checked.has(t.id))
  // An address suppressed by an unsubscribe or an erasure is subscribed again by this choice
  // (made from a link in its owner's mailbox), even when the consent itself still says granted.
  const suppressed = contact.email
    ? (await marketing.loadDeliveryFacts([], [contact.email])).suppressions.get(contact.email.toLowerCase())
    : undefined
  const resubscribes = wantsSome && (contact.email_marketing_consent !== "granted" || suppressed === "unsubscribed" || suppressed === "erased")
  await updateEmailPreferencesWorkflow(req.scope).run({
    input: {
      contact_id: contact.id,
      topics_opted_out: settings.topics.filter((t) => !checked.has(t.id)).map((t) => t.id),
      paused_until: days ? new Date(Date.now() + days * 86400_000).toISOString() : null,
      // The link came in their own mailbox, so ticking a topic is a confirmed opt-in.
      consent: resubscribes
        ? { status: "granted", source: "preferences", message_id: payload.m ?? null, ...proof }
        : !wantsSome && contact.email_marketing_consent === "granted"
          ? { status: "denied", source: "preferences", message_id: payload.m ?? null, ...proof }
          : null,
    },
  })
  return renderForm(req, res, payload, "Your preferences are saved.")
}
