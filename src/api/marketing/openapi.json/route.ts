import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { openApiDocument } from "../../utils/openapi-document"

/** The API reference of the routes callable without an admin login (storefront, email links, webhooks). */
export const GET = async (_req: MedusaRequest, res: MedusaResponse) => {
  res.setHeader("Cache-Control", "public, max-age=300")
  res.json(openApiDocument("public"))
}
