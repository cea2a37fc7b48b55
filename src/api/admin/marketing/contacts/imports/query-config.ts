/** What an import answer shows (the mapping included, so a re-run can reuse it). */
export const CONTACT_IMPORT_FIELDS = [
  "id", "status", "file_name", "mapping", "columns", "rows_read", "rows_processed", "created", "updated", "merged", "duplicates",
  "skipped", "customers_linked", "consent_refused", "error", "created_by", "started_at", "completed_at", "created_at", "updated_at",
]

/** Rejected rows an import's answer lists (the CSV has them all). */
export const IMPORT_ERRORS_SHOWN = 100
