import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MARKETING_MODULE } from "../../../../../modules/marketing"
import { verifyToken } from "../../../../../modules/marketing/email/tokens"
import type MarketingModuleService from "../../../../../modules/marketing/service"
import { trackEmailEngagementWorkflow } from "../../../../../workflows/email"

/**
 * The click redirect. Only a token signed by this store, for a message that
 * exists, redirects, and only to the http(s) URL inside it: anything else is
 * a 404, never a redirect, so the route cannot be used as an open redirect.
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const marketing = req.scope.resolve<MarketingModuleService>(MARKETING_MODULE)
  const payload = verifyToken("click", req.params.token, marketing.getEmailSettings().secret)
  if (!payload?.m || !payload.u) return res.status(404).type("text/plain").send("Not found")
  const { result } = await trackEmailEngagementWorkflow(req.scope).run({
    input: {
      kind: "click",
      message_id: payload.m,
      url: payload.u,
      user_agent: req.get("user-agent") ?? null,
      at: new Date().toISOString(),
    },
  })
  if (!result.found) return res.status(404).type("text/plain").send("Not found")
  res.set({ "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" }).redirect(302, payload.u)
}
