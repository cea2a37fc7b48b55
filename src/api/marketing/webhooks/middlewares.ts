import type { MiddlewareRoute } from "@medusajs/framework/http"

export const emailWebhookMiddlewares: MiddlewareRoute[] = [
  // Delivery feedback: the signature is over the exact bytes received.
  { matcher: "/marketing/webhooks/email/:provider", methods: ["POST"], bodyParser: { preserveRawBody: true, sizeLimit: "5mb" } },
]
