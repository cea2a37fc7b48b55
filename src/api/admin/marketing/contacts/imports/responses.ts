import { z } from "@medusajs/framework/zod"
import { CONTACT_IMPORT_STATUSES } from "../../../../../modules/marketing/models/contact-import"
import { component, nullableTimestamp, page, timestamp } from "../../../../utils/openapi"
import { AdminContactImportMapping } from "./validators"

const count = (description: string) => z.number().int().meta({ description })

export const ContactImportMappingSchema = component("ContactImportMapping", AdminContactImportMapping)

export const ContactImport = component(
  "ContactImport",
  z
    .object({
      id: z.string(),
      status: z.enum(CONTACT_IMPORT_STATUSES).meta({
        description: "`queued` (staged, waiting for a run), `processing`, `completed`, `failed` (see `error`; rows already imported stay). `uploading` while the file streams in.",
      }),
      file_name: z.string(),
      mapping: ContactImportMappingSchema,
      columns: z.array(z.string()).meta({ description: "The file's header, in order." }),
      rows_read: count("Data rows in the file (the header not counted)."),
      rows_processed: count("Rows applied or skipped so far: the progress is rows_processed / rows_read."),
      created: count("New contacts."),
      updated: count("Existing contacts whose values the import changed."),
      merged: count("Addresses that landed on an existing contact (by email, case-insensitively, or through the Medusa customer with that email)."),
      duplicates: count("Rows whose email an earlier row of the file had: their values joined that contact."),
      skipped: count("Rows rejected, each with its line, column and reason (GET …/rejected)."),
      customers_linked: count("Contacts newly tied to the Medusa customer with their email."),
      consent_refused: count("Rows whose granted consent was not applied: the address is suppressed or its contact withdrew consent."),
      error: z.string().nullable().meta({ description: "Why a failed import stopped." }),
      created_by: z.string().nullable().meta({ description: "The admin user who started it." }),
      started_at: nullableTimestamp(),
      completed_at: nullableTimestamp(),
      created_at: timestamp(),
      updated_at: timestamp(),
    })
    .meta({ description: "A CSV of contacts brought in from elsewhere, with its progress and counts." })
)

export const RejectedImportRow = z.object({
  line: z.number().int().meta({ description: "The line of the file (the header is line 1)." }),
  column: z.string().nullable().meta({ description: "The header name of the first bad cell." }),
  message: z.string().nullable().meta({ description: "Every bad cell of the row: `column: reason; …`." }),
})

export const ContactImportCreated = z.object({ contact_import: ContactImport })
export const ContactImportDetail = z.object({
  contact_import: ContactImport,
  rejected_rows: z.array(RejectedImportRow).meta({ description: "The first 100 rejected rows in line order; the CSV has them all." }),
})
export const ContactImportList = z.object({ contact_imports: z.array(ContactImport), ...page })

export const ContactImportPreview = z.object({
  file_name: z.string(),
  delimiter: z.enum([",", ";", "\t"]),
  columns: z.array(z.string()).meta({ description: "The header's column names." }),
  rows: z.array(z.array(z.string())).meta({ description: "The first 10 rows, as read." }),
  suggested_mapping: z.object({
    columns: AdminContactImportMapping.shape.columns,
  }).meta({ description: "A first guess from the column names, to correct." }),
})
