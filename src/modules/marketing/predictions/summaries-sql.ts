import type { SqlRunner } from "../sql-runner"

// The models' summaries of every customer's orders, in SQL, as `summarizeOrders` defines them.

/**
 * One customer's orders in one currency, as day numbers in the store's time
 * zone (days since 1970-01-01): the whole history up to `endDay`, and the
 * calibration part (orders up to `calibrationEndDay`) the backtest fits on.
 */
export type OrderDaysRow = {
  contact_id: string
  currency_code: string
  first_day: number
  last_day: number
  /** Days with an order (several orders on one day are one). */
  order_days: number
  historic_value: number
  /** Sum of the values of the days after the first. */
  repeat_value: number
  /** Calibration: null when the first order came after `calibrationEndDay`. */
  calibration_last_day: number | null
  calibration_order_days: number
  /** Days with an order in (calibrationEndDay, endDay]: all repeat orders of a calibration customer. */
  holdout_order_days: number
}

export type OrderSummaries = {
  rows: OrderDaysRow[]
  /**
   * Per currency: repeat order days per week since that currency's first
   * order day (`start_day`), of the customers who first ordered by `calibrationEndDay`.
   */
  weeks: Map<string, { start_day: number; repeat_days_by_week: number[] }>
}

/**
 * Reads every customer's order days, canceled orders left out (an
 * `order_canceled` event names its order), per currency. One pass over the
 * order events (through the type index), grouped per (contact, currency, day)
 * into a temporary table the two summaries read.
 */
export async function readOrderSummaries(
  em: SqlRunner,
  input: { timeZone: string; endDay: number; calibrationEndDay: number; contactId?: string }
): Promise<OrderSummaries> {
  const { timeZone, endDay, calibrationEndDay } = input
  // One contact's orders only (a live update after an order), through the (contact, type, time) index.
  const one = input.contactId ? " AND contact_id = ?" : ""
  const contact = input.contactId ? [input.contactId] : []
  await em.execute(`DROP TABLE IF EXISTS mma_order_days`)
  await em.execute(
    `CREATE TEMP TABLE mma_order_days AS
     WITH canceled AS (
       SELECT DISTINCT contact_id, properties ->> 'order_id' AS order_id FROM marketing_event
        WHERE type = 'order_canceled' AND deleted_at IS NULL AND contact_id IS NOT NULL AND properties ->> 'order_id' IS NOT NULL${one}),
     o AS (
       SELECT e.contact_id, lower(e.properties ->> 'currency_code') AS currency_code,
              ((e.occurred_at AT TIME ZONE ?::text)::date - DATE '1970-01-01') AS day,
              CASE WHEN jsonb_typeof(e.properties -> 'total') = 'number' THEN (e.properties ->> 'total')::float8 ELSE 0 END AS value
         FROM marketing_event e
         JOIN marketing_contact c ON c.id = e.contact_id AND c.deleted_at IS NULL
         LEFT JOIN canceled x ON x.contact_id = e.contact_id AND x.order_id = e.properties ->> 'order_id'
        WHERE e.type = 'order_placed' AND e.deleted_at IS NULL AND e.contact_id IS NOT NULL AND x.order_id IS NULL
          AND e.properties ->> 'currency_code' IS NOT NULL${one.replace("contact_id", "e.contact_id")})
     SELECT contact_id, currency_code, day, sum(value) AS value, min(day) OVER (PARTITION BY contact_id, currency_code) AS first_day
       FROM o WHERE day <= ? GROUP BY contact_id, currency_code, day`,
    [...contact, timeZone, ...contact, endDay]
  )
  const rows: OrderDaysRow[] = (
    await em.execute(
      `SELECT contact_id, currency_code, min(day) AS first_day, max(day) AS last_day, count(*)::int AS order_days,
              sum(value)::float8 AS historic_value, COALESCE(sum(value) FILTER (WHERE day > first_day), 0)::float8 AS repeat_value,
              max(day) FILTER (WHERE day <= ?) AS calibration_last_day,
              count(*) FILTER (WHERE day <= ?)::int AS calibration_order_days,
              count(*) FILTER (WHERE day > ? AND first_day <= ?)::int AS holdout_order_days
         FROM mma_order_days GROUP BY contact_id, currency_code`,
      [calibrationEndDay, calibrationEndDay, calibrationEndDay, calibrationEndDay]
    )
  ).map((r: Record<string, unknown>) => ({
    ...(r as OrderDaysRow),
    first_day: Number(r.first_day),
    last_day: Number(r.last_day),
    calibration_last_day: r.calibration_last_day == null ? null : Number(r.calibration_last_day),
  }))
  const byWeek: { currency_code: string; start_day: number; week: number; n: number }[] = await em.execute(
    `WITH s AS (SELECT currency_code, min(first_day) AS start_day FROM mma_order_days GROUP BY currency_code)
     SELECT d.currency_code, s.start_day, ((d.day - s.start_day) / 7)::int AS week, count(*)::int AS n
       FROM mma_order_days d JOIN s USING (currency_code)
      WHERE d.day > d.first_day AND d.first_day <= ? GROUP BY 1, 2, 3 ORDER BY 1, 3`,
    [calibrationEndDay]
  )
  await em.execute(`DROP TABLE mma_order_days`)
  const weeks = new Map<string, { start_day: number; repeat_days_by_week: number[] }>()
  for (const r of rows) {
    const w = weeks.get(r.currency_code)
    if (!w) weeks.set(r.currency_code, { start_day: r.first_day, repeat_days_by_week: [] })
    else if (r.first_day < w.start_day) w.start_day = r.first_day
  }
  for (const w of weeks.values()) w.repeat_days_by_week = new Array<number>(Math.floor((endDay - w.start_day) / 7) + 1).fill(0)
  for (const b of byWeek) {
    const w = weeks.get(b.currency_code)
    if (w && b.week < w.repeat_days_by_week.length) w.repeat_days_by_week[b.week] = b.n
  }
  return { rows, weeks }
}

/** The day number (days since 1970-01-01) of an instant in a time zone, as the summaries count days. */
export async function dayNumber(em: SqlRunner, at: Date, timeZone: string): Promise<number> {
  const [{ day }] = await em.execute(`SELECT ((?::timestamptz AT TIME ZONE ?::text)::date - DATE '1970-01-01')::int AS day`, [
    at.toISOString(),
    timeZone,
  ])
  return Number(day)
}
