/**
 * Decisions the dispatcher makes for each message, as plain functions:
 * may this message go out now, and what to do after a failed attempt.
 */

export type DeliveryContact = {
  email: string | null
  email_marketing_consent: string
  email_topics_opted_out?: string[] | null
  email_paused_until?: Date | string | null
  merged_into_id?: string | null
  deleted_at?: Date | string | null
}

export type DeliveryInput = {
  kind: "marketing" | "transactional"
  topic?: string | null
  /** Null for a send to a bare address (a test send). */
  contact: DeliveryContact | null
  /** The suppression reason stored for the address's hash, if any. */
  suppression: string | null
  requireConsent: boolean
  now: Date
}

/**
 * Why this message must not be sent, or null when it may. Hard bounces and
 * complaints stop every kind of email (a dead mailbox, or a person who reported
 * spam); everything else only stops marketing email.
 */
export function suppressionReason(input: DeliveryInput): string | null {
  if (input.suppression === "hard_bounce") return "address hard-bounced"
  // Someone who reported us as spam gets nothing from this system, confirmations included.
  if (input.suppression === "complaint") return "address suppressed (complaint)"
  if (input.kind === "transactional") return null
  if (input.suppression) return `address suppressed (${input.suppression})`
  const contact = input.contact
  if (!contact) return null
  if (contact.deleted_at) return "contact erased"
  const consent = contact.email_marketing_consent
  if (consent === "denied") return "email consent denied"
  if (consent === "pending") return "email consent pending confirmation"
  if (input.requireConsent && consent !== "granted") return "no email consent"
  if (input.topic && (contact.email_topics_opted_out ?? []).includes(input.topic)) {
    return `opted out of topic "${input.topic}"`
  }
  if (contact.email_paused_until && new Date(contact.email_paused_until).getTime() > input.now.getTime()) {
    return `email paused until ${new Date(contact.email_paused_until).toISOString()}`
  }
  return null
}

export type SendErrorClass = { transient: boolean; code: string | null }

// The SMTP provider marks its errors "(transient, SMTP 451)" / "(permanent, SMTP 550)"; the
// Notification Module keeps only the message, so the marker is what survives.
const MARKER = /\((transient|permanent), ([^)]{1,40})\)/
const TRANSIENT_HINTS =
  /\b(?:4\d\d|429|5(?:00|02|03|04))\b|timed? ?out|ETIMEDOUT|ECONN\w*|ESOCKET|EAI_AGAIN|ENOTFOUND|rate.?limit|too many requests|temporar|try again|unavailable|Could not find a notification provider|is not enabled/i
const PERMANENT_HINTS = /\b5\d\d\b|invalid (?:email|recipient|address)|does not exist|unknown user|mailbox unavailable|rejected/i

/**
 * Transient failures are retried, permanent ones are not. A provider that
 * says nothing recognisable is treated as transient: the retry budget is
 * bounded, a lost email is not.
 */
export function classifySendError(message: string): SendErrorClass {
  const marked = message.match(MARKER)
  if (marked) return { transient: marked[1] === "transient", code: marked[2] }
  if (TRANSIENT_HINTS.test(message)) return { transient: true, code: null }
  if (PERMANENT_HINTS.test(message)) return { transient: false, code: null }
  return { transient: true, code: null }
}

export const MAX_RETRY_DELAY_SECONDS = 6 * 3600

/**
 * When to try again after attempt number `attempts` failed, or null when the
 * message has used its attempts. Exponential, with ±20 % jitter so a batch
 * that failed together does not retry together.
 */
export function nextAttemptAt(input: {
  attempts: number
  maxAttempts: number
  baseDelaySeconds: number
  now: Date
  random?: () => number
}): Date | null {
  if (input.attempts >= input.maxAttempts) return null
  const exponential = input.baseDelaySeconds * 2 ** Math.max(0, input.attempts - 1)
  const jitter = 0.8 + 0.4 * (input.random ?? Math.random)()
  const seconds = Math.min(MAX_RETRY_DELAY_SECONDS, exponential * jitter)
  return new Date(input.now.getTime() + Math.round(seconds * 1000))
}
