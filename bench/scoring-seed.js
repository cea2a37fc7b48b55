"use strict"
/**
 * Fills the marketing tables of a bench database with N contacts and
 * `eventsPerContact` events each, set-based (INSERT … SELECT over
 * generate_series, no per-row round trips), for the recompute benchmark.
 *
 * What it looks like:
 * - contacts first seen over the last 60 days, with a mix of countries
 *   (lowercase ISO-2), devices, first-touch UTM sources and consent;
 * - one visitor (anonymous id) per contact;
 * - events spread between the contact's first and last visit: mostly page,
 *   product and category views, some searches and carts, a few
 *   `order_placed` (with total and currency), `custom:review` and email opens;
 *   properties are the ones the tracker and Medusa's subscribers send (README,
 *   "Event types"), with categories, handles, paths and queries the bench's
 *   scoring rules look at (and many they do not);
 * - every event has an idempotency key, as the tracker and Medusa's subscribers
 *   send one (ordered here rather than random, so the unique index fills sequentially).
 *
 * The tables are emptied first (TRUNCATE), so sizes do not add up. Around the
 * bulk insert, the non-unique indexes of marketing_event and its foreign key
 * are dropped and recreated afterwards (the foreign key is re-added VALIDATED,
 * the unique indexes stay), then the tables are vacuumed and analyzed and a
 * checkpoint is taken so the recompute does not pay for hint bits, autovacuum
 * or checkpoint I/O left behind by the seeding.
 */

const CATEGORIES = ["shoes", "shirts", "pants", "jackets", "accessories", "bags", "sportswear", "outlet"]
const PAGES = [
  "/",
  "/",
  "/pricing",
  "/about",
  "/blog/how-to-choose-running-shoes",
  "/blog/spring-lookbook",
  "/blog/care-guide",
  "/help/shipping",
  "/help/returns",
  "/help/size-guide",
  "/careers",
  "/careers/warehouse-associate",
  "/stores",
  "/gift-cards",
]
const QUERIES = ["running shoes", "rain jacket", "gift for him", "gift card", "black jeans", "backpack", "sale", "sneakers", "linen shirt", "wool socks"]
const COUNTRIES = ["fr", "fr", "de", "de", "de", "nl", "be", "es", "it", "gb", "gb", "us", "us", "us", "ca", "pl", "se", "ch", "br", "jp"]
const DEVICES = ["desktop", "desktop", "desktop", "mobile", "mobile", "mobile", "mobile", "tablet", "other"]
const SOURCES = ["google", "google", "google", "facebook", "instagram", "newsletter", "bing", "tiktok", "partner-blog"]
const MEDIUMS = ["cpc", "organic", "social", "email", "referral"]

/** Event types with their share (percent) and source. */
const EVENT_MIX = [
  ["page_viewed", 32, "storefront"],
  ["product_viewed", 28, "storefront"],
  ["category_viewed", 14, "storefront"],
  ["search_performed", 8, "storefront"],
  ["product_added_to_cart", 5, "storefront"],
  ["checkout_started", 2, "storefront"],
  ["cart_updated", 3, "medusa"],
  ["order_placed", 4, "medusa"],
  ["custom:review", 2, "storefront"],
  ["email_opened", 2, "email"],
]

const sqlArray = (xs) => `ARRAY[${xs.map((x) => `'${String(x).replace(/'/g, "''")}'`).join(",")}]::text[]`
/** `arr[1 + floor(r * n)]` for a random r in [0,1). */
const pick = (xs, r) => `(${sqlArray(xs)})[1 + floor(${r} * ${xs.length})::int]`

function typeCase(r) {
  let acc = 0
  const whens = EVENT_MIX.map(([type, share]) => {
    acc += share
    return `WHEN ${r} < ${acc / 100} THEN '${type}'`
  })
  if (Math.round(acc) !== 100) throw new Error(`EVENT_MIX adds up to ${acc}, not 100`)
  return `CASE ${whens.slice(0, -1).join(" ")} ELSE '${EVENT_MIX[EVENT_MIX.length - 1][0]}' END`
}

function sourceCase(typeExpr) {
  const byType = EVENT_MIX.filter(([, , s]) => s !== "storefront")
  return `CASE ${byType.map(([t, , s]) => `WHEN ${typeExpr} = '${t}' THEN '${s}'`).join(" ")} ELSE 'storefront' END`
}

/** Properties per event type, from the random numbers a, b of the row. */
function propertiesCase(t, a, b, n) {
  return `CASE ${t}
    WHEN 'page_viewed' THEN jsonb_build_object('path', ${pick(PAGES, a)}, 'title', 'Page')
    WHEN 'product_viewed' THEN jsonb_build_object('product_id', 'prod_' || (1 + floor(${b} * 500)::int), 'category', ${pick(CATEGORIES, a)}, 'price', round((15 + ${b} * 235)::numeric, 2), 'currency_code', 'eur')
    WHEN 'category_viewed' THEN jsonb_build_object('category_id', 'pcat_' || ${pick(CATEGORIES, a)}, 'handle', ${pick(CATEGORIES, a)}, 'name', initcap(${pick(CATEGORIES, a)}))
    WHEN 'search_performed' THEN jsonb_build_object('query', ${pick(QUERIES, a)}, 'results', floor(${b} * 40)::int)
    WHEN 'product_added_to_cart' THEN jsonb_build_object('product_id', 'prod_' || (1 + floor(${b} * 500)::int), 'variant_id', 'variant_' || (1 + floor(${b} * 1500)::int), 'quantity', 1 + floor(${a} * 2)::int, 'price', round((15 + ${b} * 235)::numeric, 2))
    WHEN 'checkout_started' THEN jsonb_build_object('cart_id', 'cart_bench_' || ${n}, 'total', round((20 + ${b} * 280)::numeric, 2), 'currency_code', 'eur')
    WHEN 'cart_updated' THEN jsonb_build_object('cart_id', 'cart_bench_' || ${n}, 'total', round((20 + ${b} * 280)::numeric, 2), 'currency_code', 'eur', 'item_count', 1 + floor(${a} * 4)::int)
    WHEN 'order_placed' THEN jsonb_build_object('order_id', 'order_bench_' || ${n}, 'total', round((20 + ${b} * 280)::numeric, 2), 'currency_code', 'eur', 'item_count', 1 + floor(${a} * 4)::int)
    WHEN 'custom:review' THEN jsonb_build_object('product_id', 'prod_' || (1 + floor(${b} * 500)::int), 'rating', 1 + floor(${a} * 5)::int)
    ELSE jsonb_build_object('message_id', 'msg_bench_' || ${n})
  END`
}

const contactId = (n) => `mcon_bench${String(n).padStart(8, "0")}`

/** $1: events per contact; $2, $3: first and last contact id of the range. */
const eventsSql = `INSERT INTO marketing_event (id, contact_id, type, properties, occurred_at, received_at, session_id, source, idempotency_key, created_at, updated_at)
   SELECT id, contact_id, type, ${propertiesCase("type", "a", "b", "n")},
          occurred_at, occurred_at + interval '1 second' * b, session_id,
          ${sourceCase("type")},
          CASE WHEN type IN ('order_placed', 'cart_updated') THEN type || ':' || id ELSE key END,
          occurred_at, occurred_at
     FROM (SELECT id, contact_id, n, ${typeCase("t")} AS type, a, b, occurred_at, session_id, key
             FROM (SELECT 'mevt_bench' || substr(c.id, 11) || lpad(k::text, 3, '0') AS id,
                          c.id AS contact_id,
                          substr(c.id, 11) || lpad(k::text, 3, '0') AS n,
                          random() t, random() a, random() b,
                          CASE WHEN k = 1 THEN c.first_seen_at
                               WHEN k = $1::int THEN c.last_seen_at
                               ELSE c.first_seen_at + (c.last_seen_at - c.first_seen_at) * random() END AS occurred_at,
                          'sess_' || substr(c.id, 11) || '_' || (k / 4) AS session_id,
                          -- The tracker's keys are random UUIDs; ordered ones here keep the bulk insert into
                          -- the unique index sequential (they change nothing the recompute reads).
                          'idem_bench' || substr(c.id, 11) || lpad(k::text, 3, '0') AS key
                     FROM marketing_contact c CROSS JOIN generate_series(1, $1::int) k
                    WHERE c.id BETWEEN $2 AND $3) r) e`

async function columnsOf(client, table) {
  const { rows } = await client.query(
    `select column_name from information_schema.columns where table_schema = current_schema() and table_name = $1`,
    [table]
  )
  return new Set(rows.map((r) => r.column_name))
}

async function tableExists(client, table) {
  const { rows } = await client.query(`select to_regclass($1) as t`, [table])
  return rows[0].t !== null
}

/**
 * @param {() => Promise<import("pg").Client>} connect  a new connected client to the bench database
 * @param {{ contacts: number, eventsPerContact?: number, workers?: number, log?: (m: string) => void }} opts
 * @returns {Promise<object>} timings (seconds) and row counts
 */
async function seed(connect, { contacts, eventsPerContact = 10, workers = 2, log = () => {} }) {
  const client = await connect()
  try {
    return await seedWith(client, connect, { contacts, eventsPerContact, workers, log })
  } finally {
    await client.end().catch(() => {})
  }
}

async function seedWith(client, connect, { contacts, eventsPerContact, workers, log }) {
  const timings = {}
  const step = async (name, sql, params) => {
    const t0 = process.hrtime.bigint()
    const res = await client.query(sql, params)
    timings[name] = Number((Number(process.hrtime.bigint() - t0) / 1e9 + (timings[name] || 0)).toFixed(2))
    return res
  }
  const t0 = Date.now()
  await client.query(`SET synchronous_commit = off`)
  await client.query(`SET maintenance_work_mem = '1GB'`)
  await client.query(`SET work_mem = '256MB'`)
  await client.query(`SET lock_timeout = '60s'`)
  await client.query(`SET statement_timeout = 0`)

  // Empty every table the recompute reads or writes, so sizes do not add up.
  const toEmpty = []
  for (const t of [
    "marketing_score_entry",
    "marketing_lifecycle_stage_change",
    "marketing_event",
    "marketing_visitor",
    "marketing_contact",
  ]) {
    if (await tableExists(client, t)) toEmpty.push(t)
  }
  // Other tables that reference marketing_contact (links, memberships added later) are emptied too.
  const { rows: referencing } = await client.query(
    `select distinct conrelid::regclass::text as t from pg_constraint
      where contype = 'f' and confrelid = 'marketing_contact'::regclass`
  )
  for (const { t } of referencing) if (!toEmpty.includes(t)) toEmpty.push(t)
  await step("truncate", `TRUNCATE ${toEmpty.map((t) => `"${t.replace(/"/g, "")}"`).join(", ")}`)

  // Non-unique indexes and the foreign key of marketing_event: drop now, recreate after the insert.
  const { rows: indexes } = await client.query(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
       from pg_index i where i.indrelid = 'marketing_event'::regclass and not i.indisunique and not i.indisprimary`
  )
  const { rows: fks } = await client.query(
    `select conname, pg_get_constraintdef(oid) as def from pg_constraint
      where conrelid = 'marketing_event'::regclass and contype = 'f'`
  )
  await client.query("BEGIN")
  try {
    for (const fk of fks) await client.query(`ALTER TABLE marketing_event DROP CONSTRAINT "${fk.conname}"`)
    for (const ix of indexes) await client.query(`DROP INDEX ${ix.name}`)
    await client.query("COMMIT")
  } catch (e) {
    await client.query("ROLLBACK")
    throw e
  }
  let restored = false
  const restore = async () => {
    if (restored) return
    restored = true
    // Index builds spread over `workers` connections (each build may use parallel workers too).
    const tIdx = process.hrtime.bigint()
    const queue = indexes.map((ix) => ix.def.replace(/^CREATE (UNIQUE )?INDEX /, "CREATE $1INDEX IF NOT EXISTS "))
    await Promise.all(
      Array.from({ length: Math.min(workers, queue.length) }, async (_, w) => {
        const wc = w === 0 ? client : await connect()
        try {
          await wc.query(`SET maintenance_work_mem = '512MB'`)
          for (let sql = queue.shift(); sql; sql = queue.shift()) await wc.query(sql)
        } finally {
          if (wc !== client) await wc.end().catch(() => {})
        }
      })
    )
    timings.indexes = Number((Number(process.hrtime.bigint() - tIdx) / 1e9).toFixed(2))
    for (const fk of fks) await step("foreign_key", `ALTER TABLE marketing_event ADD CONSTRAINT "${fk.conname}" ${fk.def}`)
  }

  try {
    await client.query(`SELECT setseed(0.42)`)
    const cols = await columnsOf(client, "marketing_contact")
    const now = `'${new Date().toISOString()}'::timestamptz`

    // Contacts. r1: first visit within the last 60 days; r2: how far toward now the last visit is.
    // About 1 in 4 is known by email; 60% granted analytics consent, the rest unknown.
    log(`seeding ${contacts.toLocaleString("en")} contacts`)
    await step(
      "contacts",
      `INSERT INTO marketing_contact (id, email, first_seen_at, last_seen_at, country_code, device_type,
          first_utm_source, first_utm_medium, last_utm_source, last_utm_medium, landing_page, locale,
          analytics_consent, analytics_consent_source, analytics_consent_at, email_marketing_consent, created_at, updated_at)
       SELECT id,
              CASE WHEN r5 < 0.25 THEN 'bench' || n || '@example.com' END,
              first_seen, last_seen,
              ${pick(COUNTRIES, "r3")},
              ${pick(DEVICES, "r4")},
              CASE WHEN r5 < 0.8 THEN ${pick(SOURCES, "r6")} END,
              CASE WHEN r5 < 0.8 THEN ${pick(MEDIUMS, "r6")} END,
              CASE WHEN r5 < 0.8 THEN ${pick(SOURCES, "r7")} END,
              CASE WHEN r5 < 0.8 THEN ${pick(MEDIUMS, "r7")} END,
              ${pick(PAGES, "r7")},
              ${pick(["en-GB", "fr-FR", "de-DE", "en-US", "nl-NL", "es-ES"], "r3")},
              CASE WHEN r6 < 0.6 THEN 'granted' ELSE 'unknown' END,
              CASE WHEN r6 < 0.6 THEN 'banner' END,
              CASE WHEN r6 < 0.6 THEN first_seen END,
              CASE WHEN r5 < 0.25 AND r7 < 0.5 THEN 'granted' ELSE 'unknown' END,
              first_seen, last_seen
         FROM (SELECT n, 'mcon_bench' || lpad(n::text, 8, '0') AS id,
                      ${now} - interval '60 days' * r1 AS first_seen,
                      ${now} - interval '60 days' * r1 * (1 - sqrt(r2)) AS last_seen,
                      r3, r4, r5, r6, r7
                 FROM (SELECT n, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6, random() r7
                         FROM generate_series(1, $1::int) n) g) c`,
      [contacts]
    )
    log(`contacts in ${timings.contacts} s; seeding visitors`)
    await step(
      "visitors",
      `INSERT INTO marketing_visitor (id, anonymous_id, contact_id, created_at, updated_at)
       SELECT 'mvis_bench' || substr(id, 11), 'anon-bench-' || substr(id, 11), id, first_seen_at, first_seen_at
         FROM marketing_contact`
    )

    // Events: the first at the contact's first visit, the last at its last visit, the others between.
    // Split by contact range over `workers` connections, so both cores of a small machine work.
    log(`visitors in ${timings.visitors} s; seeding ${(contacts * eventsPerContact).toLocaleString("en")} events over ${workers} connections`)
    const tEvents = process.hrtime.bigint()
    const per = Math.ceil(contacts / workers)
    await Promise.all(
      Array.from({ length: workers }, async (_, w) => {
        const lo = w * per + 1
        const hi = Math.min(contacts, (w + 1) * per)
        if (lo > hi) return
        const wc = w === 0 ? client : await connect()
        try {
          await wc.query(`SET synchronous_commit = off`)
          await wc.query(`SELECT setseed($1)`, [0.1 + w / (workers + 1)])
          await wc.query(eventsSql, [eventsPerContact, contactId(lo), contactId(hi)])
        } finally {
          if (wc !== client) await wc.end().catch(() => {})
        }
      })
    )
    timings.events = Number((Number(process.hrtime.bigint() - tEvents) / 1e9).toFixed(2))
    log(`events in ${timings.events} s; recreating ${indexes.length} indexes and ${fks.length} foreign key`)
    await restore()

    // What Medusa's order events keep on the contact (the recompute may rebuild these itself).
    if (cols.has("order_count") && cols.has("total_spent") && cols.has("last_order_at")) {
      await step(
        "order_totals",
        `UPDATE marketing_contact c
            SET order_count = o.n, total_spent = o.total, last_order_at = o.last_at, customer_id = 'cus_bench' || substr(c.id, 11)
           FROM (SELECT contact_id, count(*) AS n, sum((properties->>'total')::numeric) AS total, max(occurred_at) AS last_at
                   FROM marketing_event WHERE type = 'order_placed' GROUP BY contact_id) o
          WHERE o.contact_id = c.id`
      )
    }
  } finally {
    await restore()
  }
  log(`vacuum, analyze, checkpoint`)
  for (const t of ["marketing_contact", "marketing_visitor", "marketing_event"]) {
    await step("vacuum_analyze", `VACUUM (ANALYZE) ${t}`)
  }
  try {
    await step("checkpoint", `CHECKPOINT`)
  } catch (e) {
    /* needs superuser or pg_checkpoint; not essential */
  }
  const { rows } = await client.query(
    `select (select count(*) from marketing_contact)::int as contacts, (select count(*) from marketing_event)::int as events,
            pg_total_relation_size('marketing_event') as event_bytes`
  )
  return {
    contacts: rows[0].contacts,
    events: rows[0].events,
    event_table_mb: Math.round(Number(rows[0].event_bytes) / 2 ** 20),
    seconds: Number(((Date.now() - t0) / 1000).toFixed(1)),
    steps_seconds: timings,
  }
}

module.exports = { seed, CATEGORIES, PAGES, QUERIES, COUNTRIES, DEVICES, SOURCES, EVENT_MIX }
