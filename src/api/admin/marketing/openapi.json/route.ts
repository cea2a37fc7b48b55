import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { openApiDocument } from "../../../utils/openapi-document"

/** The API reference of every route of the plugin, admin ones included. */
export const GET = async (_req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json(openApiDocument("all"))
}
