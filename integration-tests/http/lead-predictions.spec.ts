/**
 * Predictions for leads, end to end: purchase propensity fitted nightly on a
 * store with a planted effect (leads who add to cart order more), its time
 * split, stored probabilities and minimums; best send times from human opens
 * and clicks, shrunk towards the store pattern; and a flow email sent at the
 * contact's best time.
 */
import { marketingTestRunner } from "../runner"
import { createAdminHeaders, runWorkflow, sql, TEST_APP_DIR } from "../helpers"
import { fitPredictionsWorkflow } from "../../src/workflows/predictions"
import { areaUnderCurve } from "../../src/modules/marketing/predictions/propensity"
import { bestHourOfWeek, hourOfWeek, storeShares } from "../../src/modules/marketing/predictions/send-time"
import { instantOf, localParts } from "../../src/modules/marketing/flows/local-time"
import { WorkflowResponse, createWorkflow } from "@medusajs/framework/workflows-sdk"
import { enrollInFlowStep, type EnrollInFlowStepInput } from "../../src/workflows/flows/steps/enroll-in-flow"

jest.setTimeout(300000)

const HOUR = 3_600_000
const DAY = 24 * HOUR
// The nightly run's clock: the hour the suite starts, so send times and flows can use the real clock after it.
const NOW = new Date(Math.floor(Date.now() / HOUR) * HOUR)
const LEADS = 900

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

type Lead = { id: string; cohort: number; carted: boolean; active: boolean; buys: boolean }

/**
 * Three cohorts of leads, all first seen 120 days ago, each active in the
 * week before one reference time: 60 days ago (the training window), 30 days
 * ago (the evaluation window) and now (scored). Active leads view a product;
 * 40% of them also add to cart (half 3 days before, half 20 days before).
 * Within 30 days a carter places a first order with chance 0.5, another
 * active lead 0.08, an inactive one never. The last cohort's orders lie in
 * the future: the test knows them, the store does not yet.
 */
function drawLeads(): Lead[] {
  const u = random(23)
  return Array.from({ length: LEADS }, (_, i) => {
    const active = u() < 0.85
    const carted = active && u() < 0.4
    const buys = u() < (carted ? 0.5 : active ? 0.08 : 0)
    return { id: `mcon_lead_${String(i).padStart(4, "0")}`, cohort: i % 3, carted, active, buys }
  })
}

const reference = (cohort: number) => new Date(NOW.getTime() - (2 - cohort) * 30 * DAY)

/** The instants of the last `n` weekly occurrences of a local weekday and hour before `before`. */
function weekly(before: Date, zone: string, weekday: number, hour: number, n: number): Date[] {
  const out: Date[] = []
  let { day } = localParts(before, zone)
  while (out.length < n) {
    const at = instantOf(day, hour * 60 + 5, zone)
    if (localParts(at, zone).weekday === weekday && at.getTime() < before.getTime()) out.push(at)
    day -= DAY
  }
  return out
}

const TUESDAY_10 = 24 + 10
const THURSDAY_18 = 3 * 24 + 18
const MONDAY_08 = 8

marketingTestRunner({
  cwd: TEST_APP_DIR,
  testSuite: ({ api, getContainer }) => {
    const leads = drawLeads()
    const db = (text: string, params: unknown[] = []) => sql(getContainer(), text, params)
    let admin: { headers: Record<string, string> }

    beforeAll(async () => {
      admin = await createAdminHeaders(getContainer())
      const firstSeen = new Date(NOW.getTime() - 120 * DAY).toISOString()
      await db(
        `INSERT INTO marketing_contact (id, first_seen_at, last_seen_at) SELECT unnest(?::text[]), ?::timestamptz, ?::timestamptz`,
        [`{${leads.map((l) => l.id).join(",")}}`, firstSeen, firstSeen]
      )
      const events: { contact_id: string; type: string; at: string; properties: Record<string, unknown> }[] = []
      for (const [i, l] of leads.entries()) {
        const r = reference(l.cohort).getTime()
        if (l.active) events.push({ contact_id: l.id, type: "product_viewed", at: new Date(r - 3 * DAY).toISOString(), properties: { product_id: "prod_1" } })
        if (l.carted) {
          events.push({ contact_id: l.id, type: "product_added_to_cart", at: new Date(r - (i % 2 ? 3 : 20) * DAY).toISOString(), properties: { product_id: "prod_1" } })
        }
        // The last cohort's orders have not happened yet.
        if (l.buys && l.cohort < 2) {
          events.push({ contact_id: l.id, type: "order_placed", at: new Date(r + 10 * DAY).toISOString(), properties: { order_id: `order_${l.id}`, currency_code: "eur", total: 40 } })
        }
      }
      // A canceled first order does not make a buyer: the first training lead who never buys ordered and canceled.
      const canceled = leads.find((l) => l.cohort === 0 && !l.buys)!
      events.push({ contact_id: canceled.id, type: "order_placed", at: new Date(reference(0).getTime() + 5 * DAY).toISOString(), properties: { order_id: "order_canceled_0", currency_code: "eur", total: 40 } })
      events.push({ contact_id: canceled.id, type: "order_canceled", at: new Date(reference(0).getTime() + 6 * DAY).toISOString(), properties: { order_id: "order_canceled_0" } })
      await db(
        `INSERT INTO marketing_event (id, type, properties, occurred_at, received_at, source, contact_id)
         SELECT 'mevt_lead_' || row_number() OVER (), e.type, e.properties, e.at, e.at, CASE WHEN e.type LIKE 'order%' THEN 'medusa' ELSE 'storefront' END, e.contact_id
           FROM jsonb_to_recordset(?::jsonb) AS e (contact_id text, type text, at timestamptz, properties jsonb)`,
        [JSON.stringify(events)]
      )

      // Send times: 30 contacts (no zone: the store's, UTC) open three times each on Thursdays at 18:00;
      // one in Berlin opens twelve times and clicks once on Tuesdays at 10:00 Berlin time; one opens once on a Monday at 08:00.
      const opens: { contact_id: string; type: string; at: string }[] = []
      const contacts: { id: string; timezone: string | null; email: string }[] = []
      for (let c = 0; c < 30; c++) {
        const id = `mcon_st_${c}`
        contacts.push({ id, timezone: null, email: `st-${c}@example.com` })
        for (const at of weekly(NOW, "UTC", 4, 18, 3)) opens.push({ contact_id: id, type: "email_opened", at: at.toISOString() })
      }
      contacts.push({ id: "mcon_st_berlin", timezone: "Europe/Berlin", email: "berlin@example.com" })
      for (const at of weekly(NOW, "Europe/Berlin", 2, 10, 12)) opens.push({ contact_id: "mcon_st_berlin", type: "email_opened", at: at.toISOString() })
      opens.push({ contact_id: "mcon_st_berlin", type: "email_clicked", at: weekly(NOW, "Europe/Berlin", 2, 10, 1)[0].toISOString() })
      contacts.push({ id: "mcon_st_once", timezone: null, email: "once@example.com" })
      opens.push({ contact_id: "mcon_st_once", type: "email_opened", at: weekly(NOW, "UTC", 1, 8, 1)[0].toISOString() })
      // An open older than a year does not count.
      opens.push({ contact_id: "mcon_st_once", type: "email_opened", at: new Date(NOW.getTime() - 400 * DAY).toISOString() })
      const seen = new Date(NOW.getTime() - 500 * DAY).toISOString()
      await db(
        `INSERT INTO marketing_contact (id, timezone, email, email_marketing_consent, first_seen_at, last_seen_at)
         SELECT c.id, c.timezone, c.email, 'granted', ?::timestamptz, ?::timestamptz FROM jsonb_to_recordset(?::jsonb) AS c (id text, timezone text, email text)`,
        [seen, seen, JSON.stringify(contacts)]
      )
      await db(
        `INSERT INTO marketing_event (id, type, properties, occurred_at, received_at, source, contact_id)
         SELECT 'mevt_st_' || row_number() OVER (), o.type, '{}'::jsonb, o.at, o.at, 'email', o.contact_id
           FROM jsonb_to_recordset(?::jsonb) AS o (contact_id text, type text, at timestamptz)`,
        [JSON.stringify(opens)]
      )
    })

    const runNightly = async (now = NOW) =>
      (await fitPredictionsWorkflow(getContainer()).run({ input: { now: now.toISOString(), force: true } })).result

    it("finds the planted effect, measures it on the held-out window and ranks tomorrow's buyers higher", async () => {
      const result = await runNightly()
      const propensity = result.propensity!
      expect(propensity).toMatchObject({ status: "fitted", missing: null })
      const trainingBuyers = leads.filter((l) => l.cohort === 0 && l.buys).length
      const evaluationBuyers = leads.filter((l) => l.cohort === 1 && l.buys).length
      // The send-time contacts are leads too (first seen long ago, never ordered); the canceled order does not count.
      expect(propensity).toMatchObject({
        training_leads: LEADS + 32,
        training_first_buyers: trainingBuyers,
        evaluation_leads: LEADS + 32 - trainingBuyers,
        evaluation_first_buyers: evaluationBuyers,
        scored_leads: LEADS + 32 - trainingBuyers - evaluationBuyers,
      })
      expect(propensity.auc).toBeGreaterThan(0.75)

      const fit = (await api.get("/admin/marketing/predictions/propensity", admin)).data.propensity
      expect(fit).toMatchObject({ status: "fitted", scored_leads: propensity.scored_leads })
      expect(fit.auc).toBeCloseTo(propensity.auc as number, 5) // stored as real
      const byFeature = Object.fromEntries(fit.weights.map((w: any) => [w.feature, w]))
      const cart = byFeature.added_to_cart_30d
      expect(cart.label).toMatch(/^added to cart in 30 days: ×[0-9.]+ odds$/)
      expect(cart.low).toBeGreaterThan(1)
      expect(Number(cart.label.match(/×([0-9.]+)/)[1])).toBeGreaterThan(2)
      // No lead has scores or a tablet: those say nothing and are left out, in words.
      expect(fit.left_out).toEqual(expect.arrayContaining([{ feature: "engagement_points", words: "each 10 engagement points" }]))
      expect(fit.weights.map((w: any) => w.odds_ratio)).toEqual([...fit.weights.map((w: any) => w.odds_ratio)].sort((a: number, b: number) => b - a))

      // Today's leads: stored per contact, and the ones who will order (known to the test) rank higher.
      const stored = await db(`SELECT contact_id, probability, fit_id FROM marketing_contact_propensity`)
      expect(stored).toHaveLength(propensity.scored_leads)
      expect(new Set(stored.map((r: any) => r.fit_id))).toEqual(new Set([fit.id]))
      const p = new Map(stored.map((r: any) => [r.contact_id, Number(r.probability)]))
      const current = leads.filter((l) => l.cohort === 2)
      expect(current.every((l) => p.has(l.id))).toBe(true)
      expect(areaUnderCurve(current.map((l) => p.get(l.id) as number), current.map((l) => l.buys))).toBeGreaterThan(0.7)
      const mean = (ls: Lead[]) => ls.reduce((s, l) => s + (p.get(l.id) as number), 0) / ls.length
      expect(mean(current.filter((l) => l.carted))).toBeGreaterThan(3 * mean(current.filter((l) => l.active && !l.carted)))
      // Buyers are no longer leads: no probability for a contact who ordered.
      expect(p.has(leads.find((l) => l.cohort === 0 && l.buys)!.id)).toBe(false)
    })

    it("offers the propensity as a contact field: a segment, the Likely first buyers built-in, the contact page, and a first order ends it", async () => {
      // Each test starts from the seeded store (the runner restores it), so this one fits too.
      await runNightly()
      const stored: { contact_id: string; probability: number; percentile: number }[] = await db(
        `SELECT contact_id, probability::float8 AS probability, percentile::float8 AS percentile FROM marketing_contact_propensity`
      )
      expect(stored.length).toBeGreaterThan(100)
      // Percentiles rank the fit's leads: percent_rank of the probability.
      const probabilities = stored.map((r) => r.probability)
      for (const r of stored.slice(0, 50)) {
        const below = probabilities.filter((p) => p < r.probability).length
        expect(r.percentile).toBeCloseTo((100 * below) / (stored.length - 1), 3)
      }
      const expected = (test: (r: (typeof stored)[number]) => boolean) => stored.filter(test).map((r) => r.contact_id).sort()
      const members = async (segmentId: string) =>
        (await db(`SELECT contact_id FROM marketing_segment_membership WHERE segment_id = ? AND exited_at IS NULL AND deleted_at IS NULL`, [segmentId]))
          .map((r: any) => r.contact_id)
          .sort()

      const keys = async () =>
        (await api.get(`/admin/marketing/segments/built-ins`, admin)).data.built_ins.filter((b: any) => b.group === "Predictions").map((b: any) => b.key)
      expect(await keys()).toContain("likely-first-buyers")
      const likely = (await api.post(`/admin/marketing/segments/built-ins`, { key: "likely-first-buyers" }, admin)).data.segment.id
      const top = expected((r) => r.percentile >= 90)
      // Leads with the same behaviour tie, so the top tenth is a whole number of tied groups: some, not many.
      expect(top.length).toBeGreaterThan(0)
      expect(top.length).toBeLessThanOrEqual(0.1 * stored.length)
      expect(await members(likely)).toEqual(top)
      // The probability itself is a field too (values compare as their shortest text, like the stored real).
      const cut = [...probabilities].sort((a, b) => a - b)[Math.floor(stored.length / 2)]
      const above = (await api.post(`/admin/marketing/segments`, { name: "Likely enough", definition: { field: "purchase_propensity", operator: "gt", value: cut } }, admin)).data.segment.id
      expect(await members(above)).toEqual(expected((r) => Math.fround(r.probability) > Math.fround(cut)))

      // The contact page: a lead's propensity with its fit's AUC; a customer has none.
      const lead = top[0]
      const page = (await api.get(`/admin/marketing/contacts/${lead}/predictions`, admin)).data
      expect(page.predictions).toEqual([])
      expect(page.propensity).toMatchObject({ percentile: expect.any(Number), auc: expect.any(Number) })
      expect(page.propensity.probability).toBeCloseTo(stored.find((r) => r.contact_id === lead)!.probability, 5)
      const buyer = leads.find((l) => l.cohort === 0 && l.buys)!.id
      expect((await api.get(`/admin/marketing/contacts/${buyer}/predictions`, admin)).data.propensity).toBeNull()

      // A first order: the lead's propensity goes at once (the customers' predictions take over).
      await db(
        `INSERT INTO marketing_event (id, type, properties, occurred_at, received_at, source, contact_id)
         VALUES ('mevt_lead_first_order', 'order_placed', '{"order_id":"order_first","currency_code":"eur","total":40}', now(), now(), 'medusa', ?)`,
        [lead]
      )
      await runWorkflow(getContainer(), "update-contact-predictions-workflow", { contact_id: lead })
      expect(await db(`SELECT 1 FROM marketing_contact_propensity WHERE contact_id = ?`, [lead])).toEqual([])
      expect((await api.get(`/admin/marketing/contacts/${lead}/predictions`, admin)).data.propensity).toBeNull()
    })

    it("says which minimum is missing and keeps no probabilities", async () => {
      // 100 days earlier, only the 32 send-time contacts had been seen 60 days before.
      const early = new Date(NOW.getTime() - 100 * DAY)
      const result = await runNightly(early)
      const day = new Date(early.getTime() - 60 * DAY).toISOString().slice(0, 10)
      expect(result.propensity).toMatchObject({ status: "insufficient", missing: `at least 200 leads on ${day} (32 so far)`, scored_leads: 0 })
      expect(await db(`SELECT 1 FROM marketing_contact_propensity`)).toEqual([])
      const fit = (await api.get("/admin/marketing/predictions/propensity", admin)).data.propensity
      expect(fit).toMatchObject({ status: "insufficient", missing: `at least 200 leads on ${day} (32 so far)`, auc: null, weights: [] })
    })

    it("gives each contact their best hour in their time zone, shrunk towards the store pattern", async () => {
      const result = await runNightly()
      // 90 + 13 + 1 human opens and clicks of the last year (the older open left out).
      expect(result.send_times).toEqual({ contacts: 32, engagements: 104, best_hour: THURSDAY_18 })
      const rows = await db(`SELECT contact_id, best_hour, engagements, hours FROM marketing_contact_send_time ORDER BY contact_id`)
      const of = Object.fromEntries(rows.map((r: any) => [r.contact_id, r]))
      // 13 at Tuesday 10:00 Berlin: 13 + 10 × 13/104 = 14.25 beats the store's 10 × 90/104 = 8.65.
      expect(of.mcon_st_berlin).toMatchObject({ best_hour: TUESDAY_10, engagements: 13, hours: { [TUESDAY_10]: 13 } })
      // One open at Monday 08:00: 1 + 10 × 1/104 = 1.10 loses to the store's Thursday 18:00 at 8.65.
      expect(of.mcon_st_once).toMatchObject({ best_hour: THURSDAY_18, engagements: 1, hours: { [MONDAY_08]: 1 } })
      expect(of.mcon_st_0).toMatchObject({ best_hour: THURSDAY_18, engagements: 3 })
      // The SQL argmax is the pure one's.
      const heat = (await api.get("/admin/marketing/predictions/send-times", admin)).data.send_times
      const counts: number[] = heat.days.flatMap((d: any) => d.hours)
      const shares = storeShares(counts)
      for (const r of rows) {
        expect(r.best_hour).toBe(bestHourOfWeek(Object.fromEntries(Object.entries(r.hours).map(([h, n]) => [Number(h), Number(n)])), shares))
      }
      expect(heat).toMatchObject({ engagements: 104, contacts: 32, prior_weight: 10, history_days: 365, best_hour: THURSDAY_18, best_hour_label: "Thursday 18:00" })
      expect(heat.days[3].hours[18]).toBe(90)
      expect(heat.days[1]).toMatchObject({ weekday: 2, label: "Tuesday" })
      expect(heat.days[1].hours[10]).toBe(13)
      expect(heat.days[0].hours[8]).toBe(1)
    })

    it("a send_email step at the best time waits for the contact's best hour within 24 hours, then sends", async () => {
      await runNightly()
      const template = (await api.post("/admin/marketing/templates", { name: "Best time", subject: "Hello", html: "<p>Hello</p>" }, admin)).data.template
      const definition = (sendAt: unknown) => ({
        trigger: { type: "manual" }, reentry: { policy: "every_time" }, start: "send",
        steps: { send: { type: "send_email", template_id: template.id, send_at: sendAt } },
      })
      // Bad input: a 400 naming the field, and nothing published.
      const bad = (await api.post("/admin/marketing/flows", { name: "Bad send time", definition: definition("soon") }, admin)).data.flow
      const refused = await api.post(`/admin/marketing/flows/${bad.id}/publish`, {}, admin).catch((e: any) => e.response)
      expect(refused.status).toBe(400)
      expect(refused.data.message).toContain("definition.steps.send.send_at: must be one of now, best_time")
      expect(await db(`SELECT 1 FROM marketing_flow_version WHERE flow_id = ?`, [bad.id])).toEqual([])

      const flow = (await api.post("/admin/marketing/flows", { name: "Best time", definition: definition("best_time") }, admin)).data.flow
      await api.post(`/admin/marketing/flows/${flow.id}/publish`, {}, admin)
      // The runner's clock: the next Monday 12:00 in Berlin (ahead of the real clock, so no scheduled run takes it first);
      // Tuesday 10:00 Berlin is 22 hours later. Enrolled then, through the enrollment step alone (the route would run
      // the first step at once, on the real clock).
      let { day } = localParts(new Date(Date.now() + HOUR), "Europe/Berlin")
      do day += DAY
      while (new Date(day).getUTCDay() !== 1)
      const monday = instantOf(day, 12 * 60, "Europe/Berlin")
      const tuesday10 = instantOf(day + DAY, 10 * 60, "Europe/Berlin")
      const enroll = createWorkflow("test-enroll-best-time", (input: EnrollInFlowStepInput) => new WorkflowResponse(enrollInFlowStep(input)))
      await enroll(getContainer()).run({ input: { flow_id: flow.id, contact_id: "mcon_st_berlin", now: monday.toISOString(), request_id: "best-time-1" } })
      const [enrollment] = await db(`SELECT * FROM marketing_flow_enrollment WHERE flow_id = ?`, [flow.id])
      expect(hourOfWeek(tuesday10, "Europe/Berlin")).toBe(TUESDAY_10)
      await runWorkflow(getContainer(), "run-due-flows", { now: monday.toISOString() })
      const [held] = await db(`SELECT * FROM marketing_flow_step_run WHERE enrollment_id = ?`, [enrollment.id])
      expect(held).toMatchObject({ outcome: "held", reason: "best_time" })
      expect(held.data).toEqual({ retry_at: tuesday10.toISOString(), time_zone: "Europe/Berlin", best_hour: TUESDAY_10, best_hour_label: "Tuesday 10:00" })
      const [waiting] = await db(`SELECT status, next_run_at FROM marketing_flow_enrollment WHERE id = ?`, [enrollment.id])
      expect(waiting.status).toBe("active")
      expect(new Date(waiting.next_run_at).toISOString()).toBe(tuesday10.toISOString())
      expect(await db(`SELECT 1 FROM marketing_message WHERE contact_id = 'mcon_st_berlin'`)).toEqual([])

      // At Tuesday 10:00 the email goes (the window does not slide further), and the flow ends.
      await runWorkflow(getContainer(), "run-due-flows", { now: tuesday10.toISOString() })
      const runs = await db(`SELECT outcome, reason, message_id FROM marketing_flow_step_run WHERE enrollment_id = ? ORDER BY started_at`, [enrollment.id])
      expect(runs.map((r: any) => [r.outcome, r.reason])).toEqual([["held", "best_time"], ["completed", null]])
      const [message] = await db(`SELECT id, queued_at FROM marketing_message WHERE contact_id = 'mcon_st_berlin'`)
      expect(message.id).toBe(runs[1].message_id)
      expect(new Date(message.queued_at).toISOString()).toBe(tuesday10.toISOString())
    })
  },
})
