import { once } from "node:events"
import { pipeline } from "node:stream/promises"
import { Modules } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { stringify } from "csv-stringify"
import { contactFilters } from "../../../api/admin/marketing/contacts/helpers"
import type { AdminListContactsType } from "../../../api/admin/marketing/contacts/validators"
import {
  AUDIENCE_FORMATS, MAX_CONTACT_EXPORT_ROWS, audienceRow, csvCell, type AudiencePlatform,
} from "../../../modules/marketing/exports"
import type { ContactExportRow } from "../../../modules/marketing/exports/sql"
import { marketingOf } from "../../utils/marketing"

export const runContactExportStepId = "run-contact-export"

/** Rows read per page; a page is one indexed query. */
export const CONTACT_EXPORT_PAGE = 5000
/** A run renews its lease each page; an instance that dies lets another take over after this. */
export const CONTACT_EXPORT_LEASE_SECONDS = 300

const AUDIENCE_COLUMNS = ["id", "email", "phone", "country_code"]

type Page = Record<string, unknown>[]

/** The pages of contacts an export reads, by contact id (a keyset cursor: no transaction held between pages). */
async function* contactPages(container: MedusaContainer, exp: ContactExportRow): AsyncGenerator<Page> {
  const marketing = marketingOf(container)
  const audience = exp.kind === "audience"
  const advertising = exp.advertising || audience
  const columns = audience ? AUDIENCE_COLUMNS : [...new Set(["id", ...exp.columns])]
  let after: string | null = null
  let listFilter: Record<string, unknown> | null = null
  if (exp.kind === "list") {
    const filters = (exp.filters ?? {}) as AdminListContactsType
    const matched = filters.q ? await marketing.findContactIdsByIdentifier(filters.q) : []
    listFilter = contactFilters(filters, matched)
  }
  for (;;) {
    let page: Page
    if (listFilter) {
      const and: Record<string, unknown>[] = [listFilter]
      if (after) and.push({ id: { $gt: after } })
      if (advertising) and.push({ advertising_consent: "granted" })
      page = (await marketing.listContacts({ $and: and } as any, {
        select: columns as any,
        take: CONTACT_EXPORT_PAGE,
        order: { id: "ASC" },
      })) as unknown as Page
    } else {
      page = await marketing.segmentMembersPage({
        segment_id: exp.segment_id!,
        columns,
        after_id: after,
        limit: CONTACT_EXPORT_PAGE,
        advertising,
        identifiable: audience,
      })
    }
    if (!page.length) return
    yield page
    if (page.length < CONTACT_EXPORT_PAGE) return
    after = String(page[page.length - 1].id)
  }
}

/**
 * Writes one export's CSV into the File Module as a stream (csv-stringify
 * into the provider's upload stream), page by page, so a million rows never
 * sit in memory. Returns the file key, the rows written and whether the row
 * limit cut it.
 */
async function writeExport(container: MedusaContainer, exp: ContactExportRow) {
  const marketing = marketingOf(container)
  const files = container.resolve(Modules.FILE)
  const audience = exp.kind === "audience"
  const platform = (exp.platform ?? "generic") as AudiencePlatform
  const header = audience ? AUDIENCE_FORMATS[platform].headers : exp.columns
  const filename = `contacts-${exp.kind}-${exp.id}.csv`
  const upload = await files.getUploadStream({ filename, mimeType: "text/csv", access: "private" })
  const csv = stringify({ header: true, columns: [...header] })
  const written = pipeline(csv, upload.writeStream)
  let rows = 0
  let truncated = false
  try {
    outer: for await (const page of contactPages(container, exp)) {
      for (const contact of page) {
        const row = audience
          ? audienceRow(contact as { email: string | null; phone: string | null; country_code: string | null }, platform)
          : exp.columns.map((c) => csvCell(contact[c]))
        if (!row) continue
        if (rows >= MAX_CONTACT_EXPORT_ROWS) {
          truncated = true
          break outer
        }
        rows += 1
        if (!csv.write(row)) await once(csv, "drain")
      }
      const leaseUntil = new Date(Date.now() + CONTACT_EXPORT_LEASE_SECONDS * 1000)
      if (!(await marketing.renewContactExportLease(exp.id, exp.attempts, leaseUntil))) {
        throw new Error("The export was taken over by another run")
      }
    }
  } finally {
    csv.end()
    await written.catch(() => undefined)
  }
  await written
  const stored = await upload.promise
  return { file_key: stored.key ?? upload.fileKey, filename, rows, truncated }
}

/**
 * Runs one export: claims it (the one named, or the oldest pending; SKIP
 * LOCKED, so each runs once across instances), writes its file and marks it
 * done with the row count, or failed with the error (the partial file
 * deleted). `claimed: false` when there was nothing to run.
 */
export type RunContactExportResult = { claimed: boolean; id: string | null; status: "done" | "failed" | null; rows: number }

export const runContactExportStep = createStep(
  runContactExportStepId,
  async (input: { id?: string }, { container }) => {
    const marketing = marketingOf(container)
    const exp = await marketing.claimContactExport({ id: input.id, now: new Date(), leaseSeconds: CONTACT_EXPORT_LEASE_SECONDS })
    if (!exp) return new StepResponse<RunContactExportResult>({ claimed: false, id: null, status: null, rows: 0 })
    const retentionDays = marketing.getOptions().exports.fileRetentionDays
    try {
      const result = await writeExport(container, exp)
      const finished = new Date()
      await marketing.updateContactExports({
        id: exp.id,
        status: "done",
        row_count: result.rows,
        truncated: result.truncated,
        file_key: result.file_key,
        filename: result.filename,
        lease_until: null,
        finished_at: finished,
        expires_at: new Date(finished.getTime() + retentionDays * 86_400_000),
      })
      return new StepResponse<RunContactExportResult>({ claimed: true, id: exp.id, status: "done", rows: result.rows })
    } catch (e) {
      const finished = new Date()
      await marketing.updateContactExports({
        id: exp.id,
        status: "failed",
        error: (e as Error).message || String(e),
        lease_until: null,
        finished_at: finished,
      })
      return new StepResponse<RunContactExportResult>({ claimed: true, id: exp.id, status: "failed", rows: 0 })
    }
  }
)
