import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody } from "../../../utils/validate"
import { StoreTrackEvents, TRACKING_BODY_LIMIT } from "./validators"

export const storeTrackingMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/store/marketing/events",
    methods: ["POST"],
    bodyParser: { sizeLimit: TRACKING_BODY_LIMIT },
    middlewares: [validateBody(StoreTrackEvents)],
  },
]
