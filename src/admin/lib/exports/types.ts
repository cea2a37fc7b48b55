import type {
  AudiencePlatform, ContactExportColumn, ContactExportKind, ContactExportStatus,
} from "../../../modules/marketing/exports/columns"

export { AUDIENCE_PLATFORMS, CONTACT_EXPORT_COLUMNS, DEFAULT_CONTACT_EXPORT_COLUMNS } from "../../../modules/marketing/exports/columns"
export type { AudiencePlatform, ContactExportColumn, ContactExportKind, ContactExportStatus }

/** One export of contacts, as GET /admin/marketing/contact-exports lists it. */
export type ContactExport = {
  id: string
  kind: ContactExportKind
  segment_id: string | null
  filters: Record<string, unknown> | null
  columns: ContactExportColumn[]
  advertising: boolean
  platform: AudiencePlatform | null
  status: ContactExportStatus
  requested_by: string | null
  row_count: number
  truncated: boolean
  filename: string | null
  error: string | null
  started_at: string | null
  finished_at: string | null
  expires_at: string | null
  created_at: string
  updated_at: string
}

export type ContactExportResponse = { contact_export: ContactExport }
export type ContactExportListResponse = { contact_exports: ContactExport[]; count: number; offset: number; limit: number }
export type ContactExportListParams = { limit?: number; offset?: number; kind?: ContactExportKind; status?: ContactExportStatus; segment_id?: string }

export type CreateContactExportBody = {
  kind: ContactExportKind
  segment_id?: string
  filters?: Record<string, unknown>
  columns?: ContactExportColumn[]
  advertising?: boolean
  platform?: AudiencePlatform
}

export const PLATFORM_LABELS: Record<AudiencePlatform, string> = {
  google: "Google Ads (Customer Match)",
  meta: "Meta (custom audience)",
  generic: "Generic (email_sha256, phone_sha256)",
}

/** "acquisition_score" → "Acquisition score". */
export const columnLabel = (column: string) => {
  const words = column.replace(/_/g, " ")
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** What an export holds, in words. */
export const describeExport = (e: Pick<ContactExport, "kind" | "segment_id" | "filters" | "platform" | "advertising">) => {
  if (e.kind === "audience") return `Ad audience (${e.platform ?? "generic"}) of segment ${e.segment_id}`
  const what =
    e.kind === "segment"
      ? `Segment ${e.segment_id}`
      : Object.keys(e.filters ?? {}).length
      ? `Contacts where ${Object.entries(e.filters ?? {}).map(([k, v]) => `${k} = ${String(v)}`).join(", ")}`
      : "All contacts"
  return e.advertising ? `${what}, for advertising` : what
}

/** The filters of the contacts list's query that an export takes (no paging or order). */
export const exportFiltersOf = (query: object) => {
  const { limit: _limit, offset: _offset, order: _order, ...filters } = query as Record<string, unknown>
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== null && v !== ""))
}
