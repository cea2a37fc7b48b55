/**
 * What a contact import can fill, as the store owner names it in the column
 * mapping. Each field is a contact column, except tags (added to the contact's
 * tags), the email consent columns (a consent record) and custom fields
 * (keys of the contact's `metadata`).
 */
export const IMPORT_TEXT_FIELDS = {
  first_name: 256,
  last_name: 256,
  phone: 32,
  city: 256,
  gender: 32,
  age_band: 16,
  occupation: 256,
  company: 256,
  industry: 256,
  job_title: 256,
} as const

/** The contact columns an import writes (besides email, consent, tags and metadata). */
export const IMPORT_CONTACT_COLUMNS = [
  "first_name",
  "last_name",
  "phone",
  "country_code",
  "city",
  "birth_date",
  "gender",
  "age_band",
  "occupation",
  "company",
  "industry",
  "job_title",
  "locale",
  "timezone",
] as const
export type ImportContactColumn = (typeof IMPORT_CONTACT_COLUMNS)[number]

export const IMPORT_FIELDS = ["email", ...IMPORT_CONTACT_COLUMNS, "tags", "email_consent", "email_consent_source", "email_consent_date"] as const
export type ImportField = (typeof IMPORT_FIELDS)[number]

export const IMPORT_LIMITS = {
  /** Data rows in one file. */
  rows: 1_000_000,
  /** Bytes of one uploaded file. */
  fileBytes: 256 * 1024 * 1024,
  /** Bytes the preview reads (the admin sends the file's first part). */
  previewBytes: 1024 * 1024,
  /** Rows the preview shows. */
  previewRows: 10,
  columns: 200,
  /** Characters of one cell. */
  cell: 10_000,
  customFields: 50,
  customFieldValue: 1_000,
  tags: 50,
  tag: 64,
  /** Days a rejected row (with its cells) is kept for the rejected-rows CSV. */
  rejectedRowsDays: 30,
} as const

/** The consent words a file may use, and what each means. */
export const CONSENT_WORDS: Record<string, "granted" | "denied" | "pending"> = {
  granted: "granted",
  yes: "granted",
  y: "granted",
  true: "granted",
  "1": "granted",
  subscribed: "granted",
  opted_in: "granted",
  "opt-in": "granted",
  opt_in: "granted",
  denied: "denied",
  no: "denied",
  n: "denied",
  false: "denied",
  "0": "denied",
  unsubscribed: "denied",
  opted_out: "denied",
  "opt-out": "denied",
  opt_out: "denied",
  pending: "pending",
}
