import { IMPORT_FIELDS, IMPORT_LIMITS, type ImportField } from "./fields"

/**
 * Which column of the file holds which field. `columns` names header cells;
 * `custom_fields` maps a header cell to a key of the contact's `metadata`;
 * `consent_source` and `consent_date` are what the file states for every row
 * (the proof the GDPR asks for) when no column gives them.
 */
export type ImportMapping = {
  columns: Partial<Record<ImportField, string>>
  custom_fields?: Record<string, string>
  consent_source?: string | null
  consent_date?: string | null
  /** Between tags in the tags column; "," when not given. */
  tag_separator?: string
}

/** A problem with the mapping or the file as a whole: `field` is the mapping's path, or `file`. */
export type MappingProblem = { field: string; message: string }

/** Where each mapped field sits in a row: the index of its header cell. */
export type ColumnPlan = {
  fields: Partial<Record<ImportField, number>>
  custom: { key: string; index: number; column: string }[]
  header: string[]
}

/** Checks the header of the file (duplicate or empty names, too many columns). */
export function checkHeader(header: string[]): MappingProblem | null {
  if (!header.length || header.every((cell) => !cell.trim())) {
    return { field: "file", message: "Line 1: the file has no header row (the first line must name the columns)" }
  }
  if (header.length > IMPORT_LIMITS.columns) {
    return { field: "file", message: `Line 1: ${header.length} columns, at most ${IMPORT_LIMITS.columns}` }
  }
  const seen = new Map<string, number>()
  for (const [i, raw] of header.entries()) {
    const name = raw.trim()
    if (!name) continue
    if (seen.has(name)) {
      return { field: "file", message: `Line 1, column ${i + 1}: the column name "${name}" appears twice (columns ${seen.get(name)! + 1} and ${i + 1})` }
    }
    seen.set(name, i)
  }
  return null
}

/**
 * Matches the mapping to the header: every named column must exist, the email
 * column is required, and consent needs a stated source and date (a column or
 * the file's). Returns the plan, or the first problem naming its mapping path.
 */
export function planColumns(mapping: ImportMapping, header: string[]): { plan: ColumnPlan } | { problem: MappingProblem } {
  const index = new Map(header.map((name, i) => [name.trim(), i]))
  const columns = mapping.columns ?? {}
  if (!columns.email) {
    return { problem: { field: "mapping.columns.email", message: "Map the column that holds the email address (mapping.columns.email)" } }
  }
  const fields: ColumnPlan["fields"] = {}
  for (const field of IMPORT_FIELDS) {
    const column = columns[field]
    if (column === undefined || column === null || column === "") continue
    const at = index.get(column.trim())
    if (at === undefined) {
      return {
        problem: {
          field: `mapping.columns.${field}`,
          message: `The file has no column "${column}" (mapping.columns.${field}); its columns are: ${header.map((h) => `"${h}"`).join(", ")}`,
        },
      }
    }
    fields[field] = at
  }
  const custom: ColumnPlan["custom"] = []
  for (const [column, key] of Object.entries(mapping.custom_fields ?? {})) {
    const at = index.get(column.trim())
    if (at === undefined) {
      return { problem: { field: `mapping.custom_fields.${column}`, message: `The file has no column "${column}" (mapping.custom_fields)` } }
    }
    custom.push({ key, index: at, column: column.trim() })
  }
  if (fields.email_consent !== undefined) {
    if (fields.email_consent_source === undefined && !mapping.consent_source?.trim()) {
      return {
        problem: {
          field: "mapping.consent_source",
          message: "Consent needs its source: say where the file's contacts gave it (mapping.consent_source) or map a source column",
        },
      }
    }
    if (fields.email_consent_date === undefined && !mapping.consent_date) {
      return {
        problem: {
          field: "mapping.consent_date",
          message: "Consent needs its date: give the date the file's contacts gave it (mapping.consent_date) or map a date column",
        },
      }
    }
  }
  return { plan: { fields, custom, header } }
}

const GUESSES: [ImportField, RegExp][] = [
  ["email", /^(e-?mail|email address|e-?mail address|courriel|mail)$/],
  ["first_name", /^(first ?name|fname|given ?name|prénom|prenom|vorname)$/],
  ["last_name", /^(last ?name|lname|surname|family ?name|nom|nachname)$/],
  ["phone", /^(phone|phone number|mobile|tel|telephone|téléphone)$/],
  ["country_code", /^(country|country ?code|pays|land)$/],
  ["city", /^(city|town|ville|stadt)$/],
  ["birth_date", /^(birth ?date|date of birth|dob|birthday)$/],
  ["gender", /^(gender|sex)$/],
  ["age_band", /^(age ?band|age ?group|age ?range)$/],
  ["occupation", /^(occupation|profession)$/],
  ["company", /^(company|organi[sz]ation|employer|company name)$/],
  ["industry", /^(industry|sector)$/],
  ["job_title", /^(job ?title|title|role|position)$/],
  ["locale", /^(locale|language|lang)$/],
  ["timezone", /^(time ?zone|tz|timezone)$/],
  ["tags", /^(tags|labels|groups)$/],
  ["email_consent", /^(email ?consent|consent|subscribed|opt.?in|marketing consent|status)$/],
  ["email_consent_source", /^(consent ?source|opt.?in ?source|source)$/],
  ["email_consent_date", /^(consent ?date|opt.?in ?date|optin_time|confirm_time|subscribed ?at|consent ?at)$/],
]

/** A first guess at the mapping from the header's names (Mailchimp, HubSpot and spreadsheet habits), for the admin to correct. */
export function suggestMapping(header: string[]): Partial<Record<ImportField, string>> {
  const out: Partial<Record<ImportField, string>> = {}
  const taken = new Set<string>()
  for (const [field, pattern] of GUESSES) {
    const column = header.find((name) => !taken.has(name) && pattern.test(name.trim().toLowerCase().replace(/_/g, " ").replace(/\s+/g, " ")))
      ?? header.find((name) => !taken.has(name) && pattern.test(name.trim().toLowerCase()))
    if (column !== undefined) {
      out[field] = column
      taken.add(column)
    }
  }
  return out
}
