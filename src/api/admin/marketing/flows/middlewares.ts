import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody, validateQuery } from "../../../utils/validate"
import { AdminCreateFlow, AdminFlowStats, AdminListFlows, AdminUpdateFlow, AdminValidateFlow } from "./validators"

/** `/flows/:id` except `/flows/validate`, whose body is not an update (a string matcher would catch it too). */
const ONE_FLOW = /^\/admin\/marketing\/flows\/(?!validate\/?$)[^/]+\/?$/

export const adminFlowMiddlewares: MiddlewareRoute[] = [
  { matcher: "/admin/marketing/flows", methods: ["GET"], middlewares: [validateQuery(AdminListFlows)] },
  { matcher: "/admin/marketing/flows", methods: ["POST"], middlewares: [validateBody(AdminCreateFlow)] },
  { matcher: "/admin/marketing/flows/validate", methods: ["POST"], middlewares: [validateBody(AdminValidateFlow)] },
  { matcher: "/admin/marketing/flows/:id/stats", methods: ["GET"], middlewares: [validateQuery(AdminFlowStats)] },
  { matcher: ONE_FLOW, methods: ["POST"], middlewares: [validateBody(AdminUpdateFlow)] },
]
