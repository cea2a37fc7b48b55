import { z } from "@medusajs/framework/zod"
import type { ReportPeriod } from "../../../../modules/marketing/reports/types"

const DAY = 86_400_000
/** The default period: the last 30 days up to now. */
export const DEFAULT_PERIOD_DAYS = 30
/** The longest period a report may cover. */
export const MAX_PERIOD_DAYS = 400

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/

/**
 * An ISO date or timestamp as milliseconds (a timestamp without offset is UTC),
 * or null when it is not one or names no real day. A bare date as `to` means
 * the end of that day: `end` adds a day.
 */
export function parseIsoInstant(value: string, end = false): number | null {
  const m = ISO.exec(value)
  if (!m) return null
  const [, y, mo, d, h, mi, , zone] = m
  const day = Date.UTC(Number(y), Number(mo) - 1, Number(d))
  const check = new Date(day)
  if (check.getUTCFullYear() !== Number(y) || check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)) return null
  if (h === undefined) return end ? day + DAY : day
  if (Number(h) > 23 || Number(mi) > 59) return null
  const t = Date.parse(zone ? value : value + "Z")
  return Number.isNaN(t) ? null : t
}

const instant = z.string().trim().refine((v) => parseIsoInstant(v) !== null, { message: "must be an ISO date (YYYY-MM-DD) or timestamp" })

/**
 * `from` (inclusive) and `to` (exclusive; a bare date includes that whole day),
 * both optional: the last 30 days by default, `to` defaulting to now and `from`
 * to 30 days before `to`. `from` must be before `to`, the period at most 400 days.
 */
export const periodFields = {
  from: instant.optional().meta({ description: `Start, inclusive: an ISO date or timestamp (UTC when no offset); default \`to\` minus ${DEFAULT_PERIOD_DAYS} days.` }),
  to: instant.optional().meta({ description: "End, exclusive: an ISO date (that whole day included) or timestamp; default now." }),
}

export function resolvePeriod(q: { from?: string; to?: string }, now = Date.now()): ReportPeriod {
  const to = q.to ? parseIsoInstant(q.to, true)! : now
  const from = q.from ? parseIsoInstant(q.from)! : to - DEFAULT_PERIOD_DAYS * DAY
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() }
}

/** Adds the period checks to a query schema holding `periodFields`. */
export const checkPeriod = (q: { from?: string; to?: string }, ctx: z.RefinementCtx) => {
  if ((q.from && parseIsoInstant(q.from) === null) || (q.to && parseIsoInstant(q.to) === null)) return
  const p = resolvePeriod(q)
  const from = Date.parse(p.from), to = Date.parse(p.to)
  if (from >= to) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["from"], message: `must be before to (${p.to})` })
  else if (to - from > MAX_PERIOD_DAYS * DAY) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["to"], message: `the period from ${p.from} to ${p.to} is longer than ${MAX_PERIOD_DAYS} days` })
}
