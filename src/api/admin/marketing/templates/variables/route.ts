import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { KNOWN_HELPERS, KNOWN_PARTIALS, TEMPLATE_VARIABLES } from "../../../../../modules/marketing/email/templates"

/** What a template can use: the render context's variables, helpers and partials (the editor's variable picker). */
export const GET = async (_req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ variables: TEMPLATE_VARIABLES, helpers: [...KNOWN_HELPERS], partials: [...KNOWN_PARTIALS] })
}
