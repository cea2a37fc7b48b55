import { changeEmailConsent } from "../email/queue"
import type { EmailSettings } from "../email/settings"
import type { SqlRunner } from "../sql-runner"
import { BEHAVIOURAL_PROFILE_FIELDS } from "./consent"
import type { ContactProfilePatch, IngestEventsResult } from "./types"

/** Consent that needs no double opt-in: the store itself vouches for it. */
const TRUSTED_CONSENT_SOURCES = ["admin", "import", "double_opt_in"]

/** A profile patch without what only analytics consent allows us to keep. */
export function withoutBehaviour(patch: ContactProfilePatch): ContactProfilePatch {
  const copy: ContactProfilePatch = { ...patch }
  for (const field of BEHAVIOURAL_PROFILE_FIELDS) {
    delete copy[field]
  }
  return copy
}

/** Later events win, except first-touch fields, which keep the earliest. */
export function mergePatch(a: ContactProfilePatch, b: ContactProfilePatch): ContactProfilePatch {
  const merged: ContactProfilePatch = { ...a }
  for (const [key, value] of Object.entries(b)) {
    if (value === undefined) continue
    if ((key === "referrer" || key === "landing_page" || key === "first_channel") && (merged as any)[key]) continue
    ;(merged as any)[key] = value
  }
  return merged
}

/**
 * Email consent from an event: recorded with its proof (source, IP, user
 * agent). With double opt-in, a grant from the storefront waits as
 * `pending` until the confirmation link is clicked.
 */
export async function applyEmailConsent(
  em: SqlRunner,
  contactId: string,
  consent: NonNullable<ContactProfilePatch["email_marketing_consent"]>,
  settings: EmailSettings,
  result: Pick<IngestEventsResult, "email_consent_changes">
): Promise<void> {
  if (consent.status === "unknown") return
  const [row]: { email_marketing_consent: string }[] = await em.execute(
    `SELECT email_marketing_consent FROM marketing_contact WHERE id = ?`,
    [contactId]
  )
  let status: "pending" | "granted" | "denied" = consent.status
  if (status === "granted" && settings.doubleOptIn && !TRUSTED_CONSENT_SOURCES.includes(consent.source)) {
    if (row?.email_marketing_consent === "granted") return
    status = "pending"
  }
  if (!row || row.email_marketing_consent === status) return
  await changeEmailConsent(
    em,
    { contact_id: contactId, status, source: consent.source, ip_address: consent.ip, user_agent: consent.user_agent, detail: consent.detail, at: consent.at },
    settings.secret
  )
  result.email_consent_changes.push({ contact_id: contactId, status, previous: row.email_marketing_consent, source: consent.source })
}

/** Writes a contact's profile patch and widens its first and last seen times. */
export async function applyProfile(
  em: SqlRunner,
  contactId: string,
  p: ContactProfilePatch,
  first: string,
  last: string
): Promise<void> {
  const email = p.email?.trim().toLowerCase()
  await em.execute(
    `UPDATE marketing_contact SET
       email = COALESCE(?, email),
       first_name = COALESCE(?, first_name),
       last_name = COALESCE(?, last_name),
       phone = COALESCE(?, phone),
       birth_date = COALESCE(?::timestamptz, birth_date),
       age_band = COALESCE(?, age_band),
       gender = COALESCE(?, gender),
       occupation = COALESCE(?, occupation),
       company = COALESCE(?, company),
       industry = COALESCE(?, industry),
       job_title = COALESCE(?, job_title),
       country_code = COALESCE(?, country_code),
       city = COALESCE(?, city),
       locale = COALESCE(?, locale),
       timezone = COALESCE(?, timezone),
       cart_id = COALESCE(?, cart_id),
       device_type = COALESCE(?, device_type),
       os = COALESCE(?, os),
       browser = COALESCE(?, browser),
       first_utm_source = COALESCE(first_utm_source, ?),
       first_utm_medium = COALESCE(first_utm_medium, ?),
       first_utm_campaign = COALESCE(first_utm_campaign, ?),
       last_utm_source = COALESCE(?, last_utm_source),
       last_utm_medium = COALESCE(?, last_utm_medium),
       last_utm_campaign = COALESCE(?, last_utm_campaign),
       referrer = COALESCE(referrer, ?),
       landing_page = COALESCE(landing_page, ?),
       first_channel = COALESCE(first_channel, ?),
       last_channel = COALESCE(?, last_channel, ?),
       -- consent source and time change only when the status does
       analytics_consent_source = CASE WHEN ?::text IS DISTINCT FROM analytics_consent AND ?::text IS NOT NULL THEN ? ELSE analytics_consent_source END,
       analytics_consent_at = CASE WHEN ?::text IS DISTINCT FROM analytics_consent AND ?::text IS NOT NULL THEN ?::timestamptz ELSE analytics_consent_at END,
       analytics_consent = COALESCE(?, analytics_consent),
       email_marketing_consent_source = CASE WHEN ?::text IS DISTINCT FROM email_marketing_consent AND ?::text IS NOT NULL THEN ? ELSE email_marketing_consent_source END,
       email_marketing_consent_at = CASE WHEN ?::text IS DISTINCT FROM email_marketing_consent AND ?::text IS NOT NULL THEN ?::timestamptz ELSE email_marketing_consent_at END,
       email_marketing_consent = COALESCE(?, email_marketing_consent),
       advertising_consent_source = CASE WHEN ?::text IS DISTINCT FROM advertising_consent AND ?::text IS NOT NULL THEN ? ELSE advertising_consent_source END,
       advertising_consent_at = CASE WHEN ?::text IS DISTINCT FROM advertising_consent AND ?::text IS NOT NULL THEN ?::timestamptz ELSE advertising_consent_at END,
       advertising_consent = COALESCE(?, advertising_consent),
       first_seen_at = LEAST(first_seen_at, ?::timestamptz),
       last_seen_at = GREATEST(last_seen_at, ?::timestamptz),
       updated_at = now()
     WHERE id = ?`,
    [
      email ?? null,
      p.first_name ?? null,
      p.last_name ?? null,
      p.phone ?? null,
      p.birth_date ?? null,
      p.age_band ?? null,
      p.gender ?? null,
      p.occupation ?? null,
      p.company ?? null,
      p.industry ?? null,
      p.job_title ?? null,
      p.country_code?.toLowerCase() ?? null,
      p.city ?? null,
      p.locale ?? null,
      p.timezone ?? null,
      p.cart_id ?? null,
      p.device_type ?? null,
      p.os ?? null,
      p.browser ?? null,
      p.utm_source ?? null,
      p.utm_medium ?? null,
      p.utm_campaign ?? null,
      p.utm_source ?? null,
      p.utm_medium ?? null,
      p.utm_campaign ?? null,
      p.referrer ?? null,
      p.landing_page ?? null,
      p.first_channel ?? null,
      p.last_channel ?? null,
      p.first_channel ?? null,
      ...consentParams(p.analytics_consent),
      ...consentParams(p.email_marketing_consent),
      ...consentParams(p.advertising_consent),
      first,
      last,
      contactId,
    ]
  )
}

function consentParams(consent: ContactProfilePatch["analytics_consent"]): (string | null)[] {
  const status = consent?.status ?? null
  const source = consent?.source ?? null
  const at = consent?.at ?? null
  return [status, status, source, status, status, at, status]
}
