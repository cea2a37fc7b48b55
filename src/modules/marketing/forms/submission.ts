import type { FormDefinition, FormHiddenField } from "./types"

/** A submission's body after the route's schema (sizes and shapes checked there). */
export type SubmissionBody = {
  anonymous_id: string
  variant: string
  values: Record<string, string>
  consent: { given: boolean; topics: string[] }
  hidden: Partial<Record<FormHiddenField, string>>
  page_url?: string | null
}

export type SubmissionProblem = { field: string; message: string }

/** What a valid submission comes to: the contact's fields, custom metadata and consent. */
export type CheckedSubmission = {
  email: string
  /** Contact fields, for the `identify` the submission makes. */
  profile: { first_name?: string; phone?: string; birth_date?: string; country_code?: string }
  /** `custom.<key>` values, by key: they land in the contact's metadata. */
  metadata: Record<string, string>
  /** Every non-empty value by field name, email normalised. */
  values: Record<string, string>
  consent_given: boolean
  /** The topics ticked (all the form's topics when it has no topic boxes but consent was given). */
  topics: string[]
  /** The form's topics not ticked: the contact opts out of these. */
  opted_out: string[]
  hidden: Partial<Record<FormHiddenField, string>>
}

const PHONE = /^\+?[0-9 ().-]{3,32}$/
const COUNTRY = /^[A-Za-z]{2}$/

function validDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const d = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value && d.getTime() < Date.now()
}

/**
 * Checks a submission against its form: the variant, each value against the
 * form's fields (an unknown field, a required one missing, a phone, date or
 * country that is not one), the consent the form requires and the topics it
 * offers, the hidden fields it declares. Every problem names its path
 * (`values.email`, `consent.given`, `hidden.utm_term`).
 */
export function checkSubmission(
  form: Pick<FormDefinition, "fields" | "consent" | "hidden_fields" | "variants">,
  body: SubmissionBody
): { ok: true; submission: CheckedSubmission } | { ok: false; problems: SubmissionProblem[] } {
  const problems: SubmissionProblem[] = []
  const fail = (field: string, message: string) => problems.push({ field, message })
  if (!form.variants.some((v) => v.id === body.variant)) fail("variant", `must be one of ${form.variants.map((v) => v.id).join(", ")}`)

  const fields = new Map(form.fields.map((f) => [f.name, f]))
  const values: Record<string, string> = {}
  for (const [name, raw] of Object.entries(body.values)) {
    if (!fields.has(name)) {
      fail(`values.${name}`, "this form has no such field")
      continue
    }
    const value = raw.trim()
    if (value) values[name] = value
  }
  for (const field of form.fields) {
    const value = values[field.name]
    if (value === undefined) {
      if (field.required) fail(`values.${field.name}`, `${field.label} is required`)
      continue
    }
    if (field.name === "phone" && !PHONE.test(value)) fail("values.phone", "must be a phone number (digits, spaces, + ( ) . -)")
    if (field.name === "birth_date" && !validDate(value)) fail("values.birth_date", "must be a date in the past as YYYY-MM-DD")
    if (field.name === "country_code" && !COUNTRY.test(value)) fail("values.country_code", "must be a 2-letter country code")
  }

  if (form.consent.required && !body.consent.given) fail("consent.given", "consent is required to sign up")
  body.consent.topics.forEach((topic, i) => {
    if (!form.consent.topics.includes(topic)) fail(`consent.topics[${i}]`, `this form offers no topic ${topic}`)
  })
  for (const key of Object.keys(body.hidden)) {
    if (!(form.hidden_fields as string[]).includes(key)) fail(`hidden.${key}`, "this form has no such hidden field")
  }
  if (problems.length) return { ok: false, problems }

  const email = values.email.toLowerCase()
  values.email = email
  const profile: CheckedSubmission["profile"] = {}
  if (values.first_name) profile.first_name = values.first_name
  if (values.phone) profile.phone = values.phone
  if (values.birth_date) profile.birth_date = values.birth_date
  if (values.country_code) profile.country_code = (values.country_code = values.country_code.toLowerCase())
  const metadata: Record<string, string> = {}
  for (const [name, value] of Object.entries(values)) {
    if (name.startsWith("custom.")) metadata[name.slice("custom.".length)] = value
  }
  const given = body.consent.given
  // One consent box and no topic boxes: consent covers every topic the form names.
  const topics = !given ? [] : body.consent.topics.length ? [...new Set(body.consent.topics)] : [...form.consent.topics]
  const opted_out = given ? form.consent.topics.filter((t) => !topics.includes(t)) : []
  const hidden: CheckedSubmission["hidden"] = {}
  for (const [key, value] of Object.entries(body.hidden)) if (typeof value === "string" && value.trim()) hidden[key as FormHiddenField] = value.trim()
  return { ok: true, submission: { email, profile, metadata, values, consent_given: given, topics, opted_out, hidden } }
}
