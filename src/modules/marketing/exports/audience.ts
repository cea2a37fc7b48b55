import { createHash } from "node:crypto"
import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js"
import type { AudiencePlatform } from "./columns"

/**
 * Customer-list files for ad platforms. Each platform matches people by the
 * SHA-256 (hex) of a normalised email and phone; the normalisation must be
 * exactly theirs or nothing matches:
 * - email: trimmed and lower-cased (Google Customer Match, Meta custom audiences);
 * - phone: E.164. Google hashes it with the `+` (`+33612345678`), Meta
 *   without (`33612345678`: digits with the country code). `generic` uses
 *   Google's form, the one E.164 defines.
 */

export type AudienceFormat = {
  /** The header row, as each platform's file template names the columns. */
  headers: [string, string]
  /** The phone string that is hashed, from its E.164 form. */
  phone: (e164: string) => string
}

export const AUDIENCE_FORMATS: Record<AudiencePlatform, AudienceFormat> = {
  // Google Ads' Customer Match template: "Email", "Phone" (hashed values are accepted in the same columns).
  google: { headers: ["Email", "Phone"], phone: (e164) => e164 },
  // Meta's customer list identifiers: email and phone (digits with the country code, no "+").
  meta: { headers: ["email", "phone"], phone: (e164) => e164.replace(/^\+/, "") },
  generic: { headers: ["email_sha256", "phone_sha256"], phone: (e164) => e164 },
}

export function sha256Hex(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex")
}

/** Trimmed and lower-cased; null when nothing is left. */
export function normalizeAudienceEmail(email: string | null | undefined): string | null {
  if (typeof email !== "string") return null
  const normalized = email.trim().toLowerCase()
  return normalized || null
}

/**
 * The phone in E.164 (`+33612345678`), or null when it is not a valid number.
 * A national number (`06 12 34 56 78`) is read in the contact's country
 * (ISO 3166-1 alpha-2, any case); one with a `+` or `00` prefix needs none.
 */
export function normalizePhoneE164(phone: string | null | undefined, countryCode?: string | null): string | null {
  if (typeof phone !== "string" || !phone.trim()) return null
  const raw = phone.trim().replace(/^00/, "+")
  const region = countryCode && /^[a-z]{2}$/i.test(countryCode) ? (countryCode.toUpperCase() as CountryCode) : undefined
  try {
    const parsed = parsePhoneNumberFromString(raw, region)
    return parsed && parsed.isValid() ? parsed.number : null
  } catch {
    return null
  }
}

export type AudienceContact = { email: string | null; phone: string | null; country_code: string | null }

/** The hashes a contact matches by: email, phone in E.164 (Google, generic) and in digits (Meta). */
export function contactHashes(contact: AudienceContact): { email_sha256: string | null; phone_sha256: string | null; phone_digits_sha256: string | null } {
  const email = normalizeAudienceEmail(contact.email)
  const e164 = normalizePhoneE164(contact.phone, contact.country_code)
  return {
    email_sha256: email ? sha256Hex(email) : null,
    phone_sha256: e164 ? sha256Hex(AUDIENCE_FORMATS.google.phone(e164)) : null,
    phone_digits_sha256: e164 ? sha256Hex(AUDIENCE_FORMATS.meta.phone(e164)) : null,
  }
}

/** One row of the platform's file: [email hash, phone hash] (empty when missing), or null when the contact has neither. */
export function audienceRow(contact: AudienceContact, platform: AudiencePlatform): [string, string] | null {
  const format = AUDIENCE_FORMATS[platform]
  const email = normalizeAudienceEmail(contact.email)
  const e164 = normalizePhoneE164(contact.phone, contact.country_code)
  if (!email && !e164) return null
  return [email ? sha256Hex(email) : "", e164 ? sha256Hex(format.phone(e164)) : ""]
}
