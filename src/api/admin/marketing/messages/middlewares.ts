import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody, validateQuery } from "../../../utils/validate"
import { AdminDispatchMessages, AdminListMessages } from "./validators"

export const adminMessageMiddlewares: MiddlewareRoute[] = [
  { matcher: "/admin/marketing/messages", methods: ["GET"], middlewares: [validateQuery(AdminListMessages)] },
  { matcher: "/admin/marketing/messages/dispatch", methods: ["POST"], middlewares: [validateBody(AdminDispatchMessages)] },
]
