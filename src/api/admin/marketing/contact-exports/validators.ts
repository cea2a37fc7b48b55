import { z } from "@medusajs/framework/zod"
import {
  AUDIENCE_PLATFORMS, CONTACT_EXPORT_COLUMNS, CONTACT_EXPORT_KINDS, CONTACT_EXPORT_STATUSES,
} from "../../../../modules/marketing/exports"
import { listParams } from "../../../utils/validators"
import { AdminListContacts } from "../contacts/validators"

/** The contacts list's filters (its query string without paging and order); `known` also as a JSON boolean. */
export const ContactListFilters = AdminListContacts.omit({ limit: true, offset: true, order: true }).extend({
  known: z
    .union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")])
    .optional()
    .meta({ description: "`true`: contacts with an email or a customer; `false`: anonymous ones." }),
})

export const AdminCreateContactExport = z
  .object({
    kind: z.enum(CONTACT_EXPORT_KINDS).meta({
      description: "`list`: the contacts a list view's `filters` show; `segment`: a segment's members; `audience`: a segment as an ad platform's customer list (hashed email and phone).",
    }),
    segment_id: z.string().trim().min(1).max(100).optional().meta({ description: "The segment of a `segment` or `audience` export." }),
    filters: ContactListFilters.optional().meta({ description: "A `list` export's filters, as GET /admin/marketing/contacts takes them; none: every contact." }),
    columns: z
      .array(z.enum(CONTACT_EXPORT_COLUMNS))
      .min(1)
      .max(CONTACT_EXPORT_COLUMNS.length)
      .optional()
      .meta({ description: "The contact columns, in order (`list` and `segment`); default: id, email, names, phone, country, stage, scores, last seen." }),
    advertising: z
      .boolean()
      .default(false)
      .meta({ description: "For advertising: only contacts whose `advertising_consent` is `granted`. Always so for an `audience`." }),
    platform: z
      .enum(AUDIENCE_PLATFORMS)
      .optional()
      .meta({ description: "An `audience`'s file format: `google` (Customer Match), `meta` (custom audience customer list) or `generic` (default)." }),
  })
  .strict()
  .superRefine((body, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message })
    if (body.kind === "list") {
      if (body.segment_id !== undefined) issue("segment_id", "only a segment or audience export names a segment")
    } else if (body.segment_id === undefined) {
      issue("segment_id", `required for a ${body.kind} export`)
    }
    if (body.kind !== "list" && body.filters !== undefined) issue("filters", "only a list export takes filters")
    if (body.kind === "audience" && body.columns !== undefined) issue("columns", "an audience holds the platform's hashed email and phone, not chosen columns")
    if (body.kind !== "audience" && body.platform !== undefined) issue("platform", "only an audience export has a platform")
    if (body.columns && new Set(body.columns).size !== body.columns.length) issue("columns", "names a column twice")
  })

export type AdminCreateContactExportType = z.output<typeof AdminCreateContactExport>

export const AdminListContactExports = z
  .object({
    ...listParams({ max: 100, defaultLimit: 20 }),
    kind: z.enum(CONTACT_EXPORT_KINDS).optional(),
    status: z.enum(CONTACT_EXPORT_STATUSES).optional(),
    segment_id: z.string().min(1).max(100).optional(),
  })
  .strict()

export type AdminListContactExportsType = z.output<typeof AdminListContactExports>
