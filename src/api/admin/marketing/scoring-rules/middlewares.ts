import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody, validateQuery } from "../../../utils/validate"
import {
  AdminCreateScoringRule,
  AdminDeleteScoringRuleQuery,
  AdminListScoringRules,
  AdminPreviewScoringRule,
  AdminRuleFieldsQuery,
  AdminUpdateScoringRule,
} from "./validators"

export const adminScoringRuleMiddlewares: MiddlewareRoute[] = [
  { matcher: "/admin/marketing/scoring-rules", methods: ["GET"], middlewares: [validateQuery(AdminListScoringRules)] },
  { matcher: "/admin/marketing/scoring-rules", methods: ["POST"], middlewares: [validateBody(AdminCreateScoringRule)] },
  { matcher: "/admin/marketing/scoring-rules/preview", methods: ["POST"], middlewares: [validateBody(AdminPreviewScoringRule)] },
  { matcher: "/admin/marketing/scoring-rules/fields", methods: ["GET"], middlewares: [validateQuery(AdminRuleFieldsQuery)] },
  { matcher: "/admin/marketing/scoring-rules/:id", methods: ["POST"], middlewares: [validateBody(AdminUpdateScoringRule)] },
  { matcher: "/admin/marketing/scoring-rules/:id", methods: ["DELETE"], middlewares: [validateQuery(AdminDeleteScoringRuleQuery)] },
]
