/** The delimiter of a CSV's header line: the most frequent of comma, semicolon and tab outside quotes (comma on a tie). */
export function detectDelimiter(firstLine: string): "," | ";" | "\t" {
  const counts: Record<string, number> = { ",": 0, ";": 0, "\t": 0 }
  let quoted = false
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted
    else if (!quoted && ch in counts) counts[ch]++
  }
  const best = ([",", ";", "\t"] as const).reduce((a, b) => (counts[b] > counts[a] ? b : a))
  return best
}

/** Line and column (1-based) of a character offset in a text. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset)
  const line = before.split("\n").length
  return { line, column: offset - before.lastIndexOf("\n") }
}
