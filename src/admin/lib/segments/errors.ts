import { capitalize } from "../format"

const PATH_MESSAGE = /(definition(?:\.[A-Za-z_]+|\[\d+\])*)\s*:\s*(.*)$/

/**
 * The rows a server message points at, e.g. `definition.and[1].operator:
 * "gt" does not apply to string field "country_code"` → the row at
 * `definition.and[1]`. Problems are joined with "; ".
 */
export const getDefinitionErrors = (
  message: string | null | undefined,
  paths: Map<string, string>
): Map<string, string> => {
  const errors = new Map<string, string>()
  if (!message) {
    return errors
  }
  for (const part of message.split("; ")) {
    const match = part.match(PATH_MESSAGE)
    if (!match) {
      continue
    }
    const [, fullPath, text] = match
    // The deepest row whose path starts the message's path.
    let best: string | null = null
    for (const path of paths.keys()) {
      const boundary = fullPath.charAt(path.length)
      if (
        fullPath.startsWith(path) &&
        (boundary === "" || boundary === "." || boundary === "[") &&
        (!best || path.length > best.length)
      ) {
        best = path
      }
    }
    if (best) {
      const key = paths.get(best)!
      const rest = fullPath.slice(best.length).replace(/^\./, "")
      if (!errors.has(key)) {
        errors.set(key, rest ? `${rest}: ${text}` : capitalize(text))
      }
    }
  }
  return errors
}
