import { createPublicKey, verify } from "crypto"

/**
 * SendGrid's Event Webhook: signature check and the events that matter to
 * suppression. SendGrid signs `timestamp + raw body` with ECDSA P-256 /
 * SHA-256 and sends the signature (base64 DER) in
 * `X-Twilio-Email-Event-Webhook-Signature` and the timestamp in
 * `X-Twilio-Email-Event-Webhook-Timestamp`; the verification key is shown in
 * SendGrid's settings as base64 DER (SubjectPublicKeyInfo).
 */
export const SENDGRID_SIGNATURE_HEADER = "x-twilio-email-event-webhook-signature"
export const SENDGRID_TIMESTAMP_HEADER = "x-twilio-email-event-webhook-timestamp"
/** Older requests are refused, so a captured request cannot be replayed later. */
export const MAX_WEBHOOK_AGE_SECONDS = 600

/**
 * A request's signature and timestamp when both are there and the timestamp
 * is recent enough to accept; null otherwise. Every webhook check starts here.
 */
export function signedAndFresh(
  input: { signature: unknown; timestamp: unknown },
  now: Date
): { signature: string; timestamp: string } | null {
  const { signature, timestamp } = input
  if (typeof signature !== "string" || typeof timestamp !== "string" || !/^\d{1,12}$/.test(timestamp)) return null
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > MAX_WEBHOOK_AGE_SECONDS) return null
  return { signature, timestamp }
}

export function verifySendgridSignature(
  input: { publicKey: string; rawBody: string | Buffer; signature: unknown; timestamp: unknown },
  now: Date = new Date()
): boolean {
  const signed = signedAndFresh(input, now)
  if (!signed) return false
  const { signature, timestamp } = signed
  try {
    const key = createPublicKey({ key: Buffer.from(input.publicKey, "base64"), format: "der", type: "spki" })
    const payload = Buffer.concat([Buffer.from(timestamp), Buffer.isBuffer(input.rawBody) ? input.rawBody : Buffer.from(input.rawBody)])
    return verify("sha256", payload, key, Buffer.from(signature, "base64"))
  } catch {
    return false
  }
}

export type DeliveryFeedback = {
  kind: "bounced" | "complained" | "unsubscribed" | "delivered" | "deferred"
  /** Hard bounces and complaints suppress; soft ones (deferred, blocked) do not. */
  permanent: boolean
  email: string
  /** Our message id, sent to SendGrid as the custom arg `marketing_message_id`. */
  message_id: string | null
  provider_message_id: string | null
  reason: string | null
  at: string
}

/** The largest time a JavaScript Date holds (±100,000,000 days). */
const MAX_DATE_MS = 8.64e15

/** The suppression-relevant events of a webhook body; anything else is ignored. */
export function parseSendgridEvents(body: unknown): DeliveryFeedback[] {
  if (!Array.isArray(body)) return []
  const out: DeliveryFeedback[] = []
  for (const e of body.slice(0, 1000)) {
    if (!e || typeof e !== "object" || typeof e.email !== "string") continue
    // Seconds since the epoch; one a Date cannot hold (a signed but absurd value) means "now".
    const ms = typeof e.timestamp === "number" ? e.timestamp * 1000 : NaN
    const at = (Math.abs(ms) <= MAX_DATE_MS ? new Date(ms) : new Date()).toISOString()
    const base = {
      email: e.email.trim().toLowerCase(),
      // Our id: a custom arg, or inside the Message-ID we set (`<mmsg_…@domain>`, SendGrid's `smtp-id`).
      message_id:
        typeof e.marketing_message_id === "string"
          ? e.marketing_message_id
          : typeof e["smtp-id"] === "string"
            ? (e["smtp-id"].match(/<(mmsg_[A-Za-z0-9]+)@/)?.[1] ?? null)
            : null,
      provider_message_id: typeof e.sg_message_id === "string" ? e.sg_message_id : null,
      reason: typeof e.reason === "string" ? e.reason.slice(0, 500) : typeof e.response === "string" ? e.response.slice(0, 500) : null,
      at,
    }
    switch (e.event) {
      case "bounce":
        // `type` is "bounce" (hard) or "blocked" (the receiver refused this time).
        out.push({ ...base, kind: "bounced", permanent: e.type !== "blocked" })
        break
      case "dropped":
        out.push({ ...base, kind: "bounced", permanent: /bounced|invalid|unsubscribed|spam/i.test(String(e.reason ?? "")) })
        break
      case "spamreport":
        out.push({ ...base, kind: "complained", permanent: true })
        break
      case "unsubscribe":
      case "group_unsubscribe":
        out.push({ ...base, kind: "unsubscribed", permanent: true })
        break
      case "delivered":
        out.push({ ...base, kind: "delivered", permanent: false })
        break
      case "deferred":
        out.push({ ...base, kind: "deferred", permanent: false })
        break
    }
  }
  return out
}
