import type { SqlRunner } from "../sql-runner"
import { decayFactorSql } from "../scoring/decay"
import type { LeadRow } from "./lead-features"

// Purchase propensity's rows, in SQL: every lead as of a reference time, with what they did before it and whether they then bought.

const DAY_MS = 86_400_000
/** A first order within this many days after the reference time is the outcome. */
export const PROPENSITY_HORIZON_DAYS = 30

const FIRST_ORDERS = "mma_first_orders"

/**
 * Each contact's first order (canceled orders left out: an `order_canceled`
 * event names its order) up to `now`, into a temporary table the windows read.
 */
export async function prepareFirstOrders(em: SqlRunner, now: Date): Promise<void> {
  await em.execute(`DROP TABLE IF EXISTS ${FIRST_ORDERS}`)
  await em.execute(
    `CREATE TEMP TABLE ${FIRST_ORDERS} AS
     WITH canceled AS (
       SELECT DISTINCT contact_id, properties ->> 'order_id' AS order_id FROM marketing_event
        WHERE type = 'order_canceled' AND deleted_at IS NULL AND contact_id IS NOT NULL AND properties ->> 'order_id' IS NOT NULL)
     SELECT e.contact_id, min(e.occurred_at) AS first_order_at
       FROM marketing_event e
       LEFT JOIN canceled x ON x.contact_id = e.contact_id AND x.order_id = e.properties ->> 'order_id'
      WHERE e.type = 'order_placed' AND e.deleted_at IS NULL AND e.contact_id IS NOT NULL AND x.order_id IS NULL
        AND e.occurred_at <= ?::timestamptz
      GROUP BY e.contact_id`,
    [now.toISOString()]
  )
  await em.execute(`CREATE INDEX ON ${FIRST_ORDERS} (contact_id)`)
}

export async function dropFirstOrders(em: SqlRunner): Promise<void> {
  await em.execute(`DROP TABLE IF EXISTS ${FIRST_ORDERS}`)
}

const TRACKED = ["product_viewed", "product_added_to_cart", "checkout_started", "page_viewed", "category_viewed", "search_performed"]
// `page_engaged`: the tracker's engaged time on a page (sessions and engaged time).
const COUNTED = [...TRACKED, "page_engaged", "email_opened", "email_clicked"]

/**
 * Every lead at `reference`: a contact first seen before it with no order
 * before it (`prepareFirstOrders` first). Counts come from the events of the
 * 30 days before, scores from the ledger as they stood then (engagement
 * decayed to the reference time, with the store's half-life), first channel
 * and device as the contact has them now (first touch never changes; the
 * device is the last one seen). `bought`: a first order in the 30 days after.
 */
export async function readLeadRows(em: SqlRunner, input: { reference: Date; halfLifeDays: number }): Promise<LeadRow[]> {
  const at = input.reference.toISOString()
  const from30 = new Date(input.reference.getTime() - 30 * DAY_MS).toISOString()
  const from7 = new Date(input.reference.getTime() - 7 * DAY_MS).toISOString()
  const until = new Date(input.reference.getTime() + PROPENSITY_HORIZON_DAYS * DAY_MS).toISOString()
  const rows: Record<string, unknown>[] = await em.execute(
    `WITH ev AS (
       SELECT contact_id,
              count(*) FILTER (WHERE type = 'product_viewed' AND occurred_at >= ?::timestamptz) AS product_views_7d,
              count(*) FILTER (WHERE type = 'product_viewed') AS product_views_30d,
              count(*) FILTER (WHERE type = 'product_added_to_cart' AND occurred_at >= ?::timestamptz) AS carts_7d,
              count(*) FILTER (WHERE type = 'product_added_to_cart') AS carts_30d,
              count(*) FILTER (WHERE type = 'checkout_started') AS checkouts_30d,
              count(*) FILTER (WHERE type = 'page_viewed') AS page_views_30d,
              count(DISTINCT session_id) FILTER (WHERE type = ANY(?::text[])) AS sessions_30d,
              sum(CASE WHEN jsonb_typeof(properties -> 'engaged_ms') = 'number' THEN (properties ->> 'engaged_ms')::float8 END)
                FILTER (WHERE type = 'page_engaged') AS engaged_ms_30d,
              count(*) FILTER (WHERE type = 'email_opened') AS email_opens_30d,
              count(*) FILTER (WHERE type = 'email_clicked') AS email_clicks_30d
         FROM marketing_event
        WHERE type = ANY(?::text[]) AND occurred_at >= ?::timestamptz AND occurred_at < ?::timestamptz
          AND deleted_at IS NULL AND contact_id IS NOT NULL
        GROUP BY contact_id
     ), sc AS (
       SELECT contact_id,
              COALESCE(sum(CASE WHEN component = 'engagement' THEN delta * ${decayFactorSql("occurred_at")} END), 0) AS engagement_points,
              COALESCE(sum(CASE WHEN component = 'fit' THEN delta END), 0) AS fit_points
         FROM marketing_score_entry
        WHERE component IN ('engagement', 'fit') AND occurred_at < ?::timestamptz AND deleted_at IS NULL
        GROUP BY contact_id
     )
     SELECT c.id AS contact_id, c.first_channel, c.device_type::text AS device_type,
            COALESCE(ev.product_views_7d, 0)::int AS product_views_7d, COALESCE(ev.product_views_30d, 0)::int AS product_views_30d,
            COALESCE(ev.carts_7d, 0)::int AS carts_7d, COALESCE(ev.carts_30d, 0)::int AS carts_30d,
            COALESCE(ev.checkouts_30d, 0)::int AS checkouts_30d, COALESCE(ev.page_views_30d, 0)::int AS page_views_30d,
            COALESCE(ev.sessions_30d, 0)::int AS sessions_30d, COALESCE(ev.engaged_ms_30d, 0)::float8 AS engaged_ms_30d,
            COALESCE(ev.email_opens_30d, 0)::int AS email_opens_30d, COALESCE(ev.email_clicks_30d, 0)::int AS email_clicks_30d,
            COALESCE(sc.engagement_points, 0)::float8 AS engagement_points, COALESCE(sc.fit_points, 0)::float8 AS fit_points,
            (o.first_order_at IS NOT NULL AND o.first_order_at < ?::timestamptz) AS bought
       FROM marketing_contact c
       LEFT JOIN ${FIRST_ORDERS} o ON o.contact_id = c.id
       LEFT JOIN ev ON ev.contact_id = c.id
       LEFT JOIN sc ON sc.contact_id = c.id
      WHERE c.deleted_at IS NULL AND c.first_seen_at < ?::timestamptz
        AND (o.first_order_at IS NULL OR o.first_order_at >= ?::timestamptz)
      ORDER BY c.id`,
    [from7, from7, `{${TRACKED.join(",")}}`, `{${COUNTED.join(",")}}`, from30, at, at, input.halfLifeDays, at, until, at, at]
  )
  return rows.map((r) => ({
    ...(r as LeadRow),
    engagement_points: Number(r.engagement_points),
    fit_points: Number(r.fit_points),
    engaged_ms_30d: Number(r.engaged_ms_30d),
    bought: r.bought === true,
  }))
}
