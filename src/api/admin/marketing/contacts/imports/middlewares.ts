import type { MiddlewareRoute } from "@medusajs/framework/http"
import { validateQuery } from "../../../../utils/validate"
import { AdminListContactImports } from "./validators"

export const adminContactImportMiddlewares: MiddlewareRoute[] = [
  { matcher: "/admin/marketing/contacts/imports", methods: ["GET"], middlewares: [validateQuery(AdminListContactImports)] },
  // Multipart uploads are streamed by the routes themselves (busboy), never parsed whole.
  { matcher: "/admin/marketing/contacts/imports", methods: ["POST"], bodyParser: false, middlewares: [] },
  { matcher: "/admin/marketing/contacts/imports/preview", methods: ["POST"], bodyParser: false, middlewares: [] },
]
