import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody, validateQuery } from "../../../../../utils/validate"
import { AdminEnrollInFlow, AdminListFlowEnrollments } from "./validators"

/** The flow engine's routes: a flow's enrollments, manual enrollment. */
export const adminFlowEnrollmentMiddlewares: MiddlewareRoute[] = [
  { matcher: "/admin/marketing/flows/:id/enrollments", methods: ["GET"], middlewares: [validateQuery(AdminListFlowEnrollments)] },
  { matcher: "/admin/marketing/flows/:id/enrollments", methods: ["POST"], middlewares: [validateBody(AdminEnrollInFlow)] },
]
