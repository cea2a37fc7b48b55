/** What a contact export record shows (the lease and attempts are the runner's business). */
export const CONTACT_EXPORT_FIELDS = [
  "id", "kind", "segment_id", "filters", "columns", "advertising", "platform", "status", "requested_by", "row_count", "truncated",
  "filename", "error", "started_at", "finished_at", "expires_at", "created_at", "updated_at",
]
