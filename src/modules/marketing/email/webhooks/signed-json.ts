import { createHmac, timingSafeEqual } from "crypto"
import { signedAndFresh, type DeliveryFeedback } from "./sendgrid"

/**
 * The plugin's own feedback format, for SMTP setups: a bounce-mailbox parser
 * (or any script) posts `{ "events": [{ "type": "bounce" | "complaint" |
 * "unsubscribe", "email", "hard"?, "message_id"?, "reason"?, "at"? }] }` to
 * `/marketing/webhooks/email/smtp`, signed with the plugin's email secret:
 * `X-Marketing-Timestamp: <unix seconds>` and
 * `X-Marketing-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`.
 */
export const SIGNED_JSON_SIGNATURE_HEADER = "x-marketing-signature"
export const SIGNED_JSON_TIMESTAMP_HEADER = "x-marketing-timestamp"

export function signFeedback(secret: string, timestamp: string, rawBody: string | Buffer): string {
  return "sha256=" + createHmac("sha256", secret).update(`${timestamp}.`).update(rawBody).digest("hex")
}

export function verifyFeedbackSignature(
  input: { secret: string; rawBody: string | Buffer; signature: unknown; timestamp: unknown },
  now: Date = new Date()
): boolean {
  const signed = signedAndFresh(input, now)
  if (!signed) return false
  const { signature, timestamp } = signed
  const expected = Buffer.from(signFeedback(input.secret, timestamp, input.rawBody))
  const given = Buffer.from(signature)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

const KINDS = { bounce: "bounced", complaint: "complained", unsubscribe: "unsubscribed" } as const

export function parseSignedJsonFeedback(body: unknown): DeliveryFeedback[] {
  const events = (body as { events?: unknown } | null)?.events
  if (!Array.isArray(events)) return []
  const out: DeliveryFeedback[] = []
  for (const e of events.slice(0, 1000)) {
    if (!e || typeof e !== "object" || typeof e.email !== "string" || typeof e.type !== "string") continue
    if (!Object.prototype.hasOwnProperty.call(KINDS, e.type)) continue
    const kind = KINDS[e.type as keyof typeof KINDS]
    out.push({
      kind,
      permanent: kind !== "bounced" || e.hard !== false,
      email: e.email.trim().toLowerCase(),
      message_id: typeof e.message_id === "string" ? e.message_id : null,
      provider_message_id: null,
      reason: typeof e.reason === "string" ? e.reason.slice(0, 500) : null,
      at: typeof e.at === "string" && !Number.isNaN(Date.parse(e.at)) ? new Date(e.at).toISOString() : new Date().toISOString(),
    })
  }
  return out
}
