import type { RouteDoc } from "../../../../utils/openapi"
import { ok } from "../../../../utils/openapi"
import { IMPORT_LIMITS } from "../../../../../modules/marketing/imports/fields"
import { ContactImportCreated, ContactImportDetail, ContactImportList, ContactImportPreview } from "./responses"
import { AdminCreateContactImportForm, AdminListContactImports, AdminPreviewContactImportForm } from "./validators"

/** The contact import routes, in the Contacts group of the reference. */
export const adminContactImportRoutes: RouteDoc[] = [
  {
    method: "get",
    path: "/admin/marketing/contacts/imports",
    summary: "List contact imports",
    description: "Imports, newest first, with their status and counts.",
    access: "admin",
    query: AdminListContactImports,
    body: null,
    responses: ok(ContactImportList),
  },
  {
    method: "post",
    path: "/admin/marketing/contacts/imports",
    summary: "Import contacts from a CSV",
    description:
      "Streams the file into the import's staged rows (never whole in memory) and answers 202 with the queued import; a background run " +
      "applies it in batches. Each row lands on the contact with its email (case-insensitively) or on the Medusa customer's, or makes a new one. " +
      "A row with a bad cell is skipped and listed with its line, column and reason. Consent is recorded as `import` with the file's stated source " +
      "and date; it never lifts a suppression nor grants consent to a contact that withdrew it. A file that cannot be read (not UTF-8, no header, " +
      "an unclosed quote) or a mapping that does not fit the header (no email column, a column the file lacks, consent without source or date) " +
      `is a 400 naming \`file\` or the mapping's path, and stores nothing; over ${IMPORT_LIMITS.rows.toLocaleString("en")} rows or ` +
      `${IMPORT_LIMITS.fileBytes / 1024 / 1024} MB is a 413. Importing the same file again changes nothing.`,
    access: "admin",
    query: null,
    body: null,
    bodyDocument: AdminCreateContactImportForm,
    bodyContentTypes: ["multipart/form-data"],
    responses: { 202: { description: "Staged and queued.", schema: ContactImportCreated } },
    errors: [413],
  },
  {
    method: "post",
    path: "/admin/marketing/contacts/imports/preview",
    summary: "Preview a CSV before importing it",
    description: `The header, the first ${IMPORT_LIMITS.previewRows} rows and a suggested mapping, from the first ${IMPORT_LIMITS.previewBytes / 1024} KB of the file. Stores nothing.`,
    access: "admin",
    query: null,
    body: null,
    bodyDocument: AdminPreviewContactImportForm,
    bodyContentTypes: ["multipart/form-data"],
    responses: ok(ContactImportPreview),
  },
  {
    method: "get",
    path: "/admin/marketing/contacts/imports/:id",
    summary: "Get a contact import",
    description: "The import's status and counts as its run goes, and its first rejected rows.",
    access: "admin",
    query: null,
    body: null,
    responses: ok(ContactImportDetail),
  },
  {
    method: "get",
    path: "/admin/marketing/contacts/imports/:id/rejected",
    summary: "Download an import's rejected rows",
    description:
      "A CSV of the rows the import skipped: the file's own columns, then `line`, `column` and `reason`, in line order. Fix them and import the file again.",
    access: "admin",
    query: null,
    body: null,
    responses: { 200: { description: "The rejected rows.", contentType: "text/csv", headers: { "Content-Disposition": "attachment; filename=\"<file>-rejected.csv\"" } } },
  },
]
