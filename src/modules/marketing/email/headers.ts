import { createHmac } from "crypto"

/**
 * Headers every marketing email carries so mailbox providers can offer
 * unsubscribe next to the sender's name: `List-Unsubscribe` with an HTTPS
 * URL and a mailto, and `List-Unsubscribe-Post: List-Unsubscribe=One-Click`
 * (RFC 8058), which Gmail and Yahoo require of bulk senders. The URL must
 * accept a POST without any further confirmation.
 */
export function listUnsubscribeHeaders(input: { url: string; mailto?: string | null }): Record<string, string> {
  const url = new URL(input.url)
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("The unsubscribe URL must be http(s)")
  const parts = [`<${url.toString()}>`]
  if (input.mailto) {
    if (!/^[^\s<>@,;]+@[^\s<>@,;]+$/.test(input.mailto)) throw new Error("The unsubscribe mailto must be an email address")
    parts.push(`<mailto:${input.mailto}?subject=unsubscribe>`)
  }
  return { "List-Unsubscribe": parts.join(", "), "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" }
}

/** Email addresses compare trimmed and lowercased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase()
}

/**
 * What erasure keeps of a person: a keyed hash of their address, enough to
 * recognise it if it comes back (and not re-add it to mailings against their
 * will), not enough to recover it without the store's secret.
 */
export function suppressionHash(email: string, secret: string): string {
  return createHmac("sha256", secret).update(normalizeEmail(email)).digest("hex")
}
