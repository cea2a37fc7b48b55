import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../modules/marketing"
import { verifyToken, type TokenKind, type TokenPayload } from "../../modules/marketing/email/tokens"
import type MarketingModuleService from "../../modules/marketing/service"

/**
 * The small pages people reach from links in emails (unsubscribe,
 * preferences, confirmation). Plain server-rendered HTML, no scripts, every
 * value escaped; they work without the storefront and without a login
 * because the link itself is signed.
 */
export const escapeHtml = (value: unknown) =>
  String(value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!)

export async function storeName(req: MedusaRequest): Promise<string> {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "store", fields: ["name"] })
  return (data[0] as { name?: string } | undefined)?.name ?? "our store"
}

export function sendPage(res: MedusaResponse, status: number, input: { title: string; store: string; body: string }) {
  res
    .status(status)
    .set({
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Referrer-Policy": "no-referrer",
      "X-Robots-Tag": "noindex",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
    })
    .send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.title)} · ${escapeHtml(input.store)}</title>
<style>
body{font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;background:#f4f4f5;color:#18181b;margin:0;padding:32px 16px}
main{max-width:480px;margin:0 auto;background:#fff;border-radius:12px;padding:32px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
h1{font-size:22px;margin:0 0 16px}p{line-height:1.5}label{display:block;margin:10px 0}
button{background:#18181b;color:#fff;border:0;border-radius:8px;padding:12px 20px;font-size:15px;cursor:pointer;margin-top:16px}
.muted{color:#71717a;font-size:14px}select{padding:6px;font-size:15px}
</style></head>
<body><main><p class="muted">${escapeHtml(input.store)}</p>${input.body}</main></body></html>`)
}

/** The token's payload, or a 404 page (a tampered, foreign or expired link). */
export async function readLinkToken(
  req: MedusaRequest,
  res: MedusaResponse,
  kind: TokenKind
): Promise<TokenPayload | null> {
  const marketing = req.scope.resolve<MarketingModuleService>(MARKETING_MODULE)
  const payload = verifyToken(kind, req.params.token, marketing.getEmailSettings().secret)
  if (!payload || (!payload.c && !payload.m)) {
    sendPage(res, 404, {
      title: "Link not valid",
      store: await storeName(req),
      body: `<h1>This link is not valid</h1><p>It may have expired or been copied incompletely. Use the link from your most recent email.</p>`,
    })
    return null
  }
  return payload
}
