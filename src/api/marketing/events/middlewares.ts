import type { MiddlewareRoute } from "@medusajs/framework/http"
import { rateLimit } from "../../utils/rate-limit"
import { TRACKING_BODY_LIMIT } from "../../store/marketing/events/validators"

export const trackingBeaconMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/marketing/events/beacon",
    methods: ["POST"],
    bodyParser: { sizeLimit: TRACKING_BODY_LIMIT },
    middlewares: [rateLimit("tracking", (req) => req.query.publishable_key)],
  },
]
