import { CONSENT_WORDS, IMPORT_LIMITS, IMPORT_TEXT_FIELDS, type ImportContactColumn } from "./fields"
import type { ColumnPlan, ImportMapping } from "./mapping"

export type ConsentStatement = { status: "granted" | "denied" | "pending"; source: string; at: string }

/** One row's checked values: what the import writes for its email. */
export type ImportRowData = {
  values: Partial<Record<ImportContactColumn, string>>
  tags?: string[]
  custom?: Record<string, string>
  consent?: ConsentStatement
}

export type CellError = { column: string; message: string }

export type CheckedRow =
  | { ok: true; email: string; data: ImportRowData }
  | { ok: false; email: string | null; errors: CellError[] }

// The HTML standard's "valid email address", which browsers' <input type=email> apply.
const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?$/

/** A calendar date (YYYY-MM-DD) that exists, or null. */
export function parseDate(value: string): string | null {
  const m = ISO_DATE.exec(value)
  if (!m) return null
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  if (d.getUTCFullYear() !== Number(m[1]) || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return null
  return d.toISOString()
}

/** A date or a date and time (ISO 8601; UTC when no offset is given), as an ISO timestamp, or null. */
export function parseTimestamp(value: string): string | null {
  if (ISO_DATE.test(value)) return parseDate(value)
  if (!ISO_DATE_TIME.test(value)) return null
  const withZone = /(Z|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value}Z`
  const t = Date.parse(withZone.replace(" ", "T"))
  return Number.isNaN(t) ? null : new Date(t).toISOString()
}

function validTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name })
    return true
  } catch {
    return false
  }
}

function validLocale(tag: string): string | null {
  try {
    return Intl.getCanonicalLocales(tag.replace(/_/g, "-"))[0] ?? null
  } catch {
    return null
  }
}

/**
 * Checks one data row against the column plan. Every bad cell is reported
 * with its column's header name; a row with any bad cell is rejected whole.
 * `now` bounds the dates (no consent or birth in the future).
 */
export function checkRow(cells: string[], plan: ColumnPlan, mapping: ImportMapping, now: Date): CheckedRow {
  const errors: CellError[] = []
  const columnOf = (index: number) => plan.header[index]?.trim() || `column ${index + 1}`
  const cell = (index: number | undefined) => (index === undefined ? "" : (cells[index] ?? "").trim())
  const fail = (index: number, message: string) => errors.push({ column: columnOf(index), message })

  const emailAt = plan.fields.email!
  const rawEmail = cell(emailAt)
  let email: string | null = null
  if (!rawEmail) fail(emailAt, "no email address")
  else if (rawEmail.length > 320 || !EMAIL.test(rawEmail)) fail(emailAt, "not an email address")
  else email = rawEmail.toLowerCase()

  const values: ImportRowData["values"] = {}
  for (const [field, max] of Object.entries(IMPORT_TEXT_FIELDS) as [keyof typeof IMPORT_TEXT_FIELDS, number][]) {
    const at = plan.fields[field]
    const value = cell(at)
    if (at === undefined || !value) continue
    if (value.length > max) fail(at, `longer than ${max} characters`)
    else values[field] = value
  }
  const country = plan.fields.country_code
  if (country !== undefined && cell(country)) {
    const value = cell(country)
    if (!/^[A-Za-z]{2}$/.test(value)) fail(country, "not a 2-letter ISO country code (FR, US, DE…)")
    else values.country_code = value.toLowerCase()
  }
  const birth = plan.fields.birth_date
  if (birth !== undefined && cell(birth)) {
    const at = parseDate(cell(birth))
    if (!at) fail(birth, "not a date: write it as YYYY-MM-DD")
    else if (Date.parse(at) > now.getTime()) fail(birth, "a birth date in the future")
    else values.birth_date = at
  }
  const locale = plan.fields.locale
  if (locale !== undefined && cell(locale)) {
    const tag = cell(locale).length <= 35 ? validLocale(cell(locale)) : null
    if (!tag) fail(locale, "not a language tag (fr, en-US…)")
    else values.locale = tag
  }
  const zone = plan.fields.timezone
  if (zone !== undefined && cell(zone)) {
    if (cell(zone).length > 64 || !validTimeZone(cell(zone))) fail(zone, "not a time zone (Europe/Paris, America/New_York…)")
    else values.timezone = cell(zone)
  }

  const data: ImportRowData = { values }
  const tagsAt = plan.fields.tags
  if (tagsAt !== undefined && cell(tagsAt)) {
    const separator = mapping.tag_separator || ","
    const tags = [...new Set(cell(tagsAt).split(separator).map((t) => t.trim()).filter(Boolean))]
    if (tags.length > IMPORT_LIMITS.tags) fail(tagsAt, `more than ${IMPORT_LIMITS.tags} tags`)
    else if (tags.some((t) => t.length > IMPORT_LIMITS.tag)) fail(tagsAt, `a tag longer than ${IMPORT_LIMITS.tag} characters`)
    else data.tags = tags
  }
  for (const custom of plan.custom) {
    const value = cell(custom.index)
    if (!value) continue
    if (value.length > IMPORT_LIMITS.customFieldValue) fail(custom.index, `longer than ${IMPORT_LIMITS.customFieldValue} characters`)
    else (data.custom ??= {})[custom.key] = value
  }

  const consentAt = plan.fields.email_consent
  if (consentAt !== undefined && cell(consentAt)) {
    const status = CONSENT_WORDS[cell(consentAt).toLowerCase()]
    const sourceAt = plan.fields.email_consent_source
    const source = cell(sourceAt) || mapping.consent_source?.trim() || ""
    const dateAt = plan.fields.email_consent_date
    const rawDate = cell(dateAt) || mapping.consent_date || ""
    const at = rawDate ? parseTimestamp(rawDate) : null
    if (!status) fail(consentAt, `not a consent: use granted, denied or pending (or yes/no, subscribed/unsubscribed)`)
    if (!source) fail(sourceAt ?? consentAt, "no consent source: where did this contact give or withdraw consent?")
    else if (source.length > 256) fail(sourceAt ?? consentAt, "a consent source longer than 256 characters")
    if (!rawDate) fail(dateAt ?? consentAt, "no consent date")
    else if (!at) fail(dateAt ?? consentAt, "not a date: write it as YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ")
    else if (Date.parse(at) > now.getTime()) fail(dateAt ?? consentAt, "a consent date in the future")
    if (status && source && at && source.length <= 256) data.consent = { status, source, at }
  }

  if (errors.length || !email) return { ok: false, email, errors }
  return { ok: true, email, data }
}
