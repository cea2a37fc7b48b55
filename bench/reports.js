"use strict"
/**
 * Report queries over a large store, against the running bench store: the
 * marketing tables are seeded by set-based SQL (INSERT … SELECT
 * generate_series): 20 flows, BENCH_REPORTS_MESSAGES messages (default 1M) and
 * BENCH_REPORTS_ORDERS attributed orders (default 100k, 5% withdrawn, in eur
 * and usd), spread over the last 90 days, plus enrollments with a send step's
 * runs (10% holdout), A/B decisions, 100k contacts and their stage changes,
 * 3 × BENCH_REPORTS_ORDERS order_placed events over the last year and four
 * months of spend on four channels. The minutely rollup job then builds the
 * closed days' message rollups, and a late open changes each of the last 3
 * closed days, so those and today are counted live (settleRollups).
 * Then each dashboard route (flows, one flow's detail, messages, revenue,
 * funnel, channels) is called BENCH_REPORTS_CALLS times
 * (default 5) over the last 30 and the last 90 days, one request at a time;
 * the medians are reported, and the slowest median against the 500 ms target.
 */
const { Client } = require("pg")

const MESSAGES = Number(process.env.BENCH_REPORTS_MESSAGES || 1_000_000)
const ORDERS = Number(process.env.BENCH_REPORTS_ORDERS || 100_000)
const ENROLLMENTS = Number(process.env.BENCH_REPORTS_ENROLLMENTS || 200_000)
const CONTACTS = Number(process.env.BENCH_REPORTS_CONTACTS || 100_000)
const CALLS = Number(process.env.BENCH_REPORTS_CALLS || 5)
const FLOWS = 20
/** Recent closed days with a late change, so they are read from their messages (with today). */
const STALE_DAYS = Number(process.env.BENCH_REPORTS_STALE_DAYS || 3)
const TARGET_MS = 500
const DAY = 86_400_000

const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

/** The seed, one statement each; `random()` draws independent outcomes per row. */
const SEED = [
  `INSERT INTO marketing_report_settings (id, cost_per_email, currency_code)
   SELECT 'mrsets_bench', 0.002, 'eur' WHERE NOT EXISTS (SELECT 1 FROM marketing_report_settings WHERE deleted_at IS NULL)`,
  `INSERT INTO marketing_flow (id, name, status, definition, monthly_cost)
   SELECT 'mflow_bench_' || f, 'Bench flow ' || f, 'paused',
          '{"start":"send_1","steps":{"send_1":{"type":"send_email","template_id":"t","holdout_percent":10,"variants":[{"key":"a","template_id":"t"},{"key":"b","template_id":"t"}],"next":"wait_1"},"wait_1":{"type":"wait","seconds":86400,"next":"send_2"},"send_2":{"type":"send_email","template_id":"t","next":"done"},"done":{"type":"exit"}}}'::jsonb,
          CASE WHEN f % 4 = 0 THEN 50 END
     FROM generate_series(0, ${FLOWS - 1}) f`,
  `INSERT INTO marketing_contact (id, first_seen_at, last_seen_at, lifecycle_stage, first_channel)
   SELECT 'mcon_bench_' || g, now() - interval '120 days', now(),
          (ARRAY['subscriber','lead','marketing_qualified','sales_ready','customer','repeat_customer','vip','at_risk','lost'])[1 + g % 9],
          (ARRAY['direct','organic_search','paid_search','social','email','referral'])[1 + g % 6]
     FROM generate_series(1, ${CONTACTS}) g`,
  `INSERT INTO marketing_lifecycle_stage_change (id, contact_id, from_stage, to_stage, reason, changed_at)
   SELECT 'mlsc_bench_' || g, 'mcon_bench_' || g, NULL,
          (ARRAY['subscriber','lead','marketing_qualified','sales_ready','customer','repeat_customer','vip','at_risk','lost'])[1 + g % 9],
          'bench', now() - random() * interval '90 days'
     FROM generate_series(1, ${CONTACTS}) g`,
  `INSERT INTO marketing_message (id, contact_id, kind, email, status, idempotency_key, queued_at, sent_at, opened_at, clicked_at,
     machine_open_count, machine_click_count, bounced_at, soft_bounced_at, complained_at, unsubscribed_at, flow_id, flow_version_id, step_id, variant)
   SELECT 'mmsg_bench_' || g, 'mcon_bench_' || (1 + g % ${CONTACTS}), 'marketing', 'c' || g || '@example.com', 'sent', 'bench:' || g,
          q, CASE WHEN r1 < 0.98 THEN q END, CASE WHEN r1 < 0.35 THEN q + interval '1 hour' END, CASE WHEN r1 < 0.06 THEN q + interval '2 hours' END,
          CASE WHEN r2 < 0.15 THEN 1 ELSE 0 END, CASE WHEN r2 < 0.03 THEN 1 ELSE 0 END,
          CASE WHEN r1 >= 0.985 THEN q END, CASE WHEN r1 >= 0.97 AND r1 < 0.985 THEN q END,
          CASE WHEN r2 > 0.999 THEN q END, CASE WHEN r2 > 0.995 THEN q END,
          'mflow_bench_' || (g % ${FLOWS}), 'mflow_bench_' || (g % ${FLOWS}) || '_v1',
          CASE WHEN g % 3 = 0 THEN 'send_2' ELSE 'send_1' END,
          CASE WHEN g % 3 = 0 THEN NULL WHEN g % 2 = 0 THEN 'a' ELSE 'b' END
     FROM (SELECT g, now() - random() * interval '90 days' AS q, random() AS r1, random() AS r2 FROM generate_series(1, ${MESSAGES}) g) s
    ORDER BY q`, // in the order a store queues them, so a day's messages sit together as they would
  `INSERT INTO marketing_attribution (id, kind, order_id, contact_id, message_id, flow_id, flow_version_id, step_id, variant, touch, touched_at,
     amount, raw_amount, currency_code, discount_amount, raw_discount_amount, first_order, ordered_at, withdrawn_at)
   SELECT 'mattr_bench_' || g, 'order', 'order_bench_' || g, 'mcon_bench_' || (1 + g % ${CONTACTS}), 'mmsg_bench_' || g,
          'mflow_bench_' || (g % ${FLOWS}), 'mflow_bench_' || (g % ${FLOWS}) || '_v1',
          CASE WHEN g % 3 = 0 THEN 'send_2' ELSE 'send_1' END, CASE WHEN g % 3 = 0 THEN NULL WHEN g % 2 = 0 THEN 'a' ELSE 'b' END,
          'click', o, amt, jsonb_build_object('value', amt::text, 'precision', 20), CASE WHEN g % 3 = 0 THEN 'usd' ELSE 'eur' END,
          disc, jsonb_build_object('value', disc::text, 'precision', 20), g % 4 = 0, o, CASE WHEN g % 20 = 0 THEN o + interval '1 day' END
     FROM (SELECT g, now() - random() * interval '90 days' AS o, round((10 + random() * 190)::numeric, 2) AS amt,
                  CASE WHEN g % 5 = 0 THEN 5 ELSE 0 END::numeric AS disc FROM generate_series(1, ${ORDERS}) g) s`,
  `INSERT INTO marketing_attribution (id, kind, event_id, contact_id, message_id, flow_id, step_id, variant, touch, touched_at, ordered_at)
   SELECT 'mattr_bench_ap_' || g, 'appointment', 'mev_bench_' || g, 'mcon_bench_' || g, 'mmsg_bench_' || g, 'mflow_bench_' || (g % ${FLOWS}),
          'send_1', 'a', 'open', now() - random() * interval '90 days', now() - random() * interval '90 days'
     FROM generate_series(1, ${Math.round(ORDERS / 20)}) g`,
  `INSERT INTO marketing_flow_enrollment (id, flow_id, flow_version_id, contact_id, status, enrollment_key, entered_at, ended_at,
     converted_at, conversion_amount, conversion_currency_code)
   SELECT 'menr_bench_' || g, 'mflow_bench_' || (g % ${FLOWS}), 'mflow_bench_' || (g % ${FLOWS}) || '_v1', 'mcon_bench_' || (1 + g % ${CONTACTS}),
          CASE WHEN r < 0.1 THEN 'converted' ELSE 'completed' END, 'bench:' || g, e, e + interval '3 days',
          CASE WHEN r < 0.1 THEN e + interval '2 days' END, CASE WHEN r < 0.1 THEN 50 END, CASE WHEN r < 0.1 THEN (CASE WHEN g % 3 = 0 THEN 'usd' ELSE 'eur' END) END
     FROM (SELECT g, now() - random() * interval '90 days' AS e, random() AS r FROM generate_series(1, ${ENROLLMENTS}) g) s`,
  `INSERT INTO marketing_flow_step_run (id, enrollment_id, flow_id, flow_version_id, contact_id, step_id, step_type, outcome, reason, variant,
     message_id, idempotency_key, started_at, finished_at)
   SELECT 'mfsr_bench_' || e.id, e.id, e.flow_id, e.flow_version_id, e.contact_id, 'send_1', 'send_email',
          CASE WHEN h THEN 'skipped' ELSE 'completed' END, CASE WHEN h THEN 'holdout' END,
          CASE WHEN h THEN 'holdout' WHEN random() < 0.5 THEN 'a' ELSE 'b' END,
          CASE WHEN h THEN NULL ELSE 'mmsg_x_' || e.id END, 'bench:run:' || e.id, e.entered_at + interval '1 hour', e.entered_at + interval '1 hour'
     FROM (SELECT *, random() < 0.1 AS h FROM marketing_flow_enrollment WHERE id LIKE 'menr_bench_%') e`,
  // Medusa's orders as the tracker records them: ORDERS × 3 over the last year, so most of the period's orders are repeat orders.
  `INSERT INTO marketing_event (id, type, properties, occurred_at, received_at, source, contact_id)
   SELECT 'mev_bench_order_' || g, 'order_placed', '{}'::jsonb, t, t, 'medusa', 'mcon_bench_' || (1 + g % ${CONTACTS})
     FROM (SELECT g, now() - random() * interval '365 days' AS t FROM generate_series(1, ${ORDERS * 3}) g) s`,
  `INSERT INTO marketing_channel_spend (id, month, channel, amount, raw_amount, currency_code)
   SELECT 'mcsp_bench_' || m || '_' || ch, to_char(now() - (m || ' months')::interval, 'YYYY-MM'), ch, 1000,
          '{"value":"1000","precision":20}'::jsonb, 'eur'
     FROM generate_series(0, 3) m, unnest(ARRAY['paid_search','social','affiliate','email']) ch`,
  `INSERT INTO marketing_flow_ab_decision (id, flow_id, flow_version_id, step_id, metric, winner, test, p_value, confidence, samples, decided_at)
   SELECT 'mabd_bench_' || f, 'mflow_bench_' || f, 'mflow_bench_' || f || '_v1', 'send_1', 'click_rate', 'a', 'two_proportion_z', 0.01, 0.95,
          '{"a":5000,"b":5000}', now() - interval '10 days'
     FROM generate_series(0, ${FLOWS - 1}) f`,
]

async function seed(connectionString, log) {
  const db = new Client({ connectionString })
  await db.connect()
  const started = Date.now()
  try {
    for (const statement of SEED) {
      const t = Date.now()
      const r = await db.query(statement)
      log(`reports seed: ${r.rowCount} rows into ${/INSERT INTO (\w+)/.exec(statement)[1]} in ${round((Date.now() - t) / 1000)} s`)
    }
    await db.query("ANALYZE")
  } finally {
    await db.end()
  }
  return round((Date.now() - started) / 1000)
}

/**
 * Waits for the minutely rollup job (src/jobs/build-message-rollups.ts) to
 * build every closed day, then changes one message on each of the last
 * STALE_DAYS days (an open, as late engagement does), so those days and today
 * are read from their messages as they would be in a live store.
 */
async function settleRollups(connectionString, log) {
  const db = new Client({ connectionString })
  await db.connect()
  const started = Date.now()
  const pending = `SELECT count(*)::int AS n FROM generate_series(date_trunc('day', now() AT TIME ZONE 'UTC') - interval '401 days',
       date_trunc('day', now() AT TIME ZONE 'UTC') - interval '1 day', interval '1 day') g
     WHERE NOT EXISTS (SELECT 1 FROM marketing_message_rollup_day d WHERE d.day = g AT TIME ZONE 'UTC')
        OR EXISTS (SELECT 1 FROM marketing_message_rollup_stale s WHERE s.day = g AT TIME ZONE 'UTC')`
  try {
    for (;;) {
      const { rows } = await db.query(pending)
      if (!rows[0].n) break
      if (Date.now() - started > 300_000) throw new Error(`the rollup job left ${rows[0].n} days unbuilt for 5 minutes`)
      await new Promise((r) => setTimeout(r, 1000))
    }
    const builtAfter = round((Date.now() - started) / 1000)
    const { rows: [stats] } = await db.query(
      `SELECT (SELECT count(*) FROM marketing_message_rollup)::int AS rows,
              (SELECT extract(epoch FROM max(updated_at) - min(created_at)) FROM marketing_message_rollup)::float8 AS build_seconds`
    )
    log(`reports: rollups of 401 days built ${builtAfter} s after the seed (${stats.rows} rows; writes spanned ${round(stats.build_seconds)} s)`)
    for (let d = 1; d <= STALE_DAYS; d++) {
      await db.query(
        `UPDATE marketing_message SET opened_at = coalesce(opened_at, now()) WHERE id = (
           SELECT id FROM marketing_message WHERE deleted_at IS NULL
              AND queued_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - $1 * interval '1 day'
              AND queued_at < date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - ($1 - 1) * interval '1 day' LIMIT 1)`,
        [d]
      )
    }
    return { built_after_seconds: builtAfter, rollup_rows: stats.rows, build_seconds: round(stats.build_seconds) }
  } finally {
    await db.end()
  }
}

async function run({ url, token, db, log }) {
  const seedSeconds = await seed(db.connectionString, log)
  const rollups = await settleRollups(db.connectionString, log)
  const get = async (pathname) => {
    const t = process.hrtime.bigint()
    const res = await fetch(`${url}${pathname}`, { headers: { authorization: `Bearer ${token}` } })
    const body = await res.text()
    const ms = Number(process.hrtime.bigint() - t) / 1e6
    return { status: res.status, ms, body }
  }
  const routes = [
    { name: "flows", path: "/admin/marketing/reports/flows" },
    { name: "flow detail", path: "/admin/marketing/reports/flows/mflow_bench_1" },
    { name: "messages", path: "/admin/marketing/reports/messages" },
    { name: "revenue", path: "/admin/marketing/reports/revenue" },
    { name: "funnel", path: "/admin/marketing/reports/funnel" },
    { name: "channels", path: "/admin/marketing/reports/channels" },
  ]
  const rows = []
  const skipped = []
  const now = Date.now()
  for (const days of [30, 90]) {
    const q = `?from=${new Date(now - days * DAY).toISOString()}&to=${new Date(now).toISOString()}`
    for (const route of routes) {
      if (skipped.includes(route.name)) continue
      const warm = await get(route.path + q) // first call not timed (plans, pool)
      if (warm.status === 404 && route.optional) {
        skipped.push(route.name)
        log(`reports: ${route.path} answers 404 on this branch: skipped`)
        continue
      }
      if (warm.status !== 200) throw new Error(`${route.path} answered ${warm.status}: ${warm.body.slice(0, 500)}`)
      const samples = []
      for (let i = 0; i < CALLS; i++) {
        const r = await get(route.path + q)
        if (r.status !== 200) throw new Error(`${route.path} answered ${r.status}: ${r.body.slice(0, 500)}`)
        samples.push(round(r.ms))
      }
      rows.push({ route: route.name, path: route.path, days, median_ms: round(median(samples)), samples_ms: samples })
      log(`reports: ${route.name} over ${days} days: median ${round(median(samples))} ms`)
    }
  }
  const slowest = rows.reduce((a, b) => (b.median_ms > a.median_ms ? b : a))
  return {
    messages: MESSAGES, orders: ORDERS, enrollments: ENROLLMENTS, contacts: CONTACTS, flows: FLOWS, calls: CALLS,
    seed_seconds: seedSeconds, rollups: { ...rollups, stale_days: STALE_DAYS }, rows, skipped, target_ms: TARGET_MS,
    slowest: { route: slowest.route, days: slowest.days, median_ms: slowest.median_ms, within_target: slowest.median_ms < TARGET_MS },
  }
}

function toMarkdown(result) {
  const fmt = (n) => n.toLocaleString("en")
  return [
    `### Reports (${fmt(result.messages)} messages, ${fmt(result.orders)} attributed orders in 2 currencies, ${fmt(result.enrollments)} enrollments with a send step's runs, ${fmt(result.contacts)} contacts; ${result.flows} flows over 90 days; seeded in ${result.seed_seconds} s, not timed)`,
    "",
    `Daily message rollups built by the minutely job ${result.rollups.built_after_seconds} s after the seed (${fmt(result.rollups.rollup_rows)} rows); ` +
      `then one message of each of the last ${result.rollups.stale_days} closed days changed, so those days and today are counted from their messages.`,
    "",
    `Each route called ${result.calls} times one at a time after one untimed call; medians.`,
    "",
    "| route | period | median ms | samples ms |",
    "|---|---:|---:|---|",
    ...result.rows.map((r) => `| ${r.route} | ${r.days} days | ${r.median_ms} | ${r.samples_ms.join(", ")} |`),
    "",
    (result.skipped.length ? `Skipped (404 on this branch): ${result.skipped.join(", ")}. ` : "") +
      `Slowest median: **${result.slowest.median_ms} ms** (${result.slowest.route}, ${result.slowest.days} days), ` +
      `${result.slowest.within_target ? "under" : "over"} the ${result.target_ms} ms target.`,
    "",
  ].join("\n")
}

module.exports = { run, toMarkdown }
