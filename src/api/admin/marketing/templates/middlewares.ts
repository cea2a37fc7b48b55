import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody, validateQuery } from "../../../utils/validate"
import {
  AdminCreateEmailTemplate,
  AdminInstallStarterTemplates,
  AdminListEmailTemplates,
  AdminPreviewEmailTemplate,
  AdminPreviewUnsavedEmailTemplate,
  AdminTestSendEmailTemplate,
  AdminUpdateEmailTemplate,
  TEMPLATE_REQUEST_LIMIT,
} from "./validators"

export const adminTemplateMiddlewares: MiddlewareRoute[] = [
  { matcher: "/admin/marketing/templates", methods: ["GET"], middlewares: [validateQuery(AdminListEmailTemplates)] },
  { matcher: "/admin/marketing/templates", methods: ["POST"], bodyParser: { sizeLimit: TEMPLATE_REQUEST_LIMIT }, middlewares: [validateBody(AdminCreateEmailTemplate)] },
  { matcher: "/admin/marketing/templates/preview", methods: ["POST"], bodyParser: { sizeLimit: TEMPLATE_REQUEST_LIMIT }, middlewares: [validateBody(AdminPreviewUnsavedEmailTemplate)] },
  { matcher: "/admin/marketing/templates/starters", methods: ["POST"], middlewares: [validateBody(AdminInstallStarterTemplates)] },
  { matcher: "/admin/marketing/templates/:id", methods: ["POST"], bodyParser: { sizeLimit: TEMPLATE_REQUEST_LIMIT }, middlewares: [validateBody(AdminUpdateEmailTemplate)] },
  { matcher: "/admin/marketing/templates/:id/preview", methods: ["POST"], bodyParser: { sizeLimit: TEMPLATE_REQUEST_LIMIT }, middlewares: [validateBody(AdminPreviewEmailTemplate)] },
  { matcher: "/admin/marketing/templates/:id/test-send", methods: ["POST"], middlewares: [validateBody(AdminTestSendEmailTemplate)] },
]
