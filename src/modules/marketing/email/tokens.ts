import { createHmac, timingSafeEqual } from "crypto"

/**
 * Signed tokens for the links in emails (open pixel, click redirect,
 * unsubscribe, preferences, double opt-in confirmation). A token carries its
 * payload in the clear (base64url JSON) and an HMAC-SHA256 over it, so the
 * routes need no lookup to know what a link is for, and a tampered or
 * foreign token is refused before anything is read from it: a click token's
 * URL is only ever used as a redirect target once its signature checks out,
 * so the click route cannot be an open redirect.
 */
export const TOKEN_KINDS = {
  open: "o",
  click: "c",
  unsubscribe: "u",
  preferences: "p",
  confirm: "d",
} as const
export type TokenKind = keyof typeof TOKEN_KINDS

export type TokenPayload = {
  /** Message id (open, click; unsubscribe and preferences when sent from a message). */
  m?: string
  /** Contact id. */
  c?: string
  /** Target URL (click). */
  u?: string
  /** Expiry, seconds since the epoch (confirmation links). */
  e?: number
  /** The address the link was sent to, as a short keyed hash (confirmation links). */
  a?: string
}

/** Tokens longer than this are refused unread (URLs in emails stay well below). */
export const MAX_TOKEN_LENGTH = 4096
const SIGNATURE_BYTES = 32

const b64 = (buf: Buffer) => buf.toString("base64url")

function mac(secret: string, kind: string, body: string): Buffer {
  // The kind is part of what is signed, so a token of one kind never passes as another.
  return createHmac("sha256", secret).update(`${kind}.${body}`).digest()
}

export function signToken(kind: TokenKind, payload: TokenPayload, secret: string): string {
  if (!secret || secret.length < 16) throw new Error("The token secret must be at least 16 characters")
  const body = b64(Buffer.from(JSON.stringify(payload)))
  return `${body}.${b64(mac(secret, TOKEN_KINDS[kind], body))}`
}

/**
 * The payload of a valid token of this kind, or null: malformed, too long,
 * signed with another secret or for another kind, tampered, or expired.
 */
export function verifyToken(kind: TokenKind, token: unknown, secret: string, now: Date = new Date()): TokenPayload | null {
  if (typeof token !== "string" || token.length > MAX_TOKEN_LENGTH) return null
  const dot = token.indexOf(".")
  if (dot <= 0 || dot !== token.lastIndexOf(".")) return null
  const body = token.slice(0, dot)
  const signature = Buffer.from(token.slice(dot + 1), "base64url")
  const expected = mac(secret, TOKEN_KINDS[kind], body)
  if (signature.length !== SIGNATURE_BYTES || !timingSafeEqual(signature, expected)) return null
  let payload: unknown
  try {
    payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8"))
  } catch {
    return null
  }
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return null
  const p = payload as TokenPayload
  if (p.e !== undefined && (typeof p.e !== "number" || p.e * 1000 < now.getTime())) return null
  if (p.u !== undefined && !isHttpUrl(p.u)) return null
  return p
}

/** Only absolute http(s) URLs are ever redirect targets. */
export function isHttpUrl(value: unknown): value is string {
  if (typeof value !== "string") return false
  try {
    const url = new URL(value)
    return url.protocol === "https:" || url.protocol === "http:"
  } catch {
    return false
  }
}
