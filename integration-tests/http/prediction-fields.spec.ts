/**
 * Predictions as contact fields, after a real fit on seeded orders: the
 * lifetime value percentile, segments on prediction fields (and their rebuild
 * after a fit), fit rules (live and re-applied after a fit), templates, the
 * "days before the expected next order" date trigger and the prediction
 * built-ins. Expected answers are computed here from the stored rows.
 */
import { marketingTestRunner } from "../runner"
import { createAdminHeaders, createPublishableKey, runWorkflow, sql, storeHeaders, TEST_APP_DIR, waitFor } from "../helpers"
import { DAY, drawCustomers, seedOrderEvents, type SeedOrder } from "../prediction-orders"

jest.setTimeout(300_000)

// Far from the real clock, so the app's own minutely jobs never meet these dates.
const NOW = new Date("2030-06-30T12:00:00Z")

type Prediction = Record<string, any> & { contact_id: string; currency_code: string }

/** Each contact's main row, as the README defines it: most spent, then most orders, then the first currency code. */
function mainRows(rows: Prediction[]): Map<string, Prediction> {
  const byContact = new Map<string, Prediction[]>()
  for (const r of rows) byContact.set(r.contact_id, [...(byContact.get(r.contact_id) ?? []), r])
  const out = new Map<string, Prediction>()
  for (const [id, list] of byContact) {
    list.sort((a, b) => b.historic_value - a.historic_value || b.orders - a.orders || (a.currency_code < b.currency_code ? -1 : 1))
    out.set(id, list[0])
  }
  return out
}

const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)

marketingTestRunner({
  cwd: TEST_APP_DIR,
  pluginOptions: { predictions: { minBuyers: 100, minRepeatBuyers: 20 } },
  testSuite: ({ api, getContainer }) => {
    let admin: { headers: Record<string, string> }
    const db = (text: string, params: unknown[] = []) => sql(getContainer(), text, params)
    const marketing = () => getContainer().resolve("marketing") as any
    const run = (workflow: string, input: unknown) => runWorkflow(getContainer(), workflow, input)
    const fit = () => run("fit-predictions", { now: NOW.toISOString(), force: true })
    const predictions = async () => (await db(`SELECT * FROM marketing_contact_prediction`)) as Prediction[]
    const members = async (segmentId: string) =>
      (await db(`SELECT contact_id FROM marketing_segment_membership WHERE segment_id = ? AND exited_at IS NULL AND deleted_at IS NULL`, [segmentId]))
        .map((r: any) => r.contact_id)
        .sort()

    // 300 customers in eur, 150 in usd; the first 60 buy in both, some spending more in usd.
    const eur = drawCustomers(300, 11, NOW)
    const usd = drawCustomers(150, 12, NOW)
    const eurId = (i: number) => `mcon_pf_${String(i).padStart(3, "0")}`
    const usdId = (j: number) => (j < 60 ? eurId(j) : `mcon_pf_usd_${String(j).padStart(3, "0")}`)

    beforeAll(async () => {
      admin = await createAdminHeaders(getContainer())
      const ids = [...eur.map((_, i) => eurId(i)), ...usd.map((_, j) => usdId(j)).filter((id) => id.includes("usd"))]
      await db(
        `INSERT INTO marketing_contact (id, email, first_seen_at, last_seen_at)
         SELECT id, replace(id, '_', '-') || '@example.com', now(), now() FROM unnest(?::text[]) AS id`,
        [`{${ids.join(",")}}`]
      )
      const orders: SeedOrder[] = []
      eur.forEach((times, i) =>
        times.forEach((at, k) => orders.push({ contact_id: eurId(i), at, currency: "eur", total: 20 + ((i * 37 + k * 11) % 180), order_id: `eur_${i}_${k}` }))
      )
      usd.forEach((times, j) =>
        times.forEach((at, k) => orders.push({ contact_id: usdId(j), at, currency: "usd", total: 30 + ((j * 53 + k * 7) % 300), order_id: `usd_${j}_${k}` }))
      )
      await seedOrderEvents(getContainer(), orders, "mevt_pf_")
      // The order totals scoring keeps on the contact (read by the top-spender cut).
      await db(
        `UPDATE marketing_contact c SET order_count = x.n, total_spent = x.s
           FROM (SELECT contact_id, count(*)::int AS n, sum((properties ->> 'total')::numeric) AS s
                   FROM marketing_event WHERE type = 'order_placed' GROUP BY contact_id) x
          WHERE c.id = x.contact_id`
      )
      const result = await fit()
      expect(result.fits.map((f: any) => [f.currency_code, f.status]).sort()).toEqual([["eur", "fitted"], ["usd", "fitted"]])
    })

    it("writes each currency's lifetime value percentile, and a segment on churn band and percentile holds exactly the expected contacts", async () => {
      const rows = await predictions()
      for (const currency of ["eur", "usd"]) {
        const mine = rows.filter((r) => r.currency_code === currency)
        const values = mine.filter((r) => r.predicted_lifetime_value !== null).map((r) => r.predicted_lifetime_value as number)
        expect(values.length).toBeGreaterThan(50)
        for (const r of mine) {
          if (r.predicted_lifetime_value === null) {
            expect(r.predicted_lifetime_value_percentile).toBeNull()
            continue
          }
          const below = values.filter((v) => v < r.predicted_lifetime_value).length
          expect(r.predicted_lifetime_value_percentile).toBeCloseTo((100 * below) / (values.length - 1), 3)
        }
      }
      const main = mainRows(rows)
      // Both currencies are some contacts' main one.
      const mainCurrencies = new Set([...main.values()].map((r) => r.currency_code))
      expect([...mainCurrencies].sort()).toEqual(["eur", "usd"])
      expect([...main.values()].filter((r) => r.currency_code === "usd" && rows.some((o) => o.contact_id === r.contact_id && o.currency_code === "eur")).length).toBeGreaterThan(0)

      const expectedOf = (test: (r: Prediction) => boolean) => [...main.values()].filter(test).map((r) => r.contact_id).sort()
      const atRisk = expectedOf((r) => r.churn_risk_band === "high" && r.predicted_lifetime_value_percentile !== null && r.predicted_lifetime_value_percentile >= 80)
      const wider = expectedOf((r) => r.churn_risk_band !== "low" && r.predicted_lifetime_value_percentile !== null && r.predicted_lifetime_value_percentile >= 50)
      // The exact members are checked below; the wider set must be a real cut, neither empty nor everyone.
      expect(wider.length).toBeGreaterThan(0)
      expect(wider.length).toBeLessThan(main.size)

      const create = async (name: string, definition: unknown) => (await api.post(`/admin/marketing/segments`, { name, definition }, admin)).data.segment.id as string
      const highValueAtRisk = await create("High value at risk", {
        and: [
          { field: "churn_risk_band", operator: "eq", value: "high" },
          { field: "predicted_lifetime_value_percentile", operator: "gte", value: 80 },
        ],
      })
      const widerId = await create("Medium or high risk, top half", {
        and: [
          { field: "churn_risk_band", operator: "in", value: ["medium", "high"] },
          { field: "predicted_lifetime_value_percentile", operator: "gte", value: 50 },
        ],
      })
      expect(await members(highValueAtRisk)).toEqual(atRisk)
      expect(await members(widerId)).toEqual(wider)

      // Amounts are in the main currency, which a segment can name.
      const usdHigh = await create("Big usd customers", {
        and: [{ field: "prediction_currency_code", operator: "eq", value: "USD" }, { field: "historic_value", operator: "gte", value: 500 }],
      })
      expect(await members(usdHigh)).toEqual(expectedOf((r) => r.currency_code === "usd" && r.historic_value >= 500))

      // A fit rebuilds the segments that read predictions: memberships lost meanwhile come back.
      await db(`DELETE FROM marketing_segment_membership WHERE segment_id = ANY(?::text[])`, [`{${widerId},${usdHigh}}`])
      expect(await members(widerId)).toEqual([])
      await fit()
      const after = mainRows(await predictions())
      expect(await members(widerId)).toEqual(
        [...after.values()].filter((r) => r.churn_risk_band !== "low" && r.predicted_lifetime_value_percentile >= 50).map((r) => r.contact_id).sort()
      )
      expect((await members(usdHigh)).length).toBeGreaterThan(0)
    })

    it("scores a fit rule on a prediction field live, and re-applies it after a fit", async () => {
      const main = mainRows(await predictions())
      const high = [...main.values()].filter((r) => r.churn_risk_band === "high").map((r) => r.contact_id).sort()
      const low = [...main.values()].filter((r) => r.churn_risk_band === "low").map((r) => r.contact_id).sort()
      expect(high.length).toBeGreaterThan(0)
      const rule = await api.post(
        `/admin/marketing/scoring-rules`,
        { name: "High churn risk", kind: "fit", conditions: { field: "churn_risk_band", operator: "eq", value: "high" }, points: 7 },
        admin
      )
      expect(rule.status).toBe(200)
      const fitScore = async (id: string) => (await db(`SELECT fit_score FROM marketing_contact WHERE id = ?`, [id]))[0].fit_score

      // Live: an event from a high-risk and a low-risk contact re-checks their fit rules on their predictions.
      const pk = await createPublishableKey(getContainer())
      for (const id of [high[0], low[0]]) {
        await api.post(
          "/store/marketing/events",
          { events: [{ type: "identify", anonymous_id: `anon-${id}`, properties: { email: `${id.replace(/_/g, "-")}@example.com` } }] },
          storeHeaders(pk)
        )
      }
      await waitFor(async () => (await fitScore(high[0])) === 7)
      expect(await fitScore(low[0])).toBe(0)

      // After a fit, the rule is applied again in the background, to every contact.
      await fit()
      await waitFor(async () => {
        const [r] = await db(`SELECT status FROM marketing_scoring_recompute WHERE reason = 'Predictions refitted' ORDER BY created_at DESC LIMIT 1`)
        return r?.status === "done"
      }, 60_000)
      const scores = await db(`SELECT id, fit_score FROM marketing_contact WHERE id = ANY(?::text[])`, [`{${[...main.keys()].join(",")}}`])
      const scored = scores.filter((r: any) => r.fit_score === 7).map((r: any) => r.id).sort()
      expect(scored).toEqual(high)
    })

    it("renders the contact's predictions in templates: preview and a real send", async () => {
      const main = mainRows(await predictions())
      const contact = [...main.values()].find((r) => r.expected_next_order_at && r.predicted_lifetime_value !== null)!
      const template = await api.post(
        `/admin/marketing/templates`,
        {
          name: "Replenish",
          subject: "Next order {{contact.predicted_next_order_at}}",
          html: `<p id="p">{{contact.churn_risk_band}}|{{contact.prediction_currency_code}}|{{contact.predicted_lifetime_value_percentile}}</p>`,
        },
        admin
      )
      const id = template.data.template.id
      const expected = new Date(contact.expected_next_order_at).toISOString()
      const preview = await api.post(`/admin/marketing/templates/${id}/preview`, { contact_id: contact.contact_id }, admin)
      expect(preview.data.subject).toBe(`Next order ${expected}`)
      expect(preview.data.html).toContain(`${contact.churn_risk_band}|${contact.currency_code}|${contact.predicted_lifetime_value_percentile}`)

      const sent = await api.post(`/admin/marketing/templates/${id}/test-send`, { to: "owner@shop.test", contact_id: contact.contact_id }, admin)
      const [message] = await db(`SELECT subject FROM marketing_message WHERE id = ?`, [sent.data.message.id])
      expect(message.subject).toBe(`Next order ${expected}`)
    })

    it("enrolls a contact 3 days before their expected next order date, at the flow's time, once", async () => {
      const main = mainRows(await predictions())
      const nowDay = utcDay(NOW.getTime())
      // A contact whose expected date is at least 5 days after the fit.
      const target = [...main.values()]
        .filter((r) => r.expected_next_order_at && utcDay(new Date(r.expected_next_order_at).getTime()) >= utcDay(NOW.getTime() + 5 * DAY))
        .sort((a, b) => +new Date(a.expected_next_order_at) - +new Date(b.expected_next_order_at))[0]
      expect(target).toBeDefined()
      const definition = {
        trigger: { type: "date", field: "expected_next_order_at", mode: "before", days: 3, at: "09:00" },
        reentry: { policy: "every_time" },
        start: "tag",
        steps: { tag: { type: "update_contact", add_tags: ["replenish"] } },
      }
      const flow = await marketing().createFlows({ name: "Replenishment", status: "active", definition, version_count: 1, published_at: new Date() })
      const version = await marketing().createFlowVersions({ flow_id: flow.id, version: 1, definition, trigger_type: "date", published_at: new Date() })
      await marketing().updateFlows({ id: flow.id, active_version_id: version.id })
      const enrolled = async () =>
        (await db(`SELECT contact_id FROM marketing_flow_enrollment WHERE flow_id = ?`, [flow.id])).map((r: any) => r.contact_id).sort()
      const expectedDay = new Date(target.expected_next_order_at).getTime()
      const dayOf = (daysBefore: number, hhmm: string) => new Date(`${utcDay(expectedDay - daysBefore * DAY)}T${hhmm}:00Z`).toISOString()
      // Contacts (in UTC: no time zone of their own, the store's is UTC) whose expected date is from `day` to `day + last`.
      const dueOn = (iso: string, last: number) => {
        const day = iso.slice(0, 10)
        const until = utcDay(Date.parse(`${day}T00:00:00Z`) + last * DAY)
        return [...main.values()]
          .filter((r) => r.expected_next_order_at)
          .filter((r) => {
            const d = utcDay(new Date(r.expected_next_order_at).getTime())
            return d >= day && d <= until
          })
          .map((r) => r.contact_id)
          .sort()
      }

      await run("run-flow-date-triggers", { now: dayOf(4, "10:00") })
      const fourBefore = await enrolled()
      expect(fourBefore).not.toContain(target.contact_id)
      expect(fourBefore).toEqual(dueOn(dayOf(4, "10:00"), 3))
      expect(utcDay(expectedDay - 4 * DAY) >= nowDay).toBe(true)

      await run("run-flow-date-triggers", { now: dayOf(3, "08:00") })
      expect(await enrolled()).not.toContain(target.contact_id)
      await run("run-flow-date-triggers", { now: dayOf(3, "09:30") })
      await run("run-flow-date-triggers", { now: dayOf(3, "11:00") })
      const rows = await db(`SELECT contact_id FROM marketing_flow_enrollment WHERE flow_id = ? AND contact_id = ?`, [flow.id, target.contact_id])
      expect(rows).toHaveLength(1)
      // Everyone due by then, each once (the first run's contacts are not enrolled again).
      expect(await enrolled()).toEqual([...new Set([...fourBefore, ...dueOn(dayOf(3, "09:30"), 3)])].sort())
    })

    it("offers the prediction built-ins once predictions exist", async () => {
      const keys = async () =>
        (await api.get(`/admin/marketing/segments/built-ins`, admin)).data.built_ins.filter((b: any) => b.group === "Predictions").map((b: any) => b.key)
      expect(await keys()).toEqual(["high-value-at-risk", "about-to-order-again"])
      const added = await api.post(`/admin/marketing/segments/built-ins`, { key: "high-value-at-risk" }, admin)
      const main = mainRows(await predictions())
      // The top 20 % by total spent: at or above Postgres's percentile_disc(0.8) of the customers' totals.
      const spent = await db(`SELECT id, total_spent::float8 AS total FROM marketing_contact WHERE order_count > 0`)
      const totals = spent.map((r: any) => r.total as number).sort((a: number, b: number) => a - b)
      const cut = totals[Math.ceil(0.8 * totals.length) - 1]
      const top = new Set(spent.filter((r: any) => r.total >= cut).map((r: any) => r.id))
      const expected = [...main.values()].filter((r) => r.churn_risk_band === "high" && top.has(r.contact_id)).map((r) => r.contact_id).sort()
      expect(expected.length).toBeGreaterThan(0)
      expect(await members(added.data.segment.id)).toEqual(expected)
      await db(`DELETE FROM marketing_contact_prediction`)
      expect(await keys()).toEqual([])
    })
  },
})
