import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { marketingTestRunner } from "../runner"
import { createAdminHeaders, sql, TEST_APP_DIR, type AdminHeaders } from "../helpers"
import { noonYesterday, seedPredictionStore } from "../predictions-seed"

jest.setTimeout(240000)

// The admin's predictions routes over a seeded store: 400 eur buyers drawn from BG/NBD, 30 usd buyers (below the
// minimum of 200). Fits started by the route run at the real time, so the store is seeded up to yesterday.

marketingTestRunner({
  cwd: TEST_APP_DIR,
  testSuite: ({ api, getContainer }) => {
    let admin: AdminHeaders
    let contactIds: string[]

    beforeAll(async () => {
      ;({ contactIds } = await seedPredictionStore((text, params) => sql(getContainer(), text, params), { now: noonYesterday() }))
    })

    beforeEach(async () => {
      admin = await createAdminHeaders(getContainer())
    })

    const get = (url: string) => api.get(url, admin)
    const status = (p: Promise<any>) => p.then((r) => r, (e) => e.response)

    /** Polls the overview until no fit runs; the fit of 430 buyers takes a few seconds. */
    async function waitForFit() {
      const deadline = Date.now() + 120_000
      for (;;) {
        const { data } = await get("/admin/marketing/predictions")
        if (!data.running) return data
        if (Date.now() > deadline) throw new Error("the fit never finished")
        await new Promise((r) => setTimeout(r, 250))
      }
    }

    it("answers before any fit, and refuses bad input naming the field", async () => {
      const { data } = await get("/admin/marketing/predictions")
      expect(data).toEqual({
        currencies: [],
        minimums: { buyers: 200, repeat_buyers: 50, history_days: 180 },
        backtest_weeks: 26,
        lifetime_years: 3,
        annual_discount_rate: 0.1,
        running: false,
        run: null,
      })
      expect((await get(`/admin/marketing/contacts/${contactIds[0]}/predictions`)).data).toEqual({ predictions: [], propensity: null })
      expect((await get("/admin/marketing/predictions/fits")).data).toEqual({ fits: [], count: 0, limit: 20, offset: 0 })

      for (const [query, field] of [
        ["limit=0", "limit"],
        ["limit=101", "limit"],
        ["offset=-1", "offset"],
        ["currency_code=eu", "currency_code"],
        ["currency_code=e1r", "currency_code"],
        ["with_backtest=yes", "with_backtest"],
      ]) {
        const res = await status(get(`/admin/marketing/predictions/fits?${query}`))
        expect({ query, status: res.status, field: res.data.field }).toEqual({ query, status: 400, field })
        expect(res.data.message).toContain(field)
      }
      const unknown = await status(get("/admin/marketing/predictions/fits?currency=eur"))
      expect(unknown.status).toBe(400)
      expect(unknown.data.message).toContain("currency")

      const missing = await status(get("/admin/marketing/contacts/mcon_nobody/predictions"))
      expect(missing.status).toBe(404)
      expect(missing.data.message).toContain("mcon_nobody")
      expect(await sql(getContainer(), `SELECT 1 FROM marketing_prediction_fit`)).toEqual([])
    })

    it("fits in the background, refuses a second fit while one runs, then shows each currency's fit and accuracy", async () => {
      const started = await api.post("/admin/marketing/predictions/fit", {}, admin)
      expect(started.status).toBe(202)
      expect(started.data.run).toMatchObject({ status: "running", finished_at: null, error: null, fits: [] })

      const second = await status(api.post("/admin/marketing/predictions/fit", {}, admin))
      expect(second.status).toBe(409)
      expect(second.data.type).toBe("conflict")
      expect(second.data.message).toMatch(/already running/)

      const overview = await waitForFit()
      expect(overview.run).toMatchObject({ id: started.data.run.id, status: "done", error: null })
      expect(overview.run.finished_at).not.toBeNull()
      expect(overview.run.fits.map((f: any) => [f.currency_code, f.status]).sort()).toEqual([["eur", "fitted"], ["usd", "insufficient"]])

      const [eur, usd] = overview.currencies
      expect(eur.currency_code).toBe("eur")
      expect(eur.fit).toMatchObject({ status: "fitted", missing: null, customers: 400, error: null })
      expect(new Date(eur.fit.fitted_at).getTime()).toBeGreaterThanOrEqual(new Date(started.data.run.started_at).getTime())
      expect(eur.fit.parameters.orders_model).toBe("mbgnbd")
      expect(eur.fit.parameters.mbgnbd).toEqual(expect.objectContaining({ r: expect.any(Number), alpha: expect.any(Number), a: expect.any(Number), b: expect.any(Number) }))
      expect(eur.fit.backtest.holdout_weeks).toBe(26)
      expect(eur.fit.backtest.deciles).toHaveLength(10)
      expect(eur.fit.backtest.total.actual).toBeGreaterThan(0)
      expect(eur.fit.backtest.cumulative.length).toBeGreaterThanOrEqual(77)
      expect(eur.predictions).toBe(400)
      expect(eur.churn_risk_bands.map((b: any) => b.band)).toEqual(["low", "medium", "high"])
      expect(eur.churn_risk_bands.reduce((s: number, b: any) => s + b.count, 0)).toBe(400)

      // The top lifetime values are the database's, highest first, with the contact's email.
      const top = await sql(
        getContainer(),
        `SELECT contact_id, predicted_lifetime_value FROM marketing_contact_prediction
          WHERE currency_code = 'eur' ORDER BY predicted_lifetime_value DESC, contact_id LIMIT 10`
      )
      expect(eur.top_lifetime_values.map((t: any) => t.contact_id)).toEqual(top.map((t) => t.contact_id))
      expect(eur.top_lifetime_values[0].email).toBe(`${top[0].contact_id.replace(/_/g, "-")}@example.com`)
      expect(eur.top_lifetime_values[0].predicted_lifetime_value).toBeCloseTo(top[0].predicted_lifetime_value, 3)

      expect(usd).toMatchObject({
        currency_code: "usd",
        fit: { status: "insufficient", missing: "at least 200 buyers (30 so far)", customers: 30, backtest: null, parameters: null },
        predictions: 0,
        top_lifetime_values: [],
      })

      // Past fits leave the backtest out unless asked for.
      const fits = (await get("/admin/marketing/predictions/fits")).data
      expect(fits.count).toBe(2)
      expect(fits.fits.every((f: any) => !("backtest" in f))).toBe(true)
      const withBacktest = (await get("/admin/marketing/predictions/fits?currency_code=EUR&with_backtest=true&limit=5")).data
      expect(withBacktest).toMatchObject({ count: 1, limit: 5, offset: 0 })
      expect(withBacktest.fits[0].id).toBe(eur.fit.id)
      expect(withBacktest.fits[0].backtest.deciles).toHaveLength(10)

      // A contact's predictions: the summary the model used and the figures, as stored, with the fit's date.
      const contact = (await get(`/admin/marketing/contacts/${contactIds[0]}/predictions`)).data.predictions
      const [row] = await sql(getContainer(), `SELECT * FROM marketing_contact_prediction WHERE contact_id = ?`, [contactIds[0]])
      expect(contact).toHaveLength(1)
      expect(contact[0]).toMatchObject({
        currency_code: "eur",
        fit_id: eur.fit.id,
        orders: row.orders,
        churn_risk_band: row.churn_risk_band,
        fitted_at: eur.fit.fitted_at,
      })
      expect(contact[0].historic_value).toBeCloseTo(row.historic_value, 3)
      expect(contact[0].predicted_lifetime_value).toBeCloseTo(row.predicted_lifetime_value, 3)
      expect(contact[0].churn_risk).toBeCloseTo(1 - contact[0].probability_active, 5)

      // Once done, another fit may start.
      const again = await api.post("/admin/marketing/predictions/fit", {}, admin)
      expect(again.status).toBe(202)
      expect(again.data.run.id).not.toBe(started.data.run.id)
      await waitForFit()
      expect((await get("/admin/marketing/predictions/fits?currency_code=eur")).data.count).toBe(2)
    })

    it("refuses a fit while another instance holds the fit's lock, and says a fit runs", async () => {
      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION) as any
      await pg.transaction(async (trx: any) => {
        // What another instance's nightly fit holds for its whole transaction.
        await trx.raw(`SELECT pg_advisory_xact_lock(hashtext('mma:predictions-fit'))`)
        expect((await get("/admin/marketing/predictions")).data.running).toBe(true)
        const refused = await status(api.post("/admin/marketing/predictions/fit", {}, admin))
        expect(refused.status).toBe(409)
        expect(refused.data.message).toMatch(/another instance/)
      })
      expect((await get("/admin/marketing/predictions")).data.running).toBe(false)
      expect(await sql(getContainer(), `SELECT 1 FROM marketing_prediction_fit`)).toEqual([])
    })
  },
})
