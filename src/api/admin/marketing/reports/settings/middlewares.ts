import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody } from "../../../../utils/validate"
import { AdminUpdateReportSettings } from "./validators"

export const adminReportSettingsMiddlewares: MiddlewareRoute[] = [
  { matcher: "/admin/marketing/reports/settings", methods: ["POST"], middlewares: [validateBody(AdminUpdateReportSettings)] },
]
