import type { MiddlewareRoute } from "@medusajs/framework/http"
import { rateLimit } from "../utils/rate-limit"

// The links in emails: open pixel, click redirect, unsubscribe, preferences, double opt-in.
export const emailLinkMiddlewares: MiddlewareRoute[] = ["/marketing/t/*", "/marketing/unsubscribe/*", "/marketing/preferences/*", "/marketing/confirm/*"].map(
  (matcher) => ({ matcher, middlewares: [rateLimit("links")] })
)
