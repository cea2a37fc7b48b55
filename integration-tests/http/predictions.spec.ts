import { marketingTestRunner } from "../runner"
import { Modules } from "@medusajs/framework/utils"
import { orderCatalog, placeOrder, runWorkflow, sql, TEST_APP_DIR, waitFor } from "../helpers"
import { MBG_NBD, mbgNbdLogLikelihood, type PurchaseSummary } from "../../src/modules/marketing/predictions"

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
 * Order times of customers drawn from MBG/NBD's own story (the model the
 * nightly fit uses): first orders over the first 52 of 78 weeks, orders at
 * rate λ ~ Gamma(r, α), a stop with probability p ~ Beta(a, b) right after
 * the first order and after each repeat order. One order per day at most.
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
    const stopsAtOnce = u() < p
    while (!stopsAtOnce) {
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
    // 400 drawn customers, and two with one order each: 70 weeks ago and a week ago
    const customers = [...drawCustomers(400, 7), [NOW.getTime() - 490 * DAY], [NOW.getTime() - 7 * DAY]]
    const EUR_BUYERS = customers.length
    const contactIds = customers.map((_, i) => `mcon_pred_eur_${String(i).padStart(4, "0")}`)
    // Through the app's own workflow engine, as the nightly job runs it.
    const fit = (input: { now?: string; force?: boolean }) => runWorkflow(getContainer(), "fit-predictions", input)

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
      const result = await fit({ now: NOW.toISOString(), force: true })
      expect(result.skipped).toBe(false)
      const byCurrency = Object.fromEntries(result.fits.map((f: any) => [f.currency_code, f]))
      expect(byCurrency.eur).toMatchObject({ status: "fitted", customers: EUR_BUYERS, predictions: EUR_BUYERS })
      expect(byCurrency.usd).toMatchObject({ status: "insufficient", customers: 31, predictions: 0 })

      const [usd] = await sql(getContainer(), `SELECT * FROM marketing_prediction_fit WHERE currency_code = 'usd'`)
      expect(usd.missing).toBe("at least 200 buyers (31 so far)")
      expect(await sql(getContainer(), `SELECT 1 FROM marketing_contact_prediction WHERE currency_code = 'usd'`)).toEqual([])

      // The fitted parameters are the maximum of MBG/NBD's likelihood: at least as likely as the true ones on the same summaries.
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
      expect(eur.parameters.orders_model).toBe("mbgnbd")
      const fitted = eur.parameters.mbgnbd
      expect(mbgNbdLogLikelihood(fitted, summaries)).toBeGreaterThanOrEqual(mbgNbdLogLikelihood(TRUE, summaries) - 1e-6)
      expect(fitted.log_likelihood).toBeCloseTo(mbgNbdLogLikelihood(fitted, summaries), 3)
      expect(eur.parameters.gamma_gamma).toEqual(expect.objectContaining({ p: expect.any(Number), q: expect.any(Number), gamma: expect.any(Number) }))

      // The backtest: forecast and actual repeat orders of the last 26 weeks, and the cumulative chart to today.
      expect(eur.backtest.holdout_weeks).toBe(26)
      expect(eur.backtest.deciles).toHaveLength(10)
      expect(eur.backtest.total.actual).toBeGreaterThan(50)
      expect(Math.abs(eur.backtest.total.forecast - eur.backtest.total.actual) / eur.backtest.total.actual).toBeLessThan(0.35)
      expect(eur.backtest.cumulative.length).toBeGreaterThanOrEqual(77)
      expect(eur.timings).toEqual(expect.objectContaining({ summaries: expect.any(Number), fit: expect.any(Number), write: expect.any(Number) }))

      const rows = await sql(getContainer(), `SELECT * FROM marketing_contact_prediction WHERE currency_code = 'eur' ORDER BY contact_id`)
      expect(rows).toHaveLength(EUR_BUYERS)
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
      // MBG/NBD lets a one-order customer stop: the one silent for 70 weeks is more likely gone than last week's
      const byContact = Object.fromEntries(rows.map((r: any) => [r.contact_id, r]))
      const longAgo = byContact[contactIds[EUR_BUYERS - 2]]
      const lastWeek = byContact[contactIds[EUR_BUYERS - 1]]
      expect([longAgo.orders, lastWeek.orders]).toEqual([1, 1])
      expect(longAgo.churn_risk).toBeGreaterThan(lastWeek.churn_risk)
      expect(lastWeek.churn_risk).toBeGreaterThan(0)
    })

    it("a second run within 20 hours is skipped unless forced, and a forced one replaces the predictions", async () => {
      const later = new Date(NOW.getTime() + 3600_000).toISOString()
      await fit({ now: NOW.toISOString(), force: true })
      const skipped = await fit({ now: later })
      // Every part was fitted at NOW: the customers' fit, propensity and send times all skip.
      expect(skipped).toEqual({ skipped: true, fits: [], propensity: null, send_times: null })
      const forced = await fit({ now: later, force: true })
      expect(forced.fits.find((f: any) => f.currency_code === "eur")).toMatchObject({ status: "fitted", predictions: EUR_BUYERS })
      const [{ n, fits }] = await sql(
        getContainer(),
        `SELECT count(*)::int AS n, count(DISTINCT fit_id)::int AS fits FROM marketing_contact_prediction WHERE currency_code = 'eur'`
      )
      expect({ n, fits }).toEqual({ n: EUR_BUYERS, fits: 1 })
    })
  
    it("a customer's predictions follow their orders at once, with the latest fitted models", async () => {
      const c = getContainer()
      // Fitted now, so the store's models hold for orders placed today.
      const fitted = await fit({ force: true })
      const eur = fitted.fits.find((f: any) => f.currency_code === "eur")
      expect(eur.status).toBe("fitted")
      const catalog = await orderCatalog(c)
      const email = `buyer-${Date.now()}@example.com`
      const customer = await c.resolve(Modules.CUSTOMER).createCustomers({ email })
      await placeOrder(c, catalog, { customer_id: customer.id, email, unit_price: 80, at: new Date(Date.now() - 30 * DAY) })
      const first = await waitFor(async () => {
        const [row] = await sql(
          c,
          `SELECT p.* FROM marketing_contact_prediction p JOIN marketing_contact k ON k.id = p.contact_id WHERE k.customer_id = ?`,
          [customer.id]
        )
        return row
      })
      expect(first).toMatchObject({ fit_id: eur.id, currency_code: "eur", orders: 1, historic_value: 80, average_days_between_orders: null })
      // With the fit's own model, MBG/NBD: a one-order customer silent for 30 days has a churn risk, which BG/NBD would put at 0
      const [{ parameters }] = await sql(c, `SELECT parameters FROM marketing_prediction_fit WHERE id = ?`, [eur.id])
      const riskAfter = (days: number) => 1 - MBG_NBD.probabilityActive(parameters.mbgnbd, { repeat_orders: 0, weeks_first_to_last: 0, weeks_since_first: days / 7 })
      expect(first.churn_risk).toBeGreaterThan(0)
      // 30 days, or 31 if midnight passed between the order and the update
      expect(Math.min(...[30, 31].map((d) => Math.abs(first.churn_risk - riskAfter(d))))).toBeLessThan(1e-5)
      await placeOrder(c, catalog, { customer_id: customer.id, email, unit_price: 120 })
      const second = await waitFor(async () => {
        const [row] = await sql(
          c,
          `SELECT p.* FROM marketing_contact_prediction p JOIN marketing_contact k ON k.id = p.contact_id WHERE k.customer_id = ? AND p.orders = 2`,
          [customer.id]
        )
        return row
      })
      expect(second).toMatchObject({ fit_id: eur.id, historic_value: 200 })
      expect(second.average_days_between_orders).toBeGreaterThanOrEqual(29)
      expect(second.average_days_between_orders).toBeLessThanOrEqual(31)
      // A repeat buyer is more likely to order again within a year than the one-order customer they were.
      expect(second.predicted_orders_365).toBeGreaterThan(first.predicted_orders_365)
      // The models are still the fit's: no fit was made for these orders.
      const [latest] = await sql(c, `SELECT id FROM marketing_prediction_fit WHERE currency_code = 'eur' ORDER BY fitted_at DESC, id DESC LIMIT 1`)
      expect(latest.id).toBe(eur.id)
    })
  },
})
