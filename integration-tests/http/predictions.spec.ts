import { marketingTestRunner } from "../runner"
import { sql, TEST_APP_DIR } from "../helpers"
import { fitPredictionsWorkflow } from "../../src/workflows/predictions"
import { bgNbdLogLikelihood, type PurchaseSummary } from "../../src/modules/marketing/predictions"

jest.setTimeout(240000)

const DAY = 86_400_000
const WEEK = 7 * DAY
// The nightly fit's "now": noon UTC, so order days are whole UTC days in the store's default time zone.
const NOW = new Date("2026-06-30T12:00:00Z")
const TRUE = { r: 0.6, alpha: 4, a: 0.7, b: 2.5 }

/** mulberry32: a seeded generator, so every run sees the same store. */
function random(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Gamma(shape, rate) by Marsaglia and Tsang (shape < 1 boosted), for the test's generator only. */
function gammaDraw(u: () => number, shape: number, rate: number): number {
  if (shape < 1) return gammaDraw(u, shape + 1, rate) * Math.pow(u(), 1 / shape)
  const d = shape - 1 / 3
  const c = 1 / Math.sqrt(9 * d)
  for (;;) {
    let x: number
    let v: number
    do {
      // Box-Muller normal
      x = Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u())
      v = 1 + c * x
    } while (v <= 0)
    v = v * v * v
    if (Math.log(1 - u()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return (d * v) / rate
  }
}

/**
 * Order times of customers drawn from BG/NBD's own story: first orders over
 * the first 52 of 78 weeks, orders at rate λ ~ Gamma(r, α), a stop with
 * probability p ~ Beta(a, b) after each repeat order. One order per day at most.
 */
function drawCustomers(n: number, seed: number): number[][] {
  const u = random(seed)
  const start = NOW.getTime() - 78 * WEEK
  const out: number[][] = []
  for (let i = 0; i < n; i++) {
    const lambda = gammaDraw(u, TRUE.r, TRUE.alpha)
    const ga = gammaDraw(u, TRUE.a, 1)
    const p = ga / (ga + gammaDraw(u, TRUE.b, 1))
    let t = start + Math.floor(u() * 52 * 7) * DAY
    const orders = [t]
    for (;;) {
      t += Math.ceil((-Math.log(1 - u()) / lambda) * 7) * DAY
      if (t > NOW.getTime() - DAY) break
      orders.push(t)
      if (u() < p) break
    }
    out.push(orders)
  }
  return out
}

marketingTestRunner({
  cwd: TEST_APP_DIR,
  testSuite: ({ getContainer }) => {
    const customers = drawCustomers(400, 7)
    const contactIds = customers.map((_, i) => `mcon_pred_eur_${String(i).padStart(4, "0")}`)

    beforeAll(async () => {
      const c = getContainer()
      const contacts = [...contactIds, ...Array.from({ length: 30 }, (_, i) => `mcon_pred_usd_${i}`)]
      await sql(
        c,
        `INSERT INTO marketing_contact (id, first_seen_at, last_seen_at) SELECT unnest(?::text[]), now(), now()`,
        [`{${contacts.join(",")}}`]
      )
      const events: { contact_id: string; at: number; currency: string; total: number; order_id: string }[] = []
      customers.forEach((orders, i) =>
        orders.forEach((at, k) => events.push({ contact_id: contactIds[i], at, currency: "EUR", total: 20 + ((i * 37 + k * 11) % 180), order_id: `order_${i}_${k}` }))
      )
      // A small second currency: 30 buyers, below the minimum of 200.
      for (let i = 0; i < 30; i++) {
        events.push({ contact_id: `mcon_pred_usd_${i}`, at: NOW.getTime() - (10 + i) * DAY, currency: "usd", total: 50, order_id: `usd_${i}` })
      }
      // The first eur customer also bought in usd once: never mixed into their eur figures.
      events.push({ contact_id: contactIds[0], at: NOW.getTime() - 5 * DAY, currency: "usd", total: 999, order_id: "usd_mixed" })
      // Customer 1 placed an extra order that was canceled: it does not count.
      events.push({ contact_id: contactIds[1], at: NOW.getTime() - 2 * DAY, currency: "eur", total: 500, order_id: "canceled_1" })
      await sql(
        c,
        `INSERT INTO marketing_event (id, type, properties, occurred_at, received_at, source, contact_id)
         SELECT 'mevt_pred_' || row_number() OVER (), 'order_placed', jsonb_build_object('order_id', e.order_id, 'currency_code', e.currency, 'total', e.total),
                e.at, e.at, 'medusa', e.contact_id
           FROM jsonb_to_recordset(?::jsonb) AS e (contact_id text, at timestamptz, currency text, total float8, order_id text)`,
        [JSON.stringify(events.map((e) => ({ ...e, at: new Date(e.at).toISOString() })))]
      )
      await sql(
        c,
        `INSERT INTO marketing_event (id, type, properties, occurred_at, received_at, source, contact_id)
         VALUES ('mevt_pred_cancel', 'order_canceled', '{"order_id": "canceled_1", "currency_code": "eur", "total": 500}', ?, ?, 'medusa', ?)`,
        [new Date(NOW.getTime() - DAY).toISOString(), new Date(NOW.getTime() - DAY).toISOString(), contactIds[1]]
      )
    })

    it("fits each currency apart, writes every buyer's predictions, and says which minimum a small currency misses", async () => {
      const { result } = await fitPredictionsWorkflow(getContainer()).run({ input: { now: NOW.toISOString(), force: true } })
      expect(result.skipped).toBe(false)
      const byCurrency = Object.fromEntries(result.fits.map((f: any) => [f.currency_code, f]))
      expect(byCurrency.eur).toMatchObject({ status: "fitted", customers: 400, predictions: 400 })
      expect(byCurrency.usd).toMatchObject({ status: "insufficient", customers: 31, predictions: 0 })

      const [usd] = await sql(getContainer(), `SELECT * FROM marketing_prediction_fit WHERE currency_code = 'usd'`)
      expect(usd.missing).toBe("at least 200 buyers (31 so far)")
      expect(await sql(getContainer(), `SELECT 1 FROM marketing_contact_prediction WHERE currency_code = 'usd'`)).toEqual([])

      // The fitted parameters are the maximum: at least as likely as the true ones on the same summaries.
      const [eur] = await sql(getContainer(), `SELECT * FROM marketing_prediction_fit WHERE currency_code = 'eur'`)
      const endDay = Math.floor(NOW.getTime() / DAY)
      const summaries: PurchaseSummary[] = customers.map((orders) => {
        const days = orders.map((t) => Math.floor(t / DAY))
        return {
          repeat_orders: days.length - 1,
          weeks_first_to_last: (days[days.length - 1] - days[0]) / 7,
          weeks_since_first: (endDay - days[0]) / 7,
        }
      })
      const fitted = eur.parameters.bgnbd
      expect(bgNbdLogLikelihood(fitted, summaries)).toBeGreaterThanOrEqual(bgNbdLogLikelihood(TRUE, summaries) - 1e-6)
      expect(eur.parameters.bgnbd.log_likelihood).toBeCloseTo(bgNbdLogLikelihood(fitted, summaries), 3)
      expect(eur.parameters.gamma_gamma).toEqual(expect.objectContaining({ p: expect.any(Number), q: expect.any(Number), gamma: expect.any(Number) }))

      // The backtest: forecast and actual repeat orders of the last 26 weeks, and the cumulative chart to today.
      expect(eur.backtest.holdout_weeks).toBe(26)
      expect(eur.backtest.deciles).toHaveLength(10)
      expect(eur.backtest.total.actual).toBeGreaterThan(50)
      expect(Math.abs(eur.backtest.total.forecast - eur.backtest.total.actual) / eur.backtest.total.actual).toBeLessThan(0.35)
      expect(eur.backtest.cumulative.length).toBeGreaterThanOrEqual(77)
      expect(eur.timings).toEqual(expect.objectContaining({ summaries: expect.any(Number), fit: expect.any(Number), write: expect.any(Number) }))

      const rows = await sql(getContainer(), `SELECT * FROM marketing_contact_prediction WHERE currency_code = 'eur' ORDER BY contact_id`)
      expect(rows).toHaveLength(400)
      for (const r of rows) {
        expect(r.fit_id).toBe(eur.id)
        // Stored as real, like the contact's other estimates: 6 significant digits.
        expect(r.churn_risk).toBeCloseTo(1 - r.probability_active, 5)
        expect(r.churn_risk_band).toBe(r.churn_risk < 1 / 3 ? "low" : r.churn_risk < 2 / 3 ? "medium" : "high")
        expect(r.predicted_orders_365).toBeGreaterThanOrEqual(0)
        if (r.orders === 1) expect(r.average_days_between_orders).toBeNull()
      }
      // Customer 0's usd order stays out of their eur figures; customer 1's canceled order does not count.
      const first = rows[0]
      expect(first.orders).toBe(new Set(customers[0].map((t) => Math.floor(t / DAY))).size)
      expect(first.historic_value).toBeCloseTo(customers[0].reduce((s, _, k) => s + 20 + ((k * 11) % 180), 0), 3)
      expect(rows[1].orders).toBe(new Set(customers[1].map((t) => Math.floor(t / DAY))).size)
      expect(rows.some((r: any) => r.churn_risk_band !== "low")).toBe(true)
    })

    it("a second run within 20 hours is skipped unless forced, and a forced one replaces the predictions", async () => {
      const later = new Date(NOW.getTime() + 3600_000).toISOString()
      await fitPredictionsWorkflow(getContainer()).run({ input: { now: NOW.toISOString(), force: true } })
      const skipped = await fitPredictionsWorkflow(getContainer()).run({ input: { now: later } })
      // Every part was fitted at NOW: the customers' fit, propensity and send times all skip.
      expect(skipped.result).toEqual({ skipped: true, fits: [], propensity: null, send_times: null })
      const forced = await fitPredictionsWorkflow(getContainer()).run({ input: { now: later, force: true } })
      expect(forced.result.fits.find((f: any) => f.currency_code === "eur")).toMatchObject({ status: "fitted", predictions: 400 })
      const [{ n, fits }] = await sql(
        getContainer(),
        `SELECT count(*)::int AS n, count(DISTINCT fit_id)::int AS fits FROM marketing_contact_prediction WHERE currency_code = 'eur'`
      )
      expect({ n, fits }).toEqual({ n: 400, fits: 1 })
    })
  },
})
