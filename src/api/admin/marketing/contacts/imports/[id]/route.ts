import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { marketingOf } from "../../../../../../workflows/utils/marketing"
import { CONTACT_IMPORT_FIELDS, IMPORT_ERRORS_SHOWN } from "../query-config"

/** One import: its status and counts as the run goes, and its first rejected rows (line, column, reason). */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph(
    { entity: "contact_import", fields: CONTACT_IMPORT_FIELDS, filters: { id: req.params.id } },
    { throwIfKeyNotFound: true }
  )
  const rejected = await marketingOf(req.scope).contactImportRejectedRows(req.params.id, { after_line: 0, limit: IMPORT_ERRORS_SHOWN })
  res.json({
    contact_import: data[0],
    rejected_rows: rejected.map((r) => ({ line: r.line, column: r.error_column, message: r.error_message })),
  })
}
