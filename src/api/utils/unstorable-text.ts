import { formatIssuePath } from "./validate"

const LONE_SURROGATE = /\p{Cs}/u

/**
 * Why Postgres would refuse to store this string (text and jsonb hold neither
 * NUL nor half of a UTF-16 surrogate pair), or null when it can be stored.
 */
export function unstorableReason(text: string): string | null {
  if (text.includes("\u0000")) return "contains a NUL character, which cannot be stored"
  // With the u flag a well-formed pair is one code point: only a lone half matches.
  if (LONE_SURROGATE.test(text)) return "contains a lone surrogate (not valid Unicode), which cannot be stored"
  return null
}

const MAX_DEPTH = 64

/**
 * The first string (value or key) in a parsed body or query that cannot be
 * stored, as `{ path, reason }` with the path in the form validators use
 * (`events[0].properties.name`, or `root` for the whole); null when there is none. Nesting deeper than
 * any route accepts is reported too, so a hostile body cannot exhaust the stack.
 */
export function findUnstorableText(value: unknown, root = "body", path: PropertyKey[] = []): { path: string; reason: string } | null {
  const at = () => formatIssuePath(path) || root
  if (typeof value === "string") {
    const reason = unstorableReason(value)
    return reason ? { path: at(), reason } : null
  }
  if (!value || typeof value !== "object") return null
  if (path.length >= MAX_DEPTH) return { path: at(), reason: `nested deeper than ${MAX_DEPTH} levels` }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableText(value[i], root, [...path, i])
      if (found) return found
    }
    return null
  }
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const keyReason = unstorableReason(key)
    if (keyReason) return { path: at(), reason: `has a key that ${keyReason}` }
    const found = findUnstorableText(child, root, [...path, key])
    if (found) return found
  }
  return null
}

/**
 * The problem with a request path, if any: a segment that is not valid
 * percent-encoded UTF-8, or one that decodes to text that cannot be stored.
 */
export function pathProblem(path: string): string | null {
  for (const segment of path.split("/")) {
    let decoded: string
    try {
      decoded = decodeURIComponent(segment)
    } catch {
      return "is not valid percent-encoded UTF-8"
    }
    const reason = unstorableReason(decoded)
    if (reason) return reason
  }
  return null
}
