import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { z } from "@medusajs/framework/zod"
import { checkHeader, planColumns, type ColumnPlan } from "../../../../../modules/marketing/imports/mapping"
import { checkRow } from "../../../../../modules/marketing/imports/rows"
import { IMPORT_LIMITS } from "../../../../../modules/marketing/imports/fields"
import type { StagedRow } from "../../../../../modules/marketing/imports/sql"
import { queueContactImportWorkflow } from "../../../../../workflows/imports"
import { marketingOf } from "../../../../../workflows/utils/marketing"
import { parseOrThrow, InvalidInputError } from "../../../../utils/validate"
import { FileTooLargeError, badFile, csvRecords, readMultipart, utf8Chunks } from "./helpers"
import { CONTACT_IMPORT_FIELDS } from "./query-config"
import { AdminContactImportMapping, type AdminContactImportMappingType, type AdminListContactImportsType } from "./validators"

const MappingField = z.object({ mapping: AdminContactImportMapping })

/** Staged rows written per statement while the file streams in. */
const STAGE_BATCH = 2000

/** The imports, newest first. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminListContactImportsType>, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { limit, offset } = req.validatedQuery
  const { data, metadata } = await query.graph({
    entity: "contact_import",
    fields: CONTACT_IMPORT_FIELDS,
    pagination: { take: limit, skip: offset, order: { created_at: "DESC", id: "DESC" } },
  })
  res.json({ contact_imports: data, count: metadata?.count ?? data.length, offset, limit })
}

/**
 * Takes a CSV upload (multipart: `mapping` then `file`), streamed through
 * csv-parse into the import's staged rows in batches, never whole in memory;
 * each row is checked as it comes (a bad row is kept aside with its line,
 * column and reason). A file that cannot be read, or a mapping that does not
 * fit its header, is a 400 and leaves nothing behind. Then the import is
 * queued for a background run and answered 202.
 */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const marketing = marketingOf(req.scope)
  let mapping = null as AdminContactImportMappingType | null
  let importId: string | null = null
  let rowsRead = 0
  // One batch of staged rows is written while the next is parsed and checked (the database and Node each
  // take a core). Its failure is kept for the next await, never left unhandled.
  let writing: Promise<void> | null = null
  const stage = async (rows: StagedRow[]) => {
    if (writing) await writing
    const write = marketing.stageContactImportRows(importId!, rows)
    write.catch(() => {})
    writing = write
  }
  try {
    await readMultipart(req, IMPORT_LIMITS.fileBytes, {
      field(name, value) {
        if (name !== "mapping") return
        let json: unknown
        try {
          json = JSON.parse(value)
        } catch {
          throw new InvalidInputError("Invalid request: mapping: not JSON", "mapping")
        }
        // Parsed under `mapping`, so a 400 names the whole path (`mapping.columns.email`).
        mapping = parseOrThrow(MappingField, { mapping: json }).mapping
      },
      async file(stream, fileName) {
        if (!mapping) throw new InvalidInputError("Invalid request: mapping: send the `mapping` field before the `file`", "mapping")
        const now = new Date()
        let plan: ColumnPlan | null = null
        let batch: StagedRow[] = []
        for await (const { cells, line } of csvRecords(utf8Chunks(stream))) {
          if (!plan) {
            const header = cells.map((c) => c.trim())
            const problem = checkHeader(header)
            if (problem) throw new InvalidInputError(`Invalid request: ${problem.field}: ${problem.message}`, problem.field)
            const planned = planColumns(mapping, header)
            if ("problem" in planned) {
              throw new InvalidInputError(`Invalid request: ${planned.problem.field}: ${planned.problem.message}`, planned.problem.field)
            }
            plan = planned.plan
            importId = await marketing.createContactImport({
              file_name: fileName,
              mapping,
              columns: header,
              created_by: req.auth_context?.actor_id ?? null,
            })
            continue
          }
          if (++rowsRead > IMPORT_LIMITS.rows) {
            throw new FileTooLargeError(`Invalid request: file: more than ${IMPORT_LIMITS.rows} rows`)
          }
          const cellsKept = cells.map((c) => c.slice(0, IMPORT_LIMITS.cell))
          const checked = checkRow(cellsKept, plan, mapping, now)
          batch.push(
            checked.ok
              ? // Only a rejected row needs its cells back (the rejected-rows CSV); an accepted one is applied from `data`.
                { line, status: "pending", email: checked.email, data: checked.data, cells: [], error_column: null, error_message: null }
              : {
                  line,
                  status: "rejected",
                  email: checked.email,
                  data: null,
                  cells: cellsKept,
                  error_column: checked.errors[0].column,
                  error_message: checked.errors.map((e) => `${e.column}: ${e.message}`).join("; "),
                }
          )
          if (batch.length >= STAGE_BATCH) {
            await stage(batch)
            batch = []
          }
        }
        if (!plan) throw badFile("the file is empty (the first line must name the columns)")
        await stage(batch)
        await writing
      },
    })
  } catch (e) {
    // A batch still being written would land after the discard.
    await (writing as Promise<void> | null)?.catch(() => {})
    if (importId) await marketing.discardContactImport(importId)
    if (e instanceof FileTooLargeError) {
      return res.status(413).json({ type: "payload_too_large", message: e.message, field: "file" })
    }
    throw e
  }
  if (!mapping || !importId) throw new InvalidInputError("Invalid request: mapping: the `mapping` field is missing", "mapping")
  try {
    await queueContactImportWorkflow(req.scope).run({ input: { id: importId, rows_read: rowsRead } })
  } catch (e) {
    await marketing.discardContactImport(importId)
    throw e
  }
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "contact_import", fields: CONTACT_IMPORT_FIELDS, filters: { id: importId } })
  res.status(202).json({ contact_import: data[0] })
}
