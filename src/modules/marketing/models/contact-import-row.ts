import { model } from "@medusajs/framework/utils"

export const IMPORT_ROW_STATUSES = ["pending", "imported", "rejected"] as const

/**
 * A staged row of a contact import: personal data, kept only until it is
 * applied (imported rows are deleted as each batch commits) or, for a
 * rejected row, until the import's rejected-rows CSV is no longer needed
 * (deleted after `IMPORT_REJECTED_ROWS_DAYS`, or at once when the person is erased).
 */
export const ContactImportRow = model
  .define({ name: "ContactImportRow", tableName: "marketing_contact_import_row" }, {
    id: model.id({ prefix: "mimr" }).primaryKey(),
    import_id: model.text(),
    /** The line of the file (the header is line 1). */
    line: model.number(),
    status: model.enum([...IMPORT_ROW_STATUSES]).default("pending"),
    /** The normalised address (lowercase), null when the row has none. */
    email: model.text().nullable(),
    /** The row's mapped, checked values (imports/rows.ts). */
    data: model.json().nullable(),
    /** The cells as read, for the rejected-rows CSV. */
    cells: model.json(),
    error_column: model.text().nullable(),
    error_message: model.text().nullable(),
  })
  .indexes([
    { on: ["import_id", "line"], unique: true, where: null },
    { on: ["import_id", "status", "email"], where: null },
    // Erasure finds a person's staged rows by address.
    { on: ["email"], where: null },
  ])
