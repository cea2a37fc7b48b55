import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { stringify } from "csv-stringify"
import { marketingOf } from "../../../../../../../workflows/utils/marketing"

const PAGE = 5000

/**
 * The import's rejected rows as a CSV download: the file's own columns, then
 * `line`, `column` and `reason`, in line order, written page by page (csv-stringify),
 * so the owner can fix them and import that file again.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph(
    { entity: "contact_import", fields: ["id", "file_name", "columns"], filters: { id: req.params.id } },
    { throwIfKeyNotFound: true }
  )
  const marketing = marketingOf(req.scope)
  const base = String(data[0].file_name).replace(/\.csv$/i, "").replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 100) || "contacts"
  res.setHeader("Content-Type", "text/csv; charset=utf-8")
  res.setHeader("Content-Disposition", `attachment; filename="${base}-rejected.csv"`)
  const csv = stringify()
  csv.pipe(res)
  const columns: string[] = Array.isArray(data[0].columns) ? data[0].columns : []
  csv.write([...columns, "line", "column", "reason"])
  let after = 0
  for (;;) {
    const rows = await marketing.contactImportRejectedRows(req.params.id, { after_line: after, limit: PAGE })
    for (const row of rows) {
      const cells: string[] = Array.isArray(row.cells) ? row.cells : []
      const padded = columns.map((_, i) => cells[i] ?? "").concat(cells.slice(columns.length))
      if (!csv.write([...padded, String(row.line), row.error_column ?? "", row.error_message ?? ""])) {
        await new Promise((r) => csv.once("drain", r))
      }
    }
    if (rows.length < PAGE) break
    after = rows[rows.length - 1].line
  }
  csv.end()
}
