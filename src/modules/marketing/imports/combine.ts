import { IMPORT_CONTACT_COLUMNS, type ImportContactColumn } from "./fields"
import type { ConsentStatement, ImportRowData } from "./rows"

/**
 * The rows of one address in a file, in line order, as one: a later row's
 * non-empty cell wins, tags add up, custom fields merge, and the consent
 * statement with the latest date wins (the later line on a tie).
 */
export function combineRows(rows: ImportRowData[]): ImportRowData {
  const out: ImportRowData = { values: {} }
  for (const row of rows) {
    Object.assign(out.values, row.values)
    if (row.tags?.length) out.tags = [...new Set([...(out.tags ?? []), ...row.tags])]
    if (row.custom) out.custom = { ...(out.custom ?? {}), ...row.custom }
    if (row.consent && (!out.consent || Date.parse(row.consent.at) >= Date.parse(out.consent.at))) out.consent = row.consent
  }
  return out
}

/** What the import reads of a contact it lands on. */
export type ExistingContact = {
  id: string
  customer_id: string | null
  email_marketing_consent: string
  email_marketing_consent_at: Date | string | null
  tags: string[] | null
  metadata: Record<string, unknown> | null
} & Partial<Record<ImportContactColumn, string | Date | null>>

export type ContactPlan = {
  /** Columns whose value changes (all given ones for a new contact). */
  patch: Partial<Record<ImportContactColumn, string>>
  /** The contact's whole tag list when the import adds to it, else null. */
  tags: string[] | null
  /** The contact's whole metadata when a custom field changes it, else null. */
  metadata: Record<string, unknown> | null
  /** The consent to record, or null. */
  consent: ConsentStatement | null
  /** A granted (or pending) consent the rules refused: the address is suppressed or the contact withdrew consent. */
  consent_refused: boolean
}

const comparable = (value: unknown): string | null =>
  value === null || value === undefined ? null : value instanceof Date ? value.toISOString() : String(value)

/**
 * What one address's combined rows change on its contact (`existing`, or a new
 * one when null). Consent follows the plugin's rules: only a statement newer
 * than the contact's last word counts; a grant never goes to a contact that
 * withdrew consent nor to a suppressed address (and never lifts the
 * suppression); a withdrawal is recorded (the caller suppresses the address,
 * as every withdrawal does).
 */
export function planContact(existing: ExistingContact | null, incoming: ImportRowData, suppressed: boolean): ContactPlan {
  const patch: ContactPlan["patch"] = {}
  for (const column of IMPORT_CONTACT_COLUMNS) {
    const value = incoming.values[column]
    if (value === undefined) continue
    if (!existing || comparable(existing[column]) !== comparable(value)) patch[column] = value
  }
  let tags: string[] | null = null
  if (incoming.tags?.length) {
    const before = existing?.tags ?? []
    const after = [...new Set([...before, ...incoming.tags])]
    if (after.length !== before.length) tags = after
  }
  let metadata: Record<string, unknown> | null = null
  if (incoming.custom) {
    const before = existing?.metadata ?? {}
    if (Object.entries(incoming.custom).some(([key, value]) => before[key] !== value)) metadata = { ...before, ...incoming.custom }
  }
  let consent: ConsentStatement | null = null
  let refused = false
  const statement = incoming.consent
  if (statement) {
    const currentStatus = existing?.email_marketing_consent ?? "unknown"
    const currentAt = existing?.email_marketing_consent_at ? Date.parse(comparable(existing.email_marketing_consent_at)!) : null
    const newer = currentAt === null || Date.parse(statement.at) > currentAt
    if (statement.status === "denied") {
      if (newer && currentStatus !== "denied") consent = statement
    } else if (suppressed || currentStatus === "denied") {
      refused = true
    } else if (newer && currentStatus !== statement.status && !(statement.status === "pending" && currentStatus === "granted")) {
      consent = statement
    }
  }
  return { patch, tags, metadata, consent, consent_refused: refused }
}

/** Whether a plan writes anything on an existing contact. */
export function changesContact(plan: ContactPlan): boolean {
  return Object.keys(plan.patch).length > 0 || plan.tags !== null || plan.metadata !== null || plan.consent !== null
}
