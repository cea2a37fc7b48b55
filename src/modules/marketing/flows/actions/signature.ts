import { createHmac, timingSafeEqual } from "crypto"

/** The header carrying the signature: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const WEBHOOK_SIGNATURE_HEADER = "X-Marketing-Signature"

/** HMAC-SHA256 over `${timestamp}.${body}` with the step's secret, hex. */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")
}

/** The signature header's value. `timestamp` is in Unix seconds. */
export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${webhookSignature(secret, timestamp, body)}`
}

/**
 * What a receiver does: parse the header, recompute, compare in constant
 * time, and refuse timestamps further than `toleranceSeconds` from its clock
 * (a replayed delivery).
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | undefined,
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300
): boolean {
  if (!header) return false
  const parts = new Map(
    header.split(",").map((part) => {
      const at = part.indexOf("=")
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as [string, string]
    })
  )
  const t = Number(parts.get("t"))
  const v1 = parts.get("v1") ?? ""
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds) return false
  const expected = Buffer.from(webhookSignature(secret, t, body), "hex")
  const given = Buffer.from(v1, "hex")
  return given.length === expected.length && timingSafeEqual(given, expected)
}
