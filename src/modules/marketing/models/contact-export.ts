import { model } from "@medusajs/framework/utils"
import { AUDIENCE_PLATFORMS, CONTACT_EXPORT_KINDS, CONTACT_EXPORT_STATUSES } from "../exports/columns"

/**
 * One CSV export of contacts (a list view, a segment, or a segment as an ad
 * audience): who asked, what it holds, and where the file is. The file itself
 * is in the store's File Module; the row is the record the admin lists.
 */
export const ContactExport = model
  .define({ name: "ContactExport", tableName: "marketing_contact_export" }, {
    id: model.id({ prefix: "mcexp" }).primaryKey(),
    kind: model.enum([...CONTACT_EXPORT_KINDS]),
    /** The segment of a `segment` or `audience` export. */
    segment_id: model.text().nullable(),
    /** The contacts list's filters of a `list` export, as the list route takes them. */
    filters: model.json().nullable(),
    /** The contact columns, in order (an audience's are the platform's hashes). */
    columns: model.json(),
    /** Only contacts whose `advertising_consent` is granted (always so for an audience). */
    advertising: model.boolean().default(false),
    platform: model.enum([...AUDIENCE_PLATFORMS]).nullable(),
    status: model.enum([...CONTACT_EXPORT_STATUSES]).default("pending"),
    /** The admin user who asked for it (null from code or a secret API key without a user). */
    requested_by: model.text().nullable(),
    row_count: model.number().default(0),
    /** Cut at the row limit. */
    truncated: model.boolean().default(false),
    /** The File Module's key of the CSV, and its name for downloads. */
    file_key: model.text().nullable(),
    filename: model.text().nullable(),
    error: model.text().nullable(),
    attempts: model.number().default(0),
    /** A running export's lease: past it, another instance may take the export over. */
    lease_until: model.dateTime().nullable(),
    started_at: model.dateTime().nullable(),
    finished_at: model.dateTime().nullable(),
    /** When the job deletes the file (the row stays, `expired`). */
    expires_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["created_at"] },
    { on: ["status"], where: "status IN ('pending', 'running')" },
  ])
