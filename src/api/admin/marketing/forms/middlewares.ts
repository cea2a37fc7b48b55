import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody, validateQuery } from "../../../utils/validate"
import { AdminCreateForm, AdminListFormSubmissions, AdminListForms, AdminUpdateForm } from "./validators"

export const adminFormMiddlewares: MiddlewareRoute[] = [
  { matcher: "/admin/marketing/forms", methods: ["GET"], middlewares: [validateQuery(AdminListForms)] },
  { matcher: "/admin/marketing/forms", methods: ["POST"], middlewares: [validateBody(AdminCreateForm)] },
  { matcher: "/admin/marketing/forms/:id", methods: ["POST"], middlewares: [validateBody(AdminUpdateForm)] },
  { matcher: "/admin/marketing/forms/:id/submissions", methods: ["GET"], middlewares: [validateQuery(AdminListFormSubmissions)] },
]
