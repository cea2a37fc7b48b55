import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MARKETING_MODULE } from "../../../../../modules/marketing"
import { verifyToken } from "../../../../../modules/marketing/email/tokens"
import type MarketingModuleService from "../../../../../modules/marketing/service"
import { trackEmailEngagementWorkflow } from "../../../../../workflows/email"

/** A transparent 1×1 GIF. */
const PIXEL = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64")

/** The open pixel. A bad or unknown token is a 404; a good one records the open and answers the image. */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const marketing = req.scope.resolve<MarketingModuleService>(MARKETING_MODULE)
  const payload = verifyToken("open", req.params.token, marketing.getEmailSettings().secret)
  if (!payload?.m) return res.status(404).type("text/plain").send("Not found")
  const { result } = await trackEmailEngagementWorkflow(req.scope).run({
    input: { kind: "open", message_id: payload.m, user_agent: req.get("user-agent") ?? null, at: new Date().toISOString() },
  })
  if (!result.found) return res.status(404).type("text/plain").send("Not found")
  res
    .status(200)
    .set({ "Content-Type": "image/gif", "Content-Length": String(PIXEL.length), "Cache-Control": "no-store, private, max-age=0" })
    .end(PIXEL)
}
