/**
 * What a contact export can hold. Medusa-free: the validators, the module's
 * SQL and the admin's column picker all read these lists.
 */

export const CONTACT_EXPORT_KINDS = ["list", "segment", "audience"] as const
export type ContactExportKind = (typeof CONTACT_EXPORT_KINDS)[number]

export const CONTACT_EXPORT_STATUSES = ["pending", "running", "done", "failed", "expired"] as const
export type ContactExportStatus = (typeof CONTACT_EXPORT_STATUSES)[number]

/** Ad platforms whose customer-list file an audience export follows; `generic` names the hashes plainly. */
export const AUDIENCE_PLATFORMS = ["google", "meta", "generic"] as const
export type AudiencePlatform = (typeof AUDIENCE_PLATFORMS)[number]

/** The contact columns a list or segment export may hold, in the order the picker shows them. */
export const CONTACT_EXPORT_COLUMNS = [
  "id",
  "email",
  "first_name",
  "last_name",
  "phone",
  "customer_id",
  "country_code",
  "city",
  "locale",
  "timezone",
  "birth_date",
  "age_band",
  "gender",
  "occupation",
  "company",
  "industry",
  "job_title",
  "device_type",
  "first_utm_source",
  "first_utm_medium",
  "first_utm_campaign",
  "last_utm_source",
  "last_utm_medium",
  "last_utm_campaign",
  "first_channel",
  "last_channel",
  "analytics_consent",
  "email_marketing_consent",
  "advertising_consent",
  "acquisition_score",
  "loyalty_score",
  "lifecycle_stage",
  "rfm_group",
  "order_count",
  "total_spent",
  "last_order_at",
  "tags",
  "owner_user_id",
  "first_seen_at",
  "last_seen_at",
  "created_at",
] as const
export type ContactExportColumn = (typeof CONTACT_EXPORT_COLUMNS)[number]

/** Columns an export holds when none are chosen. */
export const DEFAULT_CONTACT_EXPORT_COLUMNS: ContactExportColumn[] = [
  "id",
  "email",
  "first_name",
  "last_name",
  "phone",
  "country_code",
  "lifecycle_stage",
  "acquisition_score",
  "loyalty_score",
  "last_seen_at",
]

/** The most rows one export writes: a bigger list or segment is cut there and says so (`truncated`). */
export const MAX_CONTACT_EXPORT_ROWS = 1_000_000

/** A CSV cell for a stored value: dates as ISO 8601, arrays and objects as JSON, null as empty. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return ""
  if (value instanceof Date) return value.toISOString()
  if (typeof value === "object") return JSON.stringify(value)
  return String(value)
}
