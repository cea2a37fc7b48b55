import type { MiddlewareRoute } from "@medusajs/framework/http"
import { TRACKING_BODY_LIMIT } from "../../store/marketing/events/validators"

export const trackingBeaconMiddlewares: MiddlewareRoute[] = [
  { matcher: "/marketing/events/beacon", methods: ["POST"], bodyParser: { sizeLimit: TRACKING_BODY_LIMIT } },
]
