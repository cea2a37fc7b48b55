import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MARKETING_MODULE } from "../../../../modules/marketing"
import type { TokenPayload } from "../../../../modules/marketing/email/tokens"
import { addressTag } from "../../../../modules/marketing/email/urls"
import type MarketingModuleService from "../../../../modules/marketing/service"
import { changeEmailConsentWorkflow } from "../../../../workflows/email"
import { escapeHtml, readLinkToken, sendPage, storeName } from "../../email-pages"

/**
 * The contact the link confirms: still live (after merges) and still at the
 * address the link was sent to. Otherwise a 404 page, and null.
 */
async function confirmable(req: MedusaRequest, res: MedusaResponse, payload: TokenPayload) {
  const marketing = req.scope.resolve<MarketingModuleService>(MARKETING_MODULE)
  const secret = marketing.getEmailSettings().secret
  const liveId = payload.c ? await marketing.liveContactId(payload.c) : null
  const [contact] = liveId
    ? await marketing.listContacts({ id: liveId }, { select: ["id", "email", "email_marketing_consent"] })
    : []
  if (!contact?.email || !payload.a || addressTag(contact.email, secret) !== payload.a) {
    sendPage(res, 404, {
      title: "Link not valid",
      store: await storeName(req),
      body: `<h1>This link is not valid</h1><p>It may have expired, or the address it was sent to has changed.</p>`,
    })
    return null
  }
  return contact
}

/** The double opt-in page: one button, so link scanners that follow GETs confirm nothing. */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const payload = await readLinkToken(req, res, "confirm")
  if (!payload) return
  const contact = await confirmable(req, res, payload)
  if (!contact) return
  const store = await storeName(req)
  sendPage(res, 200, {
    title: "Confirm your subscription",
    store,
    body: `<h1>Confirm your subscription</h1><p>Receive emails from ${escapeHtml(store)} at ${escapeHtml(contact.email)}?</p>
<form method="post"><button type="submit" name="confirm" value="1">Yes, subscribe me</button></form>`,
  })
}

/** The confirmation: grants email consent, with the IP and time as proof. */
export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const payload = await readLinkToken(req, res, "confirm")
  if (!payload) return
  const contact = await confirmable(req, res, payload)
  if (!contact) return
  if (contact.email_marketing_consent !== "granted") {
    await changeEmailConsentWorkflow(req.scope).run({
      input: {
        contact_id: contact.id,
        status: "granted",
        source: "double_opt_in",
        ip_address: req.ip ?? null,
        user_agent: req.get("user-agent") ?? null,
        at: new Date().toISOString(),
      },
    })
  }
  const store = await storeName(req)
  const shop = req.scope.resolve<MarketingModuleService>(MARKETING_MODULE).getEmailSettings().storefrontUrl
  sendPage(res, 200, {
    title: "Subscription confirmed",
    store,
    body: `<h1>You are subscribed</h1><p>Thanks for confirming. You will hear from us soon.</p><p><a href="${escapeHtml(shop)}">Back to ${escapeHtml(store)}</a></p>`,
  })
}
