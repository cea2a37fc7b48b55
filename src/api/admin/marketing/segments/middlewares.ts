import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateBody, validateQuery } from "../../../utils/validate"
import {
  AdminAddBuiltInSegment,
  AdminCreateSegment,
  AdminListSegmentMembers,
  AdminListSegments,
  AdminPreviewSegment,
  AdminUpdateSegment,
} from "./validators"

export const adminSegmentMiddlewares: MiddlewareRoute[] = [
  { matcher: "/admin/marketing/segments", methods: ["GET"], middlewares: [validateQuery(AdminListSegments)] },
  { matcher: "/admin/marketing/segments", methods: ["POST"], middlewares: [validateBody(AdminCreateSegment)] },
  { matcher: "/admin/marketing/segments/preview", methods: ["POST"], middlewares: [validateBody(AdminPreviewSegment)] },
  { matcher: "/admin/marketing/segments/built-ins", methods: ["POST"], middlewares: [validateBody(AdminAddBuiltInSegment)] },
  { matcher: "/admin/marketing/segments/:id", methods: ["POST"], middlewares: [validateBody(AdminUpdateSegment)] },
  { matcher: "/admin/marketing/segments/:id/contacts", methods: ["GET"], middlewares: [validateQuery(AdminListSegmentMembers)] },
]
