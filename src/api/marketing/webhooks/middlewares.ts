import type { MiddlewareRoute } from "@medusajs/framework/http"
import { rateLimit } from "../../utils/rate-limit"

/** Delivery feedback bodies above this are refused (413) before they are parsed. */
export const WEBHOOK_BODY_LIMIT = "5mb"

export const emailWebhookMiddlewares: MiddlewareRoute[] = [
  // Delivery feedback: the signature is over the exact bytes received.
  {
    matcher: "/marketing/webhooks/email/:provider",
    methods: ["POST"],
    bodyParser: { preserveRawBody: true, sizeLimit: WEBHOOK_BODY_LIMIT },
    middlewares: [rateLimit("webhooks")],
  },
]
