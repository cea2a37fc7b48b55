import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateQuery } from "../../../utils/validate"
import { AdminListPredictionFits } from "./validators"

export const adminPredictionMiddlewares: MiddlewareRoute[] = [
  { matcher: "/admin/marketing/predictions/fits", methods: ["GET"], middlewares: [validateQuery(AdminListPredictionFits)] },
]
