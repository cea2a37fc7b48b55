/** Does a recorded event match a trigger's, goal's or exit's EventMatch (type and property filters)? Medusa-free. */
import { evaluateCondition } from "../conditions"
import { ruleCatalog } from "../scoring/rules"
import type { EventMatch } from "./types"

export type RecordedEvent = {
  id: string
  type: string
  properties: Record<string, unknown>
  occurred_at: string
  /** When the store recorded it (the database's clock, as an enrollment's created_at). */
  recorded_at?: string
}

export function eventMatches(match: EventMatch, event: RecordedEvent, now: Date): boolean {
  if (match.type !== event.type) return false
  if (!match.where) return true
  return evaluateCondition(match.where, { properties: event.properties ?? {} }, ruleCatalog("engagement", match.type, match.where), now)
}
