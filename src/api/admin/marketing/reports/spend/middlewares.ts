import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody, validateQuery } from "../../../../utils/validate"
import { AdminCreateChannelSpend, AdminListChannelSpend, AdminUpdateChannelSpend } from "./validators"

export const adminChannelSpendMiddlewares: MiddlewareRoute[] = [
  { matcher: "/admin/marketing/reports/spend", methods: ["GET"], middlewares: [validateQuery(AdminListChannelSpend)] },
  { matcher: "/admin/marketing/reports/spend", methods: ["POST"], middlewares: [validateBody(AdminCreateChannelSpend)] },
  { matcher: "/admin/marketing/reports/spend/:id", methods: ["POST"], middlewares: [validateBody(AdminUpdateChannelSpend)] },
]
