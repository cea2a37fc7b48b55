import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody, validateQuery } from "../../../utils/validate"
import {
  AdminChangeEmailConsent,
  AdminListContactEnrollments,
  AdminListContactEvents,
  AdminListContacts,
  AdminScoreHistory,
} from "./validators"

export const adminContactMiddlewares: MiddlewareRoute[] = [
  { matcher: "/admin/marketing/contacts", methods: ["GET"], middlewares: [validateQuery(AdminListContacts)] },
  { matcher: "/admin/marketing/contacts/:id/events", methods: ["GET"], middlewares: [validateQuery(AdminListContactEvents)] },
  { matcher: "/admin/marketing/contacts/:id/score-history", methods: ["GET"], middlewares: [validateQuery(AdminScoreHistory)] },
  { matcher: "/admin/marketing/contacts/:id/consent", methods: ["POST"], middlewares: [validateBody(AdminChangeEmailConsent)] },
  { matcher: "/admin/marketing/contacts/:id/enrollments", methods: ["GET"], middlewares: [validateQuery(AdminListContactEnrollments)] },
]
