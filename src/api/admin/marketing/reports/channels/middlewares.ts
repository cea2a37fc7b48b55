import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateQuery } from "../../../../utils/validate"
import { AdminChannelsReport } from "./validators"

export const adminChannelsReportMiddlewares: MiddlewareRoute[] = [
  { matcher: "/admin/marketing/reports/channels", methods: ["GET"], middlewares: [validateQuery(AdminChannelsReport)] },
]
