import { model } from "@medusajs/framework/utils"

export const CONTACT_IMPORT_STATUSES = ["uploading", "queued", "processing", "completed", "failed"] as const
export type ContactImportStatus = (typeof CONTACT_IMPORT_STATUSES)[number]

/**
 * One CSV of contacts a store owner brought from elsewhere (a newsletter tool,
 * a CRM, a spreadsheet). The upload stages its rows; a background run claims
 * the import (`lease_until`, any instance) and applies them in batches, so the
 * counts grow as it goes and a run that died is picked up where it stopped.
 */
export const ContactImport = model
  .define({ name: "ContactImport", tableName: "marketing_contact_import" }, {
    id: model.id({ prefix: "mimp" }).primaryKey(),
    status: model.enum([...CONTACT_IMPORT_STATUSES]).default("uploading"),
    file_name: model.text(),
    /** Which column holds which field, plus the consent source and date the file states (imports/mapping.ts). */
    mapping: model.json(),
    /** The file's header: its column names, in order (the rejected-rows CSV repeats them). */
    columns: model.json(),
    /** Data rows read from the file (the header not counted). */
    rows_read: model.number().default(0),
    /** Rows applied so far, skipped ones included: progress is rows_processed / rows_read. */
    rows_processed: model.number().default(0),
    created: model.number().default(0),
    /** Existing contacts whose stored values the import changed. */
    updated: model.number().default(0),
    /** Rows that landed on an existing contact (found by email, case-insensitively, or through a Medusa customer with that email). */
    merged: model.number().default(0),
    /** Rows whose email an earlier row of the same file already had: their values joined that row's contact. */
    duplicates: model.number().default(0),
    /** Rows rejected, each with its line, column and reason (the rejected-rows CSV). */
    skipped: model.number().default(0),
    /** Contacts newly tied to the Medusa customer with their email. */
    customers_linked: model.number().default(0),
    /** Rows whose granted consent was not applied: the address is suppressed or its contact withdrew consent. */
    consent_refused: model.number().default(0),
    /** Why the whole import stopped (a file that cannot be read), null otherwise. */
    error: model.text().nullable(),
    /** The admin user who started it. */
    created_by: model.text().nullable(),
    started_at: model.dateTime().nullable(),
    completed_at: model.dateTime().nullable(),
    /** While a run holds the import; another instance takes it over once this has passed. */
    lease_until: model.dateTime().nullable(),
  })
  .indexes([{ on: ["status", "lease_until"] }])
