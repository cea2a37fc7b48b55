import { useMutation, useQuery } from "@tanstack/react-query"
import { downloadFile } from "../../lib/download"
import { sdk } from "../../lib/sdk"

export type ContactImportMapping = {
  columns: Record<string, string>
  consent_source?: string | null
  consent_date?: string | null
  tag_separator?: string
}

export type ContactImport = {
  id: string
  status: "uploading" | "queued" | "processing" | "completed" | "failed"
  file_name: string
  rows_read: number
  rows_processed: number
  created: number
  updated: number
  merged: number
  duplicates: number
  skipped: number
  customers_linked: number
  consent_refused: number
  error: string | null
  created_at: string
}

export type ContactImportPreview = {
  file_name: string
  columns: string[]
  rows: string[][]
  suggested_mapping: { columns: Record<string, string> }
}

const PATH = "/admin/marketing/contacts/imports"
/**
 * The SDK sends JSON by default and would stringify the form: without its
 * content type, the browser sets multipart with the boundary (as Medusa's own uploads do).
 */
const MULTIPART = { "content-type": null } as unknown as Record<string, string>
/** The preview reads the file's start only: no need to send more. */
const PREVIEW_BYTES = 1024 * 1024

/** The header, first rows and a guessed mapping of a file (its first megabyte). */
export const usePreviewContactImport = () =>
  useMutation({
    mutationFn: (file: File) => {
      const body = new FormData()
      body.append("file", file.slice(0, PREVIEW_BYTES), file.name)
      return sdk.client.fetch<ContactImportPreview>(`${PATH}/preview`, { method: "POST", body, headers: MULTIPART })
    },
  })

/** Uploads the whole file with its mapping; the import then runs in the background. */
export const useCreateContactImport = () =>
  useMutation({
    mutationFn: ({ file, mapping }: { file: File; mapping: ContactImportMapping }) => {
      const body = new FormData()
      body.append("mapping", JSON.stringify(mapping))
      body.append("file", file, file.name)
      return sdk.client.fetch<{ contact_import: ContactImport }>(PATH, { method: "POST", body, headers: MULTIPART })
    },
  })

/** One import, polled every second until it is done. */
export const useContactImport = (id: string | null) =>
  useQuery({
    queryKey: ["marketing", "contact_import", id],
    enabled: !!id,
    queryFn: () =>
      sdk.client.fetch<{ contact_import: ContactImport; rejected_rows: { line: number; column: string | null; message: string | null }[] }>(
        `${PATH}/${id}`
      ),
    refetchInterval: (query) => {
      const status = query.state.data?.contact_import.status
      return status === "completed" || status === "failed" ? false : 1000
    },
  })

/** The latest imports, newest first. */
export const useContactImports = () =>
  useQuery({
    queryKey: ["marketing", "contact_imports"],
    queryFn: () => sdk.client.fetch<{ contact_imports: ContactImport[]; count: number }>(PATH, { query: { limit: 20, offset: 0 } }),
  })

/** Saves an import's rejected rows as a CSV. */
export const downloadRejectedRows = (id: string, fileName: string) =>
  downloadFile(`${PATH}/${id}/rejected`, `${fileName.replace(/\.csv$/i, "")}-rejected.csv`)
