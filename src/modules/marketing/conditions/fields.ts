import { CHANNELS } from "../reports/channels"
import { ISO_DATE_PATTERN } from "./dates"
import type { FieldType } from "./types"

/** What a condition can test: its type, and how to read it in SQL and in a record. */
export type FieldDef = {
  type: FieldType
  /** SQL expression for the field, given the row's alias ("" for none). Trusted code only. */
  column: (alias: string) => string
  /** Allowed values, for enums. */
  values?: readonly string[]
  /**
   * Set for event property fields: the path inside the record's `properties`.
   * Such values are JSON, so only a JSON value of the field's type counts;
   * anything else (a number in a string field, "12" in a number field, an
   * invalid date) is treated as missing, in SQL and in TS alike.
   */
  property?: readonly string[]
  /** For string fields: `column` already gives the value lower-cased, so comparisons need no `lower()` of their own. */
  folded?: boolean
}

/** Field name → definition. Extend by merging: `mergeCatalogs(CONTACT_FIELDS, SCORE_FIELDS)`. */
export type FieldCatalog = Readonly<Record<string, FieldDef>>

function prefix(alias: string): string {
  return alias ? `${alias}.` : ""
}

/** A plain column of the row. */
export function columnField(type: FieldType, name: string, values?: readonly string[]): FieldDef {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Invalid column name "${name}"`)
  return { type, column: (alias) => `${prefix(alias)}${name}`, ...(values ? { values } : {}) }
}

// A segment is a plain key or an array index; nothing that could break out of the SQL literal.
const PATH_SEGMENT = /^([A-Za-z_][A-Za-z0-9_]*|0|[1-9][0-9]{0,5})$/

/**
 * A field read from the row's `properties` jsonb, e.g. `eventPropertyField("items.0.sku", "string")`
 * compiles to `properties #>> '{items,0,sku}'` (one to three levels).
 */
export function eventPropertyField(path: string, type: FieldType, values?: readonly string[]): FieldDef {
  const segments = path.split(".")
  if (segments.length > 3 || !segments.every((s) => PATH_SEGMENT.test(s))) {
    throw new Error(`Invalid event property path "${path}"`)
  }
  const literal = `'{${segments.join(",")}}'`
  const column = (alias: string) => {
    const json = `${prefix(alias)}properties #> ${literal}`
    const text = `(${prefix(alias)}properties #>> ${literal})`
    // Check the JSON type first so a stray value yields NULL instead of a cast error.
    switch (type) {
      case "string":
      case "enum":
        return `(CASE WHEN jsonb_typeof(${json}) = 'string' THEN ${text} END)`
      case "number":
        return `(CASE WHEN jsonb_typeof(${json}) = 'number' THEN ${text}::numeric END)`
      case "boolean":
        return `(CASE WHEN jsonb_typeof(${json}) = 'boolean' THEN ${text}::boolean END)`
      case "date":
        // A date-only value means midnight UTC, whatever the session time zone.
        return (
          `(CASE WHEN ${text} ~ '${ISO_DATE_PATTERN}' THEN ` +
          `(${text} || CASE WHEN length(${text}) = 10 THEN 'T00:00:00Z' ELSE '' END)::timestamptz END)`
        )
    }
  }
  return { type, column, property: segments, ...(values ? { values } : {}) }
}

type PropertySpec = FieldType | { type: "enum"; values: readonly string[] }

/** Catalog of event property fields, named `properties.<path>`. */
export function eventPropertyFields(spec: Record<string, PropertySpec>): FieldCatalog {
  const catalog: Record<string, FieldDef> = {}
  for (const [path, s] of Object.entries(spec)) {
    catalog[`properties.${path}`] =
      typeof s === "string" ? eventPropertyField(path, s) : eventPropertyField(path, s.type, s.values)
  }
  return catalog
}

/** Merge catalogs; a field defined twice is a bug, so it throws. */
export function mergeCatalogs(...catalogs: FieldCatalog[]): FieldCatalog {
  const merged: Record<string, FieldDef> = {}
  for (const catalog of catalogs) {
    for (const [name, def] of Object.entries(catalog)) {
      if (name in merged) throw new Error(`Field "${name}" is defined twice`)
      merged[name] = def
    }
  }
  return merged
}

export const DEVICE_TYPE_VALUES = ["desktop", "mobile", "tablet", "other"] as const
export const CONSENT_VALUES = ["unknown", "granted", "denied"] as const
export const EMAIL_CONSENT_VALUES = ["unknown", "pending", "granted", "denied"] as const

const TEXT_COLUMNS = [
  "email",
  "first_name",
  "last_name",
  "phone",
  "customer_id",
  "cart_id",
  "age_band",
  "gender",
  "occupation",
  "company",
  "industry",
  "job_title",
  "country_code", // lowercase ISO-2
  "city",
  "locale",
  "timezone",
  "os",
  "browser",
  "first_utm_source",
  "first_utm_medium",
  "first_utm_campaign",
  "last_utm_source",
  "last_utm_medium",
  "last_utm_campaign",
  "referrer",
  "landing_page",
] as const

/** Fields of the `marketing_contact` table. */
export const CONTACT_FIELDS: FieldCatalog = {
  ...Object.fromEntries(TEXT_COLUMNS.map((name) => [name, columnField("string", name)])),
  birth_date: columnField("date", "birth_date"),
  first_seen_at: columnField("date", "first_seen_at"),
  last_seen_at: columnField("date", "last_seen_at"),
  device_type: columnField("enum", "device_type", DEVICE_TYPE_VALUES),
  analytics_consent: columnField("enum", "analytics_consent", CONSENT_VALUES),
  email_marketing_consent: columnField("enum", "email_marketing_consent", EMAIL_CONSENT_VALUES),
  advertising_consent: columnField("enum", "advertising_consent", CONSENT_VALUES),
  /** Acquisition channel of the first touch and of the latest one (reports/channels.ts). */
  first_channel: columnField("enum", "first_channel", CHANNELS),
  last_channel: columnField("enum", "last_channel", CHANNELS),
}

/** Own-property lookup, so "constructor" or "__proto__" are never fields. */
export function getField(catalog: FieldCatalog, name: string): FieldDef | undefined {
  return Object.prototype.hasOwnProperty.call(catalog, name) ? catalog[name] : undefined
}
