import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MARKETING_MODULE } from "../../../../modules/marketing"
import { signToken } from "../../../../modules/marketing/email/tokens"
import { EMAIL_ROUTES } from "../../../../modules/marketing/email/urls"
import type MarketingModuleService from "../../../../modules/marketing/service"
import { changeEmailConsentWorkflow } from "../../../../workflows/email"
import { escapeHtml, readLinkToken, sendPage, storeName } from "../../email-pages"

function preferencesLink(req: MedusaRequest, payload: { m?: string; c?: string }): string {
  const settings = req.scope.resolve<MarketingModuleService>(MARKETING_MODULE).getEmailSettings()
  return settings.publicUrl + EMAIL_ROUTES.preferences + signToken("preferences", payload, settings.secret)
}

/** The unsubscribe page: one button, so link scanners that follow GETs unsubscribe nobody. */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const payload = await readLinkToken(req, res, "unsubscribe")
  if (!payload) return
  const store = await storeName(req)
  sendPage(res, 200, {
    title: "Unsubscribe",
    store,
    body: `<h1>Unsubscribe from ${escapeHtml(store)} emails?</h1>
<p>You will no longer receive marketing emails from us. Order confirmations and other emails about your purchases are not affected.</p>
<form method="post"><button type="submit" name="confirm" value="1">Unsubscribe</button></form>
<p class="muted">Would you rather get fewer emails? <a href="${escapeHtml(preferencesLink(req, payload))}">Choose what you receive</a>.</p>`,
  })
}

/**
 * Unsubscribes: the page's button, and the one-click POST mailbox providers
 * send from the List-Unsubscribe header (RFC 8058, body
 * `List-Unsubscribe=One-Click`), which must work without any confirmation.
 */
export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const payload = await readLinkToken(req, res, "unsubscribe")
  if (!payload) return
  const body = (req.body ?? {}) as Record<string, unknown>
  const oneClick = body["List-Unsubscribe"] === "One-Click"
  await changeEmailConsentWorkflow(req.scope).run({
    input: {
      contact_id: payload.c ?? null,
      message_id: payload.m ?? null,
      status: "denied",
      source: oneClick ? "list_unsubscribe" : "unsubscribe_link",
      ip_address: req.ip ?? null,
      user_agent: req.get("user-agent") ?? null,
      at: new Date().toISOString(),
    },
  })
  if (oneClick) {
    return res.status(200).set("Cache-Control", "no-store").type("text/plain").send("Unsubscribed")
  }
  sendPage(res, 200, {
    title: "Unsubscribed",
    store: await storeName(req),
    body: `<h1>You are unsubscribed</h1><p>You will not receive marketing emails from us any more.</p>
<p class="muted">Changed your mind? <a href="${escapeHtml(preferencesLink(req, payload))}">Subscribe again</a>.</p>`,
  })
}
