import type { MiddlewareRoute } from "@medusajs/framework/http"
import { PUBLISHABLE_KEY_HEADER } from "@medusajs/framework/utils"
import { rateLimit } from "../../../utils/rate-limit"
import { validateBody } from "../../../utils/validate"
import { FORMS_BODY_LIMIT, StoreFormSubmission, StoreFormView, StoreFormVisibility } from "./validators"

const limited = rateLimit("tracking", (req) => req.get(PUBLISHABLE_KEY_HEADER))

/** The storefront's form routes: rate-limited and validated like the events route. */
export const storeFormMiddlewares: MiddlewareRoute[] = [
  { matcher: "/store/marketing/forms", methods: ["GET"], middlewares: [limited] },
  {
    matcher: "/store/marketing/forms/visibility",
    methods: ["POST"],
    bodyParser: { sizeLimit: FORMS_BODY_LIMIT },
    middlewares: [limited, validateBody(StoreFormVisibility)],
  },
  {
    matcher: "/store/marketing/forms/:id/views",
    methods: ["POST"],
    bodyParser: { sizeLimit: FORMS_BODY_LIMIT },
    middlewares: [limited, validateBody(StoreFormView)],
  },
  {
    matcher: "/store/marketing/forms/:id/submissions",
    methods: ["POST"],
    bodyParser: { sizeLimit: FORMS_BODY_LIMIT },
    middlewares: [limited, validateBody(StoreFormSubmission)],
  },
]
