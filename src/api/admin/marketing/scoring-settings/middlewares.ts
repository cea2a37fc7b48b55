import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody } from "../../../utils/validate"
import { AdminUpdateScoringSettings } from "./validators"

export const adminScoringSettingsMiddlewares: MiddlewareRoute[] = [
  { matcher: "/admin/marketing/scoring-settings", methods: ["POST"], middlewares: [validateBody(AdminUpdateScoringSettings)] },
]
