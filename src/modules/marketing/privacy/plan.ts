import { normalizeEmail } from "../email/headers"

/**
 * Every plugin table, and what erasure does with it. A table that can hold a
 * row about a person is either deleted from or (suppressions) kept with its
 * links to the person cut; the others hold the store's configuration and jobs.
 * A unit test checks that every model is listed here, so a new table cannot
 * be forgotten by export and erasure.
 */
export const PRIVACY_TABLES = {
  /** With `cart_id` (the current cart) and `has_account` (whether the customer registered). */
  marketing_contact: "delete",
  marketing_visitor: "delete",
  /**
   * The person's events, and the pending cart events (`contact_id` null) of
   * every cart their events or contacts name (`cart_id`): about their cart,
   * not yet attached to them.
   */
  marketing_event: "delete",
  marketing_score_entry: "delete",
  marketing_lifecycle_stage_change: "delete",
  marketing_segment_membership: "delete",
  marketing_scoring_backlog: "delete",
  marketing_message: "delete",
  marketing_consent_record: "delete",
  /** Their flow enrolments (with the trigger's context) and every step run of them. */
  marketing_flow_enrollment: "delete",
  marketing_flow_step_run: "delete",
  /** The orders credited to their messages. */
  marketing_attribution: "delete",
  /** Their predictions (the summary of their orders the models used, with the figures). */
  marketing_contact_prediction: "delete",
  /** Their purchase propensity (a lead's probability of a first order). */
  marketing_contact_propensity: "delete",
  /** Their best send time, with their opens and clicks per hour of the week. */
  marketing_contact_send_time: "delete",
  /**
   * Staged rows of a contact import (the cells of the file, by address):
   * deleted as each batch is applied, rejected ones after 30 days, and a
   * person's (by address) on erasure.
   */
  marketing_contact_import_row: "delete",
  /** An import's file name, mapping, header, counts and who started it: no row about a person. */
  marketing_contact_import: "none",
  /** Their storefront sessions (times, pages, engaged time, landing page, source and channel). */
  marketing_session: "delete",
  /** Their signup form submissions (what they typed, the consent text they were shown, UTM and page), by contact or address. */
  marketing_form_submission: "delete",
  /** Kept (the suppression must outlive the person) with contact, message and detail cleared. */
  marketing_suppression: "unlink",
  /**
   * The record of each contact export (who, when, what, how many rows): no row
   * about a person. Its CSV file in the File Module does hold personal data;
   * erasure does not rewrite files already written: they are deleted
   * `exports.fileRetentionDays` (default 7) after they were made, so an erased
   * person is gone from every file by then (see the README's privacy section).
   */
  marketing_contact_export: "none",
  marketing_segment: "none",
  marketing_scoring_rule: "none",
  marketing_scoring_settings: "none",
  marketing_scoring_recompute: "none",
  /** The nightly retention purge's runs: cut-off and counts, nobody's row. */
  marketing_retention_run: "none",
  marketing_email_template: "none",
  marketing_flow: "none",
  marketing_flow_version: "none",
  marketing_flow_schedule: "none",
  marketing_flow_round_robin: "none",
  marketing_flow_ab_decision: "none",
  marketing_channel_spend: "none",
  /** A signup form's design and targeting: nobody's row. */
  marketing_form: "none",
  /** Views, closes and submissions per form, variant and day: counts, nobody's row. */
  marketing_form_stat: "none",
  marketing_report_settings: "none",
  /** A fit of the whole store's orders: parameters, counts and the backtest, nobody's row. */
  marketing_prediction_fit: "none",
  /** A fit of the whole store's leads: weights, counts and accuracy, nobody's row. */
  marketing_propensity_fit: "none",
  /** The store's opens and clicks per hour of the week, nobody's row. */
  marketing_send_time_pattern: "none",
  /**
   * Counts per day, flow, step and variant, nobody's row. Erasing a person
   * deletes their messages, which marks those days stale, so the counts are
   * rebuilt without them.
   */
  marketing_message_rollup: "none",
  marketing_message_rollup_day: "none",
  marketing_message_rollup_stale: "none",
} as const

export type PrivacyTable = keyof typeof PRIVACY_TABLES
export type ErasedTable = { [T in PrivacyTable]: (typeof PRIVACY_TABLES)[T] extends "delete" ? T : never }[PrivacyTable]

/** Rows deleted per table, in the order erasure deletes them. */
export type ErasureCounts = Record<ErasedTable, number>

export const ERASURE_ORDER: ErasedTable[] = [
  // The backlog first: a scoring job holding some of its rows makes erasure
  // wait until that job's ledger entries are committed, so they go too.
  "marketing_scoring_backlog",
  // Step runs before enrolments, enrolments before anything a running step could still write.
  "marketing_flow_step_run",
  "marketing_flow_enrollment",
  "marketing_attribution",
  "marketing_contact_prediction",
  "marketing_contact_propensity",
  "marketing_contact_send_time",
  "marketing_session",
  "marketing_score_entry",
  "marketing_lifecycle_stage_change",
  "marketing_segment_membership",
  "marketing_consent_record",
  "marketing_contact_import_row",
  "marketing_form_submission",
  "marketing_message",
  "marketing_event",
  "marketing_visitor",
  "marketing_contact",
]

export function emptyCounts(): ErasureCounts {
  return Object.fromEntries(ERASURE_ORDER.map((t) => [t, 0])) as ErasureCounts
}

/** The distinct, normalised addresses among these (nulls and blanks dropped), sorted. */
export function distinctEmails(emails: (string | null | undefined)[]): string[] {
  const out = new Set<string>()
  for (const email of emails) {
    if (typeof email !== "string") continue
    const normalized = normalizeEmail(email)
    if (normalized) out.add(normalized)
  }
  return [...out].sort()
}

/** What identifies a person to the plugin: the keys its ingestion and segment evaluation lock on. */
export type PersonKeys = {
  contact_ids: string[]
  customer_ids: string[]
  /** Their contacts' current carts and the carts their events name: pending cart events of these are theirs. */
  cart_ids: string[]
  anonymous_ids: string[]
  emails: string[]
}

/**
 * The advisory lock keys erasure takes, in groups, each group in the order
 * its other users take it:
 * 1. identities, as ingestion locks them (`mma:` + `0:contact`, `1:customer`,
 *    `3:cart`, `4:visitor`, sorted as strings, taken in that order);
 * 2. emails, as stitching by email locks them (`mma:2:email`), after the identities as there;
 * 3. contacts, as a merge locks them (`mma:contact:id`);
 * 4. contacts, as segment evaluation locks them (`mma:segment-contact:id`; sorted by Postgres).
 */
export function personLockKeys(keys: PersonKeys): { identities: string[]; emails: string[]; contacts: string[]; segment_contacts: string[] } {
  const identities = new Set<string>()
  for (const id of keys.contact_ids) identities.add(`0:${id}`)
  for (const id of keys.customer_ids) identities.add(`1:${id}`)
  for (const id of keys.cart_ids) identities.add(`3:${id}`)
  for (const id of keys.anonymous_ids) identities.add(`4:${id}`)
  const contactIds = [...new Set(keys.contact_ids)].sort()
  return {
    identities: [...identities].sort().map((k) => `mma:${k}`),
    emails: distinctEmails(keys.emails).map((e) => `mma:2:${e}`),
    contacts: contactIds.map((id) => `mma:contact:${id}`),
    segment_contacts: contactIds.map((id) => `mma:segment-contact:${id}`),
  }
}

/** Keys in `next` that `held` does not have (a person can grow while erasure waits for its locks). */
export function newKeys(held: Set<string>, next: string[]): string[] {
  return next.filter((k) => !held.has(k))
}

/** The lists an export holds besides the contact itself, in the file's order. */
export const EXPORT_SECTIONS = [
  "merged_contacts",
  "visitors",
  "events",
  "score_entries",
  "stage_changes",
  "segment_memberships",
  "messages",
  "consent_records",
  "suppressions",
  "flow_enrollments",
  "flow_step_runs",
  "attributions",
  "predictions",
  "propensities",
  "send_times",
  "import_rows",
  "sessions",
  "form_submissions",
] as const

export type ContactExport = {
  exported_at: string
  contact: Record<string, unknown> | null
} & Record<(typeof EXPORT_SECTIONS)[number], Record<string, unknown>[]>

/** The export of someone the plugin holds nothing about. */
export function emptyExport(now: Date = new Date()): ContactExport {
  const sections = Object.fromEntries(EXPORT_SECTIONS.map((section) => [section, []]))
  return { exported_at: now.toISOString(), contact: null, ...sections } as ContactExport
}
