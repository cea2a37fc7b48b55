import { z } from "@medusajs/framework/zod"
import {
  AUDIENCE_PLATFORMS, CONTACT_EXPORT_COLUMNS, CONTACT_EXPORT_KINDS, CONTACT_EXPORT_STATUSES, MAX_CONTACT_EXPORT_ROWS,
} from "../../../../modules/marketing/exports"
import { component, nullableTimestamp, page, timestamp } from "../../../utils/openapi"

/** One export of contacts to CSV, as the admin lists it. */
export const ContactExport = component(
  "ContactExport",
  z
    .object({
      id: z.string(),
      kind: z.enum(CONTACT_EXPORT_KINDS),
      segment_id: z.string().nullable().meta({ description: "The segment of a `segment` or `audience` export." }),
      filters: z.record(z.string(), z.unknown()).nullable().meta({ description: "A `list` export's filters, as the contacts list takes them." }),
      columns: z.array(z.enum(CONTACT_EXPORT_COLUMNS)).meta({ description: "The contact columns, in order; empty for an audience (its columns are the platform's)." }),
      advertising: z.boolean().meta({ description: "Only contacts with `advertising_consent` granted." }),
      platform: z.enum(AUDIENCE_PLATFORMS).nullable().meta({ description: "An audience's file format." }),
      status: z.enum(CONTACT_EXPORT_STATUSES).meta({ description: "`pending`, `running`, `done` (downloadable), `failed` (see `error`), `expired` (the file was deleted after its retention)." }),
      requested_by: z.string().nullable().meta({ description: "The admin user who asked for it." }),
      row_count: z.number().int().meta({ description: "Rows written (without the header), once done." }),
      truncated: z.boolean().meta({ description: `Cut at ${MAX_CONTACT_EXPORT_ROWS.toLocaleString("en")} rows.` }),
      filename: z.string().nullable(),
      error: z.string().nullable().meta({ description: "Why it failed." }),
      started_at: nullableTimestamp(),
      finished_at: nullableTimestamp(),
      expires_at: nullableTimestamp().meta({ description: "When the file is deleted." }),
      created_at: timestamp(),
      updated_at: timestamp(),
    })
    .meta({ description: "A CSV export of contacts: who asked, when, what it holds and how many rows." })
)

export const ContactExportResponse = z.object({ contact_export: ContactExport })

export const ContactExportList = z.object({ contact_exports: z.array(ContactExport).meta({ description: "Newest first." }), ...page })
