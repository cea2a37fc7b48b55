"use strict"
/**
 * Predictions: the nightly fit at storefront scale (issue #23). Seeds
 * BENCH_PREDICTION_CONTACTS contacts (1M), of whom BENCH_PREDICTION_CUSTOMERS
 * (300k) ordered, about 1M orders drawn from the BG/NBD story over two years,
 * then times, in interleaved rounds:
 * - a bare SELECT of the same summaries (per customer and currency: order
 *   days, first and last, value), the floor of reading the orders;
 * - the whole nightly fit (`fitPredictions`, the code the job runs, from the
 *   built plugin, in one transaction as the service runs it): summaries, both
 *   models, the backtest with its own refit, and every customer's predictions
 *   written. Its phase timings come from the fit's own record.
 * Target: the fit under 60 s.
 */
const path = require("path")
const { pgConnector, median } = require("./common")

const CONTACTS = Number(process.env.BENCH_PREDICTION_CONTACTS || 1_000_000)
const CUSTOMERS = Number(process.env.BENCH_PREDICTION_CUSTOMERS || 300_000)
const ROUNDS = Number(process.env.BENCH_PREDICTION_ROUNDS || 3)
const TARGET_S = 60
const DAY = 86_400_000
const WEEK = 7 * DAY
// The story's parameters (weeks): about 3.3 orders per customer over two years.
const STORY = { r: 0.4, alpha: 4, a: 0.7, b: 2.5 }

/** mulberry32, seeded: the same store on every run. */
function random(seed) {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Gamma(shape, rate), Marsaglia and Tsang; shape < 1 boosted. */
function gammaDraw(u, shape, rate) {
  if (shape < 1) return gammaDraw(u, shape + 1, rate) * Math.pow(u(), 1 / shape)
  const d = shape - 1 / 3
  const c = 1 / Math.sqrt(9 * d)
  for (;;) {
    let x, v
    do {
      x = Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u())
      v = 1 + c * x
    } while (v <= 0)
    v = v * v * v
    if (Math.log(1 - u()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return (d * v) / rate
  }
}

async function seed(connect, now, log) {
  const c = await connect()
  const t0 = Date.now()
  try {
    await c.query(`TRUNCATE marketing_contact_prediction, marketing_prediction_fit`)
    await c.query(`DELETE FROM marketing_event WHERE type IN ('order_placed', 'order_canceled')`)
    await c.query(
      `INSERT INTO marketing_contact (id, first_seen_at, last_seen_at)
       SELECT 'mcon_pb' || lpad(n::text, 8, '0'), now(), now() FROM generate_series(1, $1) n
       ON CONFLICT (id) DO NOTHING`,
      [CONTACTS]
    )
    const u = random(23)
    const start = now - 104 * WEEK
    let orders = 0
    let batch = { id: [], contact: [], at: [], total: [], order: [] }
    const flush = async () => {
      if (!batch.id.length) return
      await c.query(
        `INSERT INTO marketing_event (id, type, properties, occurred_at, received_at, source, contact_id)
         SELECT u.id, 'order_placed', jsonb_build_object('order_id', u.order_id, 'currency_code', 'eur', 'total', u.total),
                u.at, u.at, 'medusa', u.contact_id
           FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::float8[], $5::text[]) AS u (id, contact_id, at, total, order_id)`,
        [batch.id, batch.contact, batch.at, batch.total, batch.order]
      )
      batch = { id: [], contact: [], at: [], total: [], order: [] }
    }
    for (let i = 1; i <= CUSTOMERS; i++) {
      const contact = `mcon_pb${String(i).padStart(8, "0")}`
      const lambda = gammaDraw(u, STORY.r, STORY.alpha)
      const ga = gammaDraw(u, STORY.a, 1)
      const p = ga / (ga + gammaDraw(u, STORY.b, 1))
      const spend = 20 + gammaDraw(u, 4, 0.05)
      let t = start + u() * 100 * WEEK
      for (let k = 0; ; k++) {
        orders++
        batch.id.push(`mevt_pb${orders}`)
        batch.contact.push(contact)
        batch.at.push(new Date(t).toISOString())
        batch.total.push(Math.round(spend * (0.7 + 0.6 * u()) * 100) / 100)
        batch.order.push(`order_pb${orders}`)
        if (batch.id.length >= 50_000) await flush()
        if (k > 0 && u() < p) break
        t += (-Math.log(1 - u()) / lambda) * WEEK
        if (t >= now) break
      }
    }
    await flush()
    await c.query(`ANALYZE marketing_event`)
    await c.query(`ANALYZE marketing_contact`)
    const seconds = Math.round((Date.now() - t0) / 100) / 10
    log(`seeded ${CONTACTS.toLocaleString("en")} contacts, ${CUSTOMERS.toLocaleString("en")} customers, ${orders.toLocaleString("en")} orders in ${seconds} s`)
    return { contacts: CONTACTS, customers: CUSTOMERS, orders, seconds }
  } finally {
    await c.end()
  }
}

/** The same summaries, as a plain SELECT: order days per customer and currency, first and last, value. */
const BARE = `
  SELECT contact_id, currency_code, count(*) AS order_days, min(day) AS first_day, max(day) AS last_day, sum(value) AS value
    FROM (SELECT contact_id, lower(properties ->> 'currency_code') AS currency_code, (occurred_at AT TIME ZONE 'UTC')::date AS day,
                 sum((properties ->> 'total')::float8) AS value
            FROM marketing_event WHERE type = 'order_placed' AND deleted_at IS NULL AND contact_id IS NOT NULL
           GROUP BY 1, 2, 3) d
   GROUP BY 1, 2`

async function timeBare(connect) {
  const c = await connect()
  try {
    const t = process.hrtime.bigint()
    const { rowCount } = await c.query(BARE)
    return { seconds: Number(process.hrtime.bigint() - t) / 1e9, rows: rowCount }
  } finally {
    await c.end()
  }
}

/** The nightly fit, from the built plugin, in one transaction with the session settings a module call has. */
async function timeFit(connect, now) {
  const root = path.resolve(__dirname, "..")
  const { fitPredictions } = require(path.join(root, ".medusa/server/src/modules/marketing/predictions/fit-store.js"))
  const { parseMarketingOptions } = require(path.join(root, ".medusa/server/src/modules/marketing/options.js"))
  const options = parseMarketingOptions({}).predictions
  const c = await connect()
  const em = {
    async execute(sql, params = []) {
      let i = 0
      return (await c.query(sql.replace(/\?/g, () => `$${++i}`), params)).rows
    },
  }
  try {
    const t = process.hrtime.bigint()
    await c.query("BEGIN")
    const fits = await fitPredictions(em, { options, timeZone: "UTC", now, force: true })
    await c.query("COMMIT")
    const seconds = Number(process.hrtime.bigint() - t) / 1e9
    const [fit] = (await c.query(`SELECT * FROM marketing_prediction_fit WHERE id = $1`, [fits[0].id])).rows
    return { seconds, fit }
  } catch (e) {
    await c.query("ROLLBACK").catch(() => {})
    throw e
  } finally {
    await c.end()
  }
}

async function run({ db, log }) {
  const connect = pgConnector(db.connectionString)
  const now = new Date()
  const seeded = await seed(connect, now.getTime(), log)
  const bare = []
  const fits = []
  for (let round = 1; round <= ROUNDS; round++) {
    bare.push(await timeBare(connect))
    const fit = await timeFit(connect, new Date(now.getTime() + round * 1000))
    fits.push(fit)
    log(`round ${round}: bare SELECT ${bare.at(-1).seconds.toFixed(2)} s, nightly fit ${fit.seconds.toFixed(1)} s (${fit.fit.status}; ${JSON.stringify(fit.fit.timings)})`)
  }
  const last = fits.at(-1).fit
  const phase = (k) => median(fits.map((f) => Number(f.fit.timings?.[k] ?? 0)))
  return {
    scenario: "predictions",
    target: `nightly fit under ${TARGET_S} s at ${CONTACTS.toLocaleString("en")} contacts, ${CUSTOMERS.toLocaleString("en")} customers`,
    seed: seeded,
    rounds: ROUNDS,
    bare_select_seconds: bare.map((b) => b.seconds),
    bare_rows: bare[0].rows,
    fit_seconds: fits.map((f) => f.seconds),
    median_bare_seconds: median(bare.map((b) => b.seconds)),
    median_fit_seconds: median(fits.map((f) => f.seconds)),
    median_phases_seconds: { summaries: phase("summaries"), fit: phase("fit"), predict: phase("predict"), backtest: phase("backtest"), write: phase("write") },
    fit: {
      status: last.status,
      customers: last.customers,
      repeat_customers: last.repeat_customers,
      parameters: last.parameters,
      story: STORY,
      backtest_total: last.backtest?.total ?? null,
      mean_absolute_error: last.backtest?.mean_absolute_error ?? null,
    },
  }
}

function toMarkdown(r) {
  const s = (x) => `${x.toFixed(1)} s`
  const p = r.median_phases_seconds
  return [
    `### Predictions: the nightly fit (${r.rounds} interleaved rounds, medians; target: ${r.target})`,
    ``,
    `Seeded ${r.seed.contacts.toLocaleString("en")} contacts, ${r.seed.customers.toLocaleString("en")} customers, ${r.seed.orders.toLocaleString("en")} orders (BG/NBD story, two years).`,
    ``,
    `| bare SELECT of the summaries | nightly fit | ratio | summaries | fit | predict | backtest | write |`,
    `|---:|---:|---:|---:|---:|---:|---:|---:|`,
    `| ${s(r.median_bare_seconds)} | **${s(r.median_fit_seconds)}** | ${(r.median_fit_seconds / r.median_bare_seconds).toFixed(1)}× | ${s(p.summaries)} | ${s(p.fit)} | ${s(p.predict)} | ${s(p.backtest)} | ${s(p.write)} |`,
    ``,
    `Backtest of the last fit: ${r.fit.backtest_total ? `${Math.round(r.fit.backtest_total.forecast).toLocaleString("en")} repeat orders forecast, ${r.fit.backtest_total.actual.toLocaleString("en")} happened; mean absolute error ${r.fit.mean_absolute_error?.toFixed(3)} per customer` : "none"}.`,
  ].join("\n")
}

module.exports = { run, toMarkdown }
