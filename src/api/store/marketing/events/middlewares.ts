import type { MiddlewareRoute } from "@medusajs/framework/http"
import { PUBLISHABLE_KEY_HEADER } from "@medusajs/framework/utils"
import { rateLimit } from "../../../utils/rate-limit"
import { validateBody } from "../../../utils/validate"
import { StoreTrackEvents, TRACKING_BODY_LIMIT } from "./validators"

export const storeTrackingMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/store/marketing/events",
    methods: ["POST"],
    bodyParser: { sizeLimit: TRACKING_BODY_LIMIT },
    middlewares: [rateLimit("tracking", (req) => req.get(PUBLISHABLE_KEY_HEADER)), validateBody(StoreTrackEvents)],
  },
]
