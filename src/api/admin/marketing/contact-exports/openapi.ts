import type { RouteGroup } from "../../../utils/openapi"
import { ok } from "../../../utils/openapi"
import { ContactExportList, ContactExportResponse } from "./responses"
import { AdminCreateContactExport, AdminListContactExports } from "./validators"

/** The API reference of these routes: see `RouteDoc`. */
export const adminContactExportRoutes: RouteGroup = {
  tag: "Contact exports",
  description: "CSV exports of a contacts list view or a segment, and ad audiences (hashed customer lists for ad platforms), run in the background.",
  routes: [
    {
      method: "post",
      path: "/admin/marketing/contact-exports",
      summary: "Export contacts",
      description:
        "Records an export and runs it in the background: a list view (`filters`), a segment, or a segment as an ad audience. " +
        "Rows are streamed into the store's File Module, up to 1,000,000. With `advertising` (always for an audience) only contacts whose " +
        "`advertising_consent` is `granted` are written. An audience's rows are the SHA-256 of the trimmed, lower-cased email and of the " +
        "phone in E.164 (read in the contact's country; Meta's without the `+`), under the platform's headers; contacts with neither are left out. " +
        "Poll GET /admin/marketing/contact-exports/{id} until `status` is `done`, then download. 404 for an unknown segment.",
      access: "admin",
      query: null,
      body: AdminCreateContactExport,
      responses: { 202: { description: "The export is recorded (`status: pending`) and starts at once.", schema: ContactExportResponse } },
      errors: [404],
    },
    {
      method: "get",
      path: "/admin/marketing/contact-exports",
      summary: "List contact exports",
      description: "Every export, newest first: who asked (`requested_by`), when, what (kind, segment or filters, columns, advertising), rows and status.",
      access: "admin",
      query: AdminListContactExports,
      body: null,
      responses: ok(ContactExportList),
    },
    {
      method: "get",
      path: "/admin/marketing/contact-exports/:id",
      summary: "Get a contact export",
      description: "The export's record and status.",
      access: "admin",
      query: null,
      body: null,
      responses: ok(ContactExportResponse),
    },
    {
      method: "get",
      path: "/admin/marketing/contact-exports/:id/download",
      summary: "Download a contact export",
      description: "The export's CSV (UTF-8, a header row). 409 while it is pending or running, and once failed or expired.",
      access: "admin",
      query: null,
      body: null,
      responses: {
        200: {
          description: "The CSV file.",
          contentType: "text/csv",
          headers: { "Content-Disposition": 'attachment; filename="contacts-<kind>-<id>.csv"', "Cache-Control": "no-store" },
        },
      },
      errors: [409],
    },
  ],
}
