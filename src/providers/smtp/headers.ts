/**
 * Headers the marketing sender may set through `data.headers`. Anything else
 * (From, To, Bcc, Content-Type...) is refused: those come from the provider's
 * options and the notification itself, never from template data.
 */
const ALLOWED_HEADERS = new Map(
  [
    "List-Unsubscribe",
    "List-Unsubscribe-Post",
    "List-Id",
    "List-Help",
    "Precedence",
    "Auto-Submitted",
    "Feedback-ID",
    "X-Entity-Ref-ID",
    "X-Auto-Response-Suppress",
  ].map((name) => [name.toLowerCase(), name])
)

/** `X-Marketing-Message-Id`, `X-Marketing-Campaign`, ... are the plugin's own. */
const MARKETING_HEADER = /^x-marketing-[a-z0-9][a-z0-9-]{0,62}$/i

const MAX_HEADER_VALUE = 2000

export class HeaderError extends Error {
  constructor(message: string) {
    super(message)
    this.name = "HeaderError"
    ;(this as any).code = "EHEADER"
  }
}

/** The canonical spelling of an allowed header name, or undefined. */
export function allowedHeaderName(name: string): string | undefined {
  const known = ALLOWED_HEADERS.get(name.toLowerCase())
  if (known) return known
  if (MARKETING_HEADER.test(name)) {
    return name
      .split("-")
      .map((part) => (part.toLowerCase() === "id" ? "Id" : part.charAt(0).toUpperCase() + part.slice(1).toLowerCase()))
      .join("-")
  }
  return undefined
}

/**
 * Checks `data.headers` against the whitelist; throws a HeaderError naming the
 * header for an unknown name, a non-string value, or CR/LF (header injection).
 */
export function sanitizeHeaders(raw: unknown): Record<string, string> {
  if (raw === undefined || raw === null) return {}
  if (typeof raw !== "object" || Array.isArray(raw)) {
    throw new HeaderError("data.headers must be an object of header names to string values")
  }
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    const canonical = allowedHeaderName(name)
    if (!canonical) {
      throw new HeaderError(`data.headers.${name}: header not allowed`)
    }
    if (typeof value !== "string" && typeof value !== "number") {
      throw new HeaderError(`data.headers.${name}: expected a string`)
    }
    const text = String(value)
    if (/[\r\n\0]/.test(text)) {
      throw new HeaderError(`data.headers.${name}: CR, LF and NUL are not allowed in header values`)
    }
    if (text.length > MAX_HEADER_VALUE) {
      throw new HeaderError(`data.headers.${name}: longer than ${MAX_HEADER_VALUE} characters`)
    }
    if (canonical in headers) {
      throw new HeaderError(`data.headers.${name}: given twice`)
    }
    headers[canonical] = text
  }
  return headers
}

/** `<mailto:unsubscribe@shop.com>` from the listUnsubscribe option. */
export function mailtoUri(listUnsubscribe: string): string {
  return /^mailto:/i.test(listUnsubscribe) ? listUnsubscribe : `mailto:${listUnsubscribe}`
}

/**
 * The List-Unsubscribe value: the sender's own (an https one-click link) with
 * the store's mailto appended when it has none, or the mailto alone.
 */
export function withDefaultListUnsubscribe(
  headers: Record<string, string>,
  listUnsubscribe: string | undefined
): Record<string, string> {
  if (!listUnsubscribe) return headers
  const mailto = `<${mailtoUri(listUnsubscribe)}>`
  const current = headers["List-Unsubscribe"]
  if (!current) {
    return { ...headers, "List-Unsubscribe": mailto }
  }
  if (/<\s*mailto:/i.test(current)) {
    return headers
  }
  return { ...headers, "List-Unsubscribe": `${current}, ${mailto}` }
}
