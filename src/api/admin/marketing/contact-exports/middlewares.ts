import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody, validateQuery } from "../../../utils/validate"
import { AdminCreateContactExport, AdminListContactExports } from "./validators"

export const adminContactExportMiddlewares: MiddlewareRoute[] = [
  { matcher: "/admin/marketing/contact-exports", methods: ["GET"], middlewares: [validateQuery(AdminListContactExports)] },
  { matcher: "/admin/marketing/contact-exports", methods: ["POST"], middlewares: [validateBody(AdminCreateContactExport)] },
]
