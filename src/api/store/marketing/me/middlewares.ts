import { authenticate, type MiddlewareRoute } from "@medusajs/framework/http"
import { typedErrorBodies } from "../../../utils/error-handler"
import { rateLimit } from "../../../utils/rate-limit"
import { validateBody } from "../../../utils/validate"
import { StoreEraseMe } from "./validators"

// Privacy (GDPR): a logged-in customer exports or erases their own marketing data.
export const storeMeMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/store/marketing/me/export",
    methods: ["GET"],
    middlewares: [typedErrorBodies, rateLimit("tracking"), authenticate("customer", ["session", "bearer"])],
  },
  {
    matcher: "/store/marketing/me/erase",
    methods: ["POST"],
    middlewares: [typedErrorBodies, rateLimit("tracking"), authenticate("customer", ["session", "bearer"]), validateBody(StoreEraseMe)],
  },
]
