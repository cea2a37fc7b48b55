/**
 * Date triggers, set-based: the contacts whose date field's anniversary (or
 * the day N days after it, or N days before it) is today in their own time
 * zone (the store's when unknown), once the flow's local time has come. The
 * occurrence is the year (anniversary), the day (after) or the order cycle
 * (before), so each is enrolled once however often the job runs; a day missed
 * by a stopped job is caught the next day.
 */
import { mainPredictionOrder } from "../predictions/contact-fields"
import { sql, value, type CompiledSql } from "../segments/sql"
import type { SqlRunner } from "../sql-runner"
import { minutesOf } from "./local-time"
import { activeFlowsByTrigger, enroll } from "./sql"
import type { DateTrigger } from "./types"

/** The field's date: birth dates are calendar dates (kept at UTC midnight); the others are instants, read locally. */
function fieldDate(field: DateTrigger["field"]): string {
  switch (field) {
    case "birth_date":
      return `(c.birth_date AT TIME ZONE 'UTC')::date`
    case "first_seen_at":
      return `(c.first_seen_at AT TIME ZONE z.tz)::date`
    case "last_order_at":
      return `(c.last_order_at AT TIME ZONE z.tz)::date`
    case "first_order_at":
      return `((SELECT min(e.occurred_at) FROM marketing_event e WHERE e.contact_id = c.id AND e.type = 'order_placed' AND e.deleted_at IS NULL) AT TIME ZONE z.tz)::date`
    case "expected_next_order_at":
      // `p`: the contact's main prediction row, joined below.
      return `(p.expected_next_order_at AT TIME ZONE z.tz)::date`
  }
}

/** SELECT contact_id, occurrence, context: the contacts this trigger enrolls now. */
export function dateTriggerSource(trigger: DateTrigger, now: Date, storeTimeZone: string): CompiledSql {
  const nowAt = value(now.toISOString(), "timestamptz")
  const local = sql`(${nowAt} AT TIME ZONE z.tz)`
  const timeReached = sql`(extract(hour FROM ${local}) * 60 + extract(minute FROM ${local})) >= ${value(minutesOf(trigger.at), "integer")}`
  const fd = fieldDate(trigger.field)
  const zones = sql`LEFT JOIN LATERAL (SELECT COALESCE((SELECT n.name FROM zone_names n WHERE n.name = c.timezone), ${value(storeTimeZone, "text")}) AS tz) z ON true`
  const head = sql`WITH zone_names AS MATERIALIZED (SELECT name FROM pg_timezone_names)
    SELECT c.id AS contact_id`
  const context = sql`jsonb_build_object('date_field', ${value(trigger.field, "text")})`
  const contacts =
    trigger.field === "expected_next_order_at"
      ? `marketing_contact c JOIN LATERAL (SELECT mma_pred.expected_next_order_at, mma_pred.last_order_at FROM marketing_contact_prediction mma_pred
           WHERE mma_pred.contact_id = c.id ORDER BY ${mainPredictionOrder("mma_pred")} LIMIT 1) p ON true`
      : "marketing_contact c"
  if (trigger.mode === "anniversary") {
    return sql`${head}, 'date:' || to_char(${local}::date, 'YYYY') AS occurrence, ${context} AS context
      FROM ${contacts} ${zones}
     WHERE ${fd} IS NOT NULL AND to_char(${fd}, 'MM-DD') = to_char(${local}::date, 'MM-DD') AND ${timeReached}`
  }
  if (trigger.mode === "before") {
    // A predicted date moves at each fit, so "N days before" is the first day it is at most N days
    // away (not passed), and the occurrence is the order it follows: one reminder per order cycle.
    const days = value(trigger.days, "integer")
    const from = sql`(${fd} - ${days})`
    // Candidates through the expected date's index: any currency's date within the window, a day
    // wider on each side for time zones; the main row's date then decides.
    const near = sql`c.id IN (SELECT contact_id FROM marketing_contact_prediction
       WHERE expected_next_order_at BETWEEN ${nowAt} - interval '2 days' AND ${nowAt} + (${days} + 2) * interval '1 day')`
    return sql`${head}, 'before:' || extract(epoch FROM p.last_order_at)::bigint::text AS occurrence, ${context} AS context
      FROM ${contacts} ${zones}
     WHERE ${near} AND ${fd} IS NOT NULL AND ${fd} >= ${local}::date AND ((${from} = ${local}::date AND ${timeReached}) OR ${from} < ${local}::date)`
  }
  const due = sql`(${fd} + ${value(trigger.days, "integer")})`
  return sql`${head}, 'date:' || ${due}::text AS occurrence, ${context} AS context
      FROM ${contacts} ${zones}
     WHERE ${fd} IS NOT NULL AND ((${due} = ${local}::date AND ${timeReached}) OR ${due} = ${local}::date - 1)`
}

/** Every active date-triggered flow, enrolled set-based; returns the new enrollments. */
export async function enrollDateTriggers(em: SqlRunner, input: { now: Date; store_time_zone: string }): Promise<string[]> {
  const enrolled: string[] = []
  for (const flow of await activeFlowsByTrigger(em, ["date"])) {
    const trigger = flow.definition.trigger as DateTrigger
    const rows = await enroll(em, { flow_id: flow.id, now: input.now, source: dateTriggerSource(trigger, input.now, input.store_time_zone) })
    enrolled.push(...rows.map((r) => r.id))
  }
  return enrolled
}
