import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateQuery } from "../../../utils/validate"
import { AdminReportPeriod, AdminRevenueReport } from "./validators"

export const adminReportMiddlewares: MiddlewareRoute[] = [
  { matcher: "/admin/marketing/reports/flows", methods: ["GET"], middlewares: [validateQuery(AdminReportPeriod)] },
  { matcher: "/admin/marketing/reports/flows/:id", methods: ["GET"], middlewares: [validateQuery(AdminReportPeriod)] },
  { matcher: "/admin/marketing/reports/messages", methods: ["GET"], middlewares: [validateQuery(AdminReportPeriod)] },
  { matcher: "/admin/marketing/reports/revenue", methods: ["GET"], middlewares: [validateQuery(AdminRevenueReport)] },
  { matcher: "/admin/marketing/reports/funnel", methods: ["GET"], middlewares: [validateQuery(AdminReportPeriod)] },
]
