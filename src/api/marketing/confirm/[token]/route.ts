import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MARKETING_MODULE } from "../../../../modules/marketing"
import type MarketingModuleService from "../../../../modules/marketing/service"
import { changeEmailConsentWorkflow } from "../../../../workflows/email"
import { escapeHtml, readLinkToken, sendPage, storeName } from "../../email-pages"

/** The double opt-in link: the click grants email consent, with its IP and time as proof. */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const payload = await readLinkToken(req, res, "confirm")
  if (!payload) return
  const marketing = req.scope.resolve<MarketingModuleService>(MARKETING_MODULE)
  const store = await storeName(req)
  const [contact] = payload.c
    ? await marketing.listContacts({ id: payload.c }, { select: ["id", "email_marketing_consent"] })
    : []
  if (!contact) {
    return sendPage(res, 404, { title: "Link not valid", store, body: `<h1>This link is not valid</h1>` })
  }
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
  const shop = marketing.getEmailSettings().storefrontUrl
  sendPage(res, 200, {
    title: "Subscription confirmed",
    store,
    body: `<h1>You are subscribed</h1><p>Thanks for confirming. You will hear from us soon.</p><p><a href="${escapeHtml(shop)}">Back to ${escapeHtml(store)}</a></p>`,
  })
}
