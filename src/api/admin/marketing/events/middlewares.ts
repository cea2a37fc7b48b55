import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody } from "../../../utils/validate"
import { AdminRecordEvent } from "./validators"

export const adminEventMiddlewares: MiddlewareRoute[] = [
  { matcher: "/admin/marketing/events", methods: ["POST"], middlewares: [validateBody(AdminRecordEvent)] },
]
