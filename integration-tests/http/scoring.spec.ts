import { marketingTestRunner } from "../runner"
import { Modules } from "@medusajs/framework/utils"
import {
  type AdminHeaders, anonymousId, contactOfAnonymousId, orderCatalog, placeOrder, registerCustomer, sql,
  storeAndAdmin, storeHeaders, TEST_APP_DIR, waitFor,
} from "../helpers"
import { ScoringPausePoint, setScoringPauseHook } from "../../src/modules/marketing/scoring/pause-points"

jest.setTimeout(180000)

const DAY = 86_400_000

marketingTestRunner({
  cwd: TEST_APP_DIR,
  testSuite: ({ api, getContainer }) => {
    let pk: string
    let admin: AdminHeaders

    beforeAll(async () => void ({ pk, admin } = await storeAndAdmin(getContainer())))

    const marketing = () => getContainer().resolve("marketing") as any
    const track = (events: unknown[]) => api.post("/store/marketing/events", { events }, storeHeaders(pk))
    const createRule = async (rule: Record<string, unknown>) =>
      (await api.post("/admin/marketing/scoring-rules", rule, admin)).data
    const contactOf = (anon: string) => contactOfAnonymousId(getContainer(), anon)
    const view = (anon: string, category: string, extra: Record<string, unknown> = {}) => ({
      type: "product_viewed",
      anonymous_id: anon,
      properties: { product_id: `p-${Math.random()}`, category },
      ...extra,
    })
    const shoesRule = {
      name: "Viewed shoes",
      kind: "engagement",
      event_type: "product_viewed",
      conditions: { and: [{ field: "properties.category", operator: "eq", value: "shoes" }] },
      points: 5,
      cap_count: 3,
      cap_period: "day",
    }

    describe("live scoring", () => {
      it("applies points, caps them, and explains every change in the ledger", async () => {
        const { scoring_rule } = await createRule(shoesRule)
        const anon = anonymousId()
        await track([view(anon, "shoes"), view(anon, "shoes"), view(anon, "hats"), view(anon, "shoes"), view(anon, "shoes"), view(anon, "shoes")])
        const contact = await contactOf(anon)
        expect(contact.acquisition_score).toBe(15)

        const history = (await api.get(`/admin/marketing/contacts/${contact.id}/score-history`, admin)).data
        expect(history.count).toBe(3)
        expect(history.entries.every((e: any) => e.rule_id === scoring_rule.id && e.rule_name === "Viewed shoes")).toBe(true)
        expect(history.entries.every((e: any) => e.event_type === "product_viewed" && e.delta === 5)).toBe(true)
        expect(history.summary).toMatchObject({ acquisition_score: 15, fit_score: 0 })
        const explained = history.entries.reduce((sum: number, e: any) => sum + e.current_value, 0)
        expect(Math.round(explained)).toBe(15)

        // Re-processing an event never counts twice
        const [event] = await sql(getContainer(), `SELECT * FROM marketing_event WHERE contact_id = ? LIMIT 1`, [contact.id])
        await track([{ ...view(anon, "shoes"), idempotency_key: `again-${anon}` }])
        await track([{ ...view(anon, "shoes"), idempotency_key: `again-${anon}` }])
        expect((await contactOf(anon)).acquisition_score).toBe(15)
        expect(event).toBeTruthy()
      })

      it("keeps a visitor's points when the visitor logs in and is merged", async () => {
        await createRule(shoesRule)
        const anon = anonymousId()
        await track([view(anon, "shoes"), view(anon, "shoes")])
        const anonymous = await contactOf(anon)
        expect(anonymous.acquisition_score).toBe(10)
        const { customer, token } = await registerCustomer(api, pk, `merge-${anon}@example.com`)
        await waitFor(async () => (await sql(getContainer(), `SELECT id FROM marketing_contact WHERE customer_id = ?`, [customer.id]))[0])
        await api.post("/store/marketing/events", { events: [view(anon, "shoes")] }, storeHeaders(pk, token))
        const merged = await contactOf(anon)
        expect(merged.customer_id).toBe(customer.id)
        expect(merged.acquisition_score).toBe(15)
        const [{ n }] = await sql(getContainer(), `SELECT count(*)::int AS n FROM marketing_score_entry WHERE contact_id = ?`, [merged.id])
        expect(n).toBe(3)
      })

      it("loses no points when events for one contact arrive concurrently", async () => {
        await createRule({ name: "Any page", kind: "engagement", event_type: "page_viewed", points: 1 })
        const anon = anonymousId()
        await track([{ type: "page_viewed", anonymous_id: anon }])
        await Promise.all(
          Array.from({ length: 24 }, (_, i) => track([{ type: "page_viewed", anonymous_id: anon, idempotency_key: `c-${anon}-${i}` }]))
        )
        const contact = await contactOf(anon)
        expect(contact.acquisition_score).toBe(25)
        const [{ n }] = await sql(getContainer(), `SELECT count(*)::int AS n FROM marketing_score_entry WHERE contact_id = ?`, [contact.id])
        expect(n).toBe(25)
      })

      it("scores a fit rule on the job title, case-insensitively", async () => {
        await createRule({
          name: "Buyers",
          kind: "fit",
          conditions: { and: [{ field: "job_title", operator: "contains", value: "buyer" }, { field: "industry", operator: "eq", value: "retail" }] },
          points: 12,
        })
        const anon = anonymousId()
        await track([{ type: "identify", anonymous_id: anon, properties: { job_title: "Head Buyer", industry: "Retail", company: "Acme" } }])
        expect(await contactOf(anon)).toMatchObject({ fit_score: 12, acquisition_score: 12, company: "Acme" })
        await track([{ type: "identify", anonymous_id: anon, properties: { job_title: "Engineer" } }])
        expect(await contactOf(anon)).toMatchObject({ fit_score: 0, acquisition_score: 0 })
      })

      it("gives and takes fit points as attributes change", async () => {
        await createRule({
          name: "Ships to France or Belgium",
          kind: "fit",
          conditions: { and: [{ field: "country_code", operator: "in", value: ["fr", "be"] }] },
          points: 10,
        })
        const anon = anonymousId()
        await track([{ type: "identify", anonymous_id: anon, properties: { country_code: "FR" } }])
        let contact = await contactOf(anon)
        expect(contact).toMatchObject({ fit_score: 10, acquisition_score: 10 })
        await track([{ type: "identify", anonymous_id: anon, properties: { country_code: "DE" } }])
        contact = await contactOf(anon)
        expect(contact).toMatchObject({ fit_score: 0, acquisition_score: 0 })
        const entries = await sql(
          getContainer(),
          `SELECT delta, reason FROM marketing_score_entry WHERE contact_id = ? ORDER BY created_at`,
          [contact.id]
        )
        expect(entries.map((e: any) => e.delta)).toEqual([10, -10])
        expect(entries[1].reason).toMatch(/No longer matches/)
      })

      it("decays engagement with the half-life, on an injected clock", async () => {
        await createRule({ name: "Any search", kind: "engagement", event_type: "search_performed", points: 40 })
        const anon = anonymousId()
        await track([{ type: "search_performed", anonymous_id: anon, properties: { query: "boots" } }])
        const contact = await contactOf(anon)
        expect(contact.acquisition_score).toBe(40)

        const later = new Date(Date.parse(contact.scored_at) + 30 * DAY)
        await marketing().decayScores(later)
        const decayed = await contactOf(anon)
        expect(Number(decayed.engagement_score)).toBeCloseTo(20, 3)
        expect(decayed.acquisition_score).toBe(20)

        // The stored score is what a recompute at the same instant gives
        const { recompute } = (await api.post("/admin/marketing/scoring/recompute", {}, admin)).data
        await waitFor(async () => (await marketing().retrieveScoringRecompute(recompute.id)).status !== "running")
        await marketing().recomputeScores(recompute.id, later)
        const rebuilt = await contactOf(anon)
        expect(rebuilt.acquisition_score).toBe(20)
      })
    })

    describe("stages and notifications", () => {
      it("moves a lead through the stages, emits the events and notifies sales", async () => {
        await api.post(
          "/admin/marketing/scoring-settings",
          { lead_threshold: 20, marketing_qualified_threshold: 50, sales_ready_threshold: 80, sales_notification_email: "sales@example.com" },
          admin
        )
        await createRule({ name: "Checkout", kind: "engagement", event_type: "checkout_started", points: 30 })
        const eventBus = getContainer().resolve(Modules.EVENT_BUS) as any
        const seen: { name: string; data: any }[] = []
        const listener = async (e: any) => {
          seen.push({ name: e.name, data: e.data })
        }
        eventBus.subscribe("marketing.lifecycle_stage_changed", listener, { subscriberId: "t-stage" })
        eventBus.subscribe("marketing.score_threshold_crossed", listener, { subscriberId: "t-cross" })

        const anon = anonymousId()
        await track([{ type: "identify", anonymous_id: anon, properties: { email: `lead-${anon}@example.com` } }])
        await track([{ type: "checkout_started", anonymous_id: anon, properties: { cart_id: "cart_c1" } }])
        let contact = await contactOf(anon)
        expect(contact.lifecycle_stage).toBe("lead")
        await track([
          { type: "checkout_started", anonymous_id: anon, properties: { cart_id: "cart_c2" } },
          { type: "checkout_started", anonymous_id: anon, properties: { cart_id: "cart_c3" } },
        ])
        contact = await contactOf(anon)
        expect(contact.lifecycle_stage).toBe("sales_ready")

        const stages = await waitFor(async () => {
          const mine = seen.filter((e) => e.name === "marketing.lifecycle_stage_changed" && e.data.contact_id === contact.id)
          return mine.length >= 2 ? mine : null
        })
        expect(stages.map((e) => e.data.to_stage)).toEqual(["lead", "sales_ready"])
        const crossings = seen.filter((e) => e.name === "marketing.score_threshold_crossed" && e.data.contact_id === contact.id)
        expect(crossings.map((e) => e.data.threshold).sort()).toEqual(["lead", "marketing_qualified", "sales_ready"])

        const history = await sql(
          getContainer(),
          `SELECT from_stage, to_stage FROM marketing_lifecycle_stage_change WHERE contact_id = ? ORDER BY changed_at, created_at`,
          [contact.id]
        )
        expect(history).toEqual([
          { from_stage: "subscriber", to_stage: "lead" },
          { from_stage: "lead", to_stage: "sales_ready" },
        ])
        // The contact's page reads the same history, newest first.
        const { changes } = (await api.get(`/admin/marketing/contacts/${contact.id}/stage-history`, admin)).data
        expect(changes.map((c: any) => [c.from_stage, c.to_stage])).toEqual([
          ["lead", "sales_ready"],
          ["subscriber", "lead"],
        ])

        const notificationModule = getContainer().resolve(Modules.NOTIFICATION) as any
        const notifications = await waitFor(async () => {
          const all = await notificationModule.listNotifications({})
          const mine = all.filter((n: any) => n.data?.contact_id === contact.id)
          return mine.length >= 2 ? mine : null
        })
        expect(notifications.map((n: any) => n.channel).sort()).toEqual(["email", "feed"])
        expect(notifications.find((n: any) => n.channel === "email").to).toBe("sales@example.com")
      })
    })

    describe("RFM", () => {
      it("bands recency, frequency and money by quintiles and names the groups", async () => {
        const now = new Date()
        const customers = [
          // [orders (days ago, total)]
          { id: "cus_rfm_1", orders: [[2, 500], [10, 400], [20, 300], [30, 300], [40, 200]] },
          { id: "cus_rfm_2", orders: [[5, 100], [15, 100], [25, 100]] },
          { id: "cus_rfm_3", orders: [[1, 20]] },
          { id: "cus_rfm_4", orders: [[200, 900], [210, 800], [220, 700], [230, 600]] },
          { id: "cus_rfm_5", orders: [[300, 10]] },
        ]
        for (const c of customers) {
          await marketing().ingestEvents({
            now: now.toISOString(),
            events: c.orders.map(([days, total], i) => ({
              type: "order_placed",
              customer_id: c.id,
              properties: { order_id: `${c.id}-${i}`, total, currency_code: "eur" },
              occurred_at: new Date(now.getTime() - days * DAY).toISOString(),
              received_at: now.toISOString(),
              source: "medusa",
              idempotency_key: `order.placed:${c.id}-${i}`,
              profile: {},
            })),
          })
        }
        const { customers: banded } = await marketing().recomputeRfm(now)
        expect(banded).toBe(5)
        const rows = await sql(
          getContainer(),
          `SELECT customer_id, order_count, rfm_recency AS r, rfm_frequency AS f, rfm_monetary AS m, rfm_group, loyalty_score, lifecycle_stage
             FROM marketing_contact WHERE customer_id LIKE 'cus_rfm_%' ORDER BY customer_id`
        )
        expect(rows.map((r: any) => [r.customer_id, r.order_count, r.r, r.f, r.m, r.rfm_group])).toEqual([
          ["cus_rfm_1", 5, 4, 5, 4, "Champions"],
          ["cus_rfm_2", 3, 3, 3, 3, "Need attention"],
          ["cus_rfm_3", 1, 5, 1, 2, "Potential loyalist"],
          ["cus_rfm_4", 4, 2, 4, 5, "Can't lose them"],
          ["cus_rfm_5", 1, 1, 1, 1, "Lost"],
        ])
        expect(rows[0].loyalty_score).toBe(Math.round(((4 + 5 + 4 - 3) / 12) * 100))
        // Stages follow RFM: a champion under the VIP score repeats, the others are at risk or lost
        expect(rows.map((r: any) => r.lifecycle_stage)).toEqual(["repeat_customer", "repeat_customer", "customer", "at_risk", "lost"])
      })
    })

    describe("RFM from the first orders", () => {
      const MINUTE = 60_000
      const bands = `SELECT c.customer_id, c.rfm_recency AS r, c.rfm_frequency AS f, c.rfm_monetary AS m, c.rfm_group, c.loyalty_score, c.lifecycle_stage
                       FROM marketing_contact c WHERE c.customer_id IS NOT NULL AND c.deleted_at IS NULL ORDER BY c.customer_id`
      const settings = async () => (await api.get("/admin/marketing/scoring-settings", admin)).data.scoring_settings
      const recompute = async () => {
        const { recompute } = (await api.post("/admin/marketing/scoring/recompute", {}, admin)).data
        return waitFor(async () => {
          const r = await marketing().retrieveScoringRecompute(recompute.id)
          return r.status !== "running" ? r : null
        }, 60000)
      }
      const customers = async (n: number) =>
        (getContainer().resolve(Modules.CUSTOMER) as any).createCustomers(
          Array.from({ length: n }, (_, i) => ({ email: `rfm-${i}-${anonymousId()}@example.com` }))
        ) as Promise<{ id: string; email: string }[]>

      it("stores cut points with the fifth customer's order, bands all five as a recompute does, and never calls them lost", async () => {
        const catalog = await orderCatalog(getContainer())
        const buyers = await customers(5)
        const start = Date.now() - 10 * MINUTE
        for (const [i, buyer] of buyers.slice(0, 4).entries()) {
          await placeOrder(getContainer(), catalog, { customer_id: buyer.id, email: buyer.email, unit_price: 10 * (i + 1), at: new Date(start + i * 2 * MINUTE) })
        }
        // Four customers: no cut points, nobody banded
        expect(await settings()).toMatchObject({ rfm_cut_points_stored: false, order_gap_days: null, effective_recency_floor_days: 30, recency_floor_days: 30 })
        expect((await sql(getContainer(), bands)).map((row: any) => row.rfm_group)).toEqual([null, null, null, null])

        await placeOrder(getContainer(), catalog, { customer_id: buyers[4].id, email: buyers[4].email, unit_price: 50, at: new Date(start + 8 * MINUTE) })
        // The fifth order stored the cut points at once and banded every customer
        const stored = await settings()
        expect(stored).toMatchObject({ rfm_cut_points_stored: true, order_gap_days: null, effective_recency_floor_days: 30 })
        expect(stored.rfm_computed_at).toBeTruthy()
        const live = await sql(getContainer(), bands)
        expect(live).toHaveLength(5)
        for (const row of live) {
          expect(row.r).toBeGreaterThanOrEqual(3)
          expect(["At risk", "Can't lose them", "Hibernating", "Lost"]).not.toContain(row.rfm_group)
          expect(["at_risk", "lost"]).not.toContain(row.lifecycle_stage)
        }
        // Monetary quintiles still order them (10 to 50), and recency is floored at 3 for the first three buyers
        const byBuyer = (rows: any[]) => buyers.map((b) => rows.find((row) => row.customer_id === b.id))
        expect(byBuyer(live).map((row: any) => [row.r, row.f, row.m])).toEqual([[3, 1, 1], [3, 1, 2], [3, 1, 3], [4, 1, 4], [5, 1, 5]])
        // Every RFM change is in the ledger
        const rfmSums = await sql(
          getContainer(),
          `SELECT c.customer_id, sum(e.delta)::int AS points FROM marketing_score_entry e JOIN marketing_contact c ON c.id = e.contact_id
            WHERE e.component = 'rfm' GROUP BY c.customer_id ORDER BY c.customer_id`
        )
        expect(rfmSums.map((row: any) => row.points)).toEqual(live.map((row: any) => row.loyalty_score))

        // A full recompute bands them identically
        const done = await recompute()
        expect(done.status).toBe("done")
        expect(await sql(getContainer(), bands)).toEqual(live)

        // The floor is what protects them: 40 days on, past it, quintiles alone decide and the first buyer is lost
        await marketing().recomputeRfm(new Date(Date.now() + 40 * DAY))
        const later = await sql(getContainer(), bands)
        const first = later.find((row: any) => row.customer_id === buyers[0].id)
        expect(first).toMatchObject({ r: 1, rfm_group: "Lost", lifecycle_stage: "lost" })
      })

      it("takes the store's order gap as the floor once five customers have ordered twice", async () => {
        const catalog = await orderCatalog(getContainer())
        const buyers = await customers(5)
        const now = Date.now()
        for (const [i, buyer] of buyers.entries()) {
          await placeOrder(getContainer(), catalog, { customer_id: buyer.id, email: buyer.email, unit_price: 20, at: new Date(now - (100 + i) * DAY) })
          await placeOrder(getContainer(), catalog, { customer_id: buyer.id, email: buyer.email, unit_price: 20, at: new Date(now - (40 + i) * DAY) })
        }
        await marketing().recomputeRfm(new Date(now))
        const s = await settings()
        expect(s).toMatchObject({ rfm_cut_points_stored: true, recency_floor_days: 30 })
        expect(s.order_gap_days).toBeCloseTo(60, 2)
        expect(s.effective_recency_floor_days).toBeCloseTo(60, 2)
        // Last orders 40 to 44 days ago: inside the 60-day floor, so none is below 3
        const rows = await sql(getContainer(), bands)
        expect(rows.map((row: any) => row.r).every((r: number) => r >= 3)).toBe(true)
        // A higher configured floor wins over the gap
        await api.post("/admin/marketing/scoring-settings", { recency_floor_days: 90 }, admin)
        expect(await settings()).toMatchObject({ recency_floor_days: 90, effective_recency_floor_days: 90 })
      })

      it("stores the cut points once when the fifth and sixth customers order at the same time", async () => {
        const catalog = await orderCatalog(getContainer())
        const buyers = await customers(6)
        for (const [i, buyer] of buyers.slice(0, 4).entries()) {
          await placeOrder(getContainer(), catalog, { customer_id: buyer.id, email: buyer.email, unit_price: 10 * (i + 1) })
        }
        await Promise.all(
          buyers.slice(4).map((buyer, i) => placeOrder(getContainer(), catalog, { customer_id: buyer.id, email: buyer.email, unit_price: 60 + i }))
        )
        expect((await settings()).rfm_cut_points_stored).toBe(true)
        const rows = await sql(getContainer(), bands)
        expect(rows).toHaveLength(6)
        expect(rows.every((row: any) => row.rfm_group !== null && row.r >= 3)).toBe(true)
        // Each customer's RFM ledger entries add up to the points their bands give: nobody banded twice over
        const rfmSums = await sql(
          getContainer(),
          `SELECT c.customer_id, sum(e.delta)::int AS points FROM marketing_score_entry e JOIN marketing_contact c ON c.id = e.contact_id
            WHERE e.component = 'rfm' GROUP BY c.customer_id ORDER BY c.customer_id`
        )
        expect(rfmSums.map((row: any) => row.points)).toEqual(rows.map((row: any) => row.loyalty_score))
      })
    })

    describe("cap windows in the store's time zone", () => {
      const event = (customer: string, at: string, key: string, type = "page_viewed") => ({
        type,
        customer_id: customer,
        properties: { path: "/" },
        occurred_at: at,
        received_at: at,
        source: "medusa",
        idempotency_key: `tz:${customer}:${key}`,
        profile: {},
      })
      const ledger = (customer: string) =>
        sql(
          getContainer(),
          `SELECT e.occurred_at FROM marketing_score_entry e JOIN marketing_contact c ON c.id = e.contact_id
            WHERE c.customer_id = ? AND e.rule_id IS NOT NULL ORDER BY e.occurred_at`,
          [customer]
        ).then((rows) => rows.map((row: any) => new Date(row.occurred_at).toISOString()))

      it("resets daily and monthly caps at Tokyo midnight, live and in a recompute", async () => {
        await api.post("/admin/marketing/scoring-settings", { time_zone: "Asia/Tokyo" }, admin)
        await createRule({ name: "Daily visit", kind: "engagement", event_type: "page_viewed", points: 1, cap_count: 1, cap_period: "day" })
        await createRule({ name: "Monthly search", kind: "engagement", event_type: "search_performed", points: 1, cap_count: 1, cap_period: "month" })
        // Either side of 1 January 2027 in Tokyo (15:00 UTC on 31 December), one UTC month
        const months = ["2026-12-31T14:59:00.000Z", "2026-12-31T15:01:00.000Z"]
        for (const [i, at] of months.entries()) {
          await marketing().ingestEvents({ now: at, events: [event("cus_tz_2", at, `m${i}`, "search_performed")] })
        }
        expect(await ledger("cus_tz_2")).toEqual(months)
        // Either side of Tokyo midnight (15:00 UTC), one UTC day; then either side of UTC midnight, one Tokyo day
        const times = ["2026-12-04T14:59:00.000Z", "2026-12-04T15:01:00.000Z", "2026-12-05T23:59:00.000Z", "2026-12-06T00:01:00.000Z"]
        for (const [i, at] of times.entries()) {
          // The clock is injected: each event is scored the minute it happens
          await marketing().ingestEvents({ now: at, events: [event("cus_tz_1", at, String(i))] })
        }
        const tokyo = [times[0], times[1], times[2]]
        expect(await ledger("cus_tz_1")).toEqual(tokyo)

        const inPlace = await (async () => {
          const { recompute } = (await api.post("/admin/marketing/scoring/recompute", {}, admin)).data
          return waitFor(async () => {
            const r = await marketing().retrieveScoringRecompute(recompute.id)
            return r.status !== "running" ? r : null
          }, 60000)
        })()
        expect(inPlace.stats).toMatchObject({ entries_added: 0, entries_removed: 0, entries_changed: 0 })
        expect(await ledger("cus_tz_1")).toEqual(tokyo)
        expect(await ledger("cus_tz_2")).toEqual(months)

        // Back to UTC, a recompute caps by UTC days
        await api.post("/admin/marketing/scoring-settings", { time_zone: "UTC" }, admin)
        const { recompute } = (await api.post("/admin/marketing/scoring/recompute", {}, admin)).data
        await waitFor(async () => (await marketing().retrieveScoringRecompute(recompute.id)).status === "done", 60000)
        expect(await ledger("cus_tz_1")).toEqual([times[0], times[2], times[3]])
        expect(await ledger("cus_tz_2")).toEqual([months[0]])
      })

      it("rejects bad recency floors and time zones with a 400 naming the field, and writes nothing", async () => {
        const before = (await api.get("/admin/marketing/scoring-settings", admin)).data.scoring_settings
        const cases: [Record<string, unknown>, RegExp][] = [
          [{ recency_floor_days: 0 }, /recency_floor_days/],
          [{ recency_floor_days: 3651 }, /recency_floor_days/],
          [{ recency_floor_days: 2.5 }, /recency_floor_days/],
          [{ recency_floor_days: "30" }, /recency_floor_days/],
          [{ time_zone: "Mars/Olympus_Mons" }, /time_zone: Unknown time zone/],
          [{ time_zone: "" }, /time_zone/],
          [{ recency_floor_days: 45, time_zone: "Nowhere/Else" }, /time_zone/],
          [{ recency_floor_days: 0, time_zone: "Asia/Tokyo" }, /recency_floor_days/],
        ]
        for (const [body, message] of cases) {
          const err = await api.post("/admin/marketing/scoring-settings", body, admin).catch((e: any) => e)
          expect(err.response?.status).toBe(400)
          expect(err.response.data.message).toMatch(message)
        }
        const after = (await api.get("/admin/marketing/scoring-settings", admin)).data.scoring_settings
        expect(after).toEqual(before)
        expect(after).toMatchObject({ recency_floor_days: 30, time_zone: "UTC" })
        const ok = (await api.post("/admin/marketing/scoring-settings", { recency_floor_days: 45, time_zone: "europe/berlin" }, admin)).data
        // Stored by its canonical name, which Postgres knows too
        expect(ok.scoring_settings).toMatchObject({ recency_floor_days: 45, time_zone: "Europe/Berlin", effective_recency_floor_days: 45 })
      })
    })

    describe("rule changes and recompute", () => {
      const blogRule = {
        name: "Blog reader",
        kind: "engagement",
        event_type: "page_viewed",
        conditions: { and: [{ field: "properties.path", operator: "starts_with", value: "/blog" }] },
        points: 2,
        cap_count: 2,
        cap_period: "week",
      }
      const mobile = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"

      it("gives the same scores after a full recompute as live scoring did", async () => {
        await createRule(shoesRule)
        await createRule(blogRule)
        await createRule({ name: "Mobile", kind: "fit", conditions: { and: [{ field: "device_type", operator: "eq", value: "mobile" }] }, points: 7 })
        await createRule({ name: "Reviewer", kind: "loyalty", event_type: "custom:review", points: 10 })
        const visitors = Array.from({ length: 6 }, () => anonymousId())
        for (const [i, anon] of visitors.entries()) {
          const events = [
            ...Array.from({ length: i + 1 }, () => view(anon, i % 2 ? "shoes" : "hats")),
            ...Array.from({ length: i }, (_, k) => ({ type: "page_viewed", anonymous_id: anon, properties: { path: `/blog/${k}` } })),
            ...(i % 3 === 0 ? [{ type: "custom:review", anonymous_id: anon, properties: { stars: "5" } }] : []),
          ]
          await api.post("/store/marketing/events", { events }, storeHeaders(pk, undefined, i % 2 ? { "user-agent": mobile } : {}))
        }
        const live = await sql(
          getContainer(),
          `SELECT id, acquisition_score, fit_score, loyalty_points FROM marketing_contact WHERE deleted_at IS NULL ORDER BY id`
        )
        const liveEntries = await sql(getContainer(), `SELECT rule_id, event_id, delta FROM marketing_score_entry ORDER BY rule_id, event_id`)

        const { recompute } = (await api.post("/admin/marketing/scoring/recompute", {}, admin)).data
        const done = await waitFor(async () => {
          const r = (await api.get(`/admin/marketing/scoring/recomputes/${recompute.id}`, admin)).data.recompute
          return r.status !== "running" ? r : null
        })
        expect(done).toMatchObject({ status: "done", progress: 1 })
        // Live scoring left exactly the entries a recompute derives: nothing to change
        expect(done.stats).toMatchObject({ entries_added: 0, entries_removed: 0, entries_changed: 0, fit_corrections: 0 })
        const rebuilt = await sql(
          getContainer(),
          `SELECT id, acquisition_score, fit_score, loyalty_points FROM marketing_contact WHERE deleted_at IS NULL ORDER BY id`
        )
        expect(rebuilt).toEqual(live)
        const rebuiltEntries = await sql(
          getContainer(),
          `SELECT rule_id, event_id, delta FROM marketing_score_entry WHERE event_id IS NOT NULL ORDER BY rule_id, event_id`
        )
        expect(rebuiltEntries).toEqual(liveEntries.filter((e: any) => e.event_id))
      })

      it("matches as live scoring does with more rules of one event type than one mask holds, and typed properties", async () => {
        // 64 page_viewed rules: the recompute's per-event masks hold 62 rules each, so the last two use a second mask.
        const paths = Array.from({ length: 64 }, (_, k) => `/p${k}/`)
        for (const [k, path] of paths.entries()) {
          await createRule({ name: `Path ${k}`, kind: "engagement", event_type: "page_viewed",
            conditions: { and: [{ field: "properties.path", operator: "starts_with", value: path }] }, points: 1 })
        }
        // Text and number properties of another type, compared case-insensitively and numerically.
        await createRule({ name: "Shoes", kind: "engagement", event_type: "product_viewed",
          conditions: { and: [{ field: "properties.category", operator: "eq", value: "shoes" }] }, points: 3 })
        await createRule({ name: "Pricey", kind: "engagement", event_type: "product_viewed",
          conditions: { and: [{ field: "properties.price", operator: "gt", value: 100 }] }, points: 2 })
        const anon = anonymousId()
        await api.post("/store/marketing/events", {
          events: [
            ...["/p0/a", "/p61/a", "/p62/a", "/p63/a", "/p63/b", "/elsewhere"].map((path) => ({ type: "page_viewed", anonymous_id: anon, properties: { path } })),
            ...[["SHOES", 150], ["hats", 150.5], ["shoes", "150"], ["hats", 50]].map(([category, price]) => (
              { type: "product_viewed", anonymous_id: anon, properties: { product_id: `p-${category}-${price}`, category, price } })),
          ],
        }, storeHeaders(pk))
        const liveEntries = await sql(getContainer(), `SELECT r.name, e.event_id FROM marketing_score_entry e JOIN marketing_scoring_rule r ON r.id = e.rule_id ORDER BY 1, 2`)
        const count = (name: string) => liveEntries.filter((e: any) => e.name === name).length
        expect([count("Path 0"), count("Path 61"), count("Path 62"), count("Path 63"), count("Shoes"), count("Pricey")]).toEqual([1, 1, 1, 2, 2, 2])
        const [before] = await sql(getContainer(), `SELECT acquisition_score FROM marketing_contact WHERE deleted_at IS NULL AND acquisition_score <> 0`)

        const { recompute } = (await api.post("/admin/marketing/scoring/recompute", {}, admin)).data
        const done = await waitFor(async () => {
          const r = (await api.get(`/admin/marketing/scoring/recomputes/${recompute.id}`, admin)).data.recompute
          return r.status !== "running" ? r : null
        })
        expect(done).toMatchObject({ status: "done" })
        expect(done.stats).toMatchObject({ event_entries: liveEntries.length, entries_added: 0, entries_removed: 0, entries_changed: 0 })
        expect(await sql(getContainer(), `SELECT r.name, e.event_id FROM marketing_score_entry e JOIN marketing_scoring_rule r ON r.id = e.rule_id ORDER BY 1, 2`))
          .toEqual(liveEntries)
        const [after] = await sql(getContainer(), `SELECT acquisition_score FROM marketing_contact WHERE deleted_at IS NULL AND acquisition_score <> 0`)
        expect(after).toEqual(before)
      })

      it("after a rule edit changes only the entries that differ, and ends where a rebuild from an empty ledger does", async () => {
        const { scoring_rule: shoes } = await createRule(shoesRule)
        const { scoring_rule: blog } = await createRule(blogRule)
        // Untouched by the edit below, so that few of the entries change
        await createRule({ name: "Any page", kind: "engagement", event_type: "page_viewed", points: 1 })
        const { scoring_rule: mobileRule } = await createRule({ name: "Mobile", kind: "fit", conditions: { and: [{ field: "device_type", operator: "eq", value: "mobile" }] }, points: 7 })
        await createRule({ name: "Desktop", kind: "fit", conditions: { and: [{ field: "device_type", operator: "eq", value: "desktop" }] }, points: 3 })
        const desktop = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"
        const visitors = Array.from({ length: 6 }, () => anonymousId())
        for (const [i, anon] of visitors.entries()) {
          const events = [
            ...Array.from({ length: i % 3 }, () => view(anon, "shoes")),
            ...Array.from({ length: i + 2 }, (_, k) => ({ type: "page_viewed", anonymous_id: anon, properties: { path: `/blog/${k}` } })),
          ]
          await api.post("/store/marketing/events", { events }, storeHeaders(pk, undefined, { "user-agent": i % 2 ? mobile : desktop }))
        }
        const blogIds = async () =>
          (await sql(getContainer(), `SELECT id FROM marketing_score_entry WHERE rule_id = ? ORDER BY id`, [blog.id])).map((e: any) => e.id)
        const blogBefore = await blogIds()
        expect(blogBefore.length).toBeGreaterThan(0)

        // The owner edits the shoes rule and turns the mobile rule off, then applies both to history.
        await api.post(`/admin/marketing/scoring-rules/${shoes.id}`, { points: 6, cap_count: 1 }, admin)
        await api.post(`/admin/marketing/scoring-rules/${mobileRule.id}`, { active: false }, admin)
        const recomputed = async () => {
          const { recompute } = (await api.post("/admin/marketing/scoring/recompute", {}, admin)).data
          return waitFor(async () => {
            const r = await marketing().retrieveScoringRecompute(recompute.id)
            return r.status === "done" ? r : null
          })
        }
        const inPlace = await recomputed()
        expect(inPlace.stats.ledger_rebuilt).toBeUndefined()
        // Shoes: one view each for two contacts (6 points now), two each for two others (the second is over the new cap)
        // Only the edited rule is compared entry by entry: the others' fingerprints match
        expect(inPlace.stats).toMatchObject({ rules_compared: 1, entries_added: 0, entries_changed: 4, entries_removed: 2, fit_corrections: 3 })
        // Entries that did not change keep their ids
        expect(await blogIds()).toEqual(blogBefore)
        const mobileReasons = await sql(
          getContainer(),
          `SELECT delta, reason FROM marketing_score_entry WHERE rule_id = ? AND delta < 0 ORDER BY contact_id`,
          [mobileRule.id]
        )
        expect(mobileReasons).toEqual(Array.from({ length: 3 }, () => ({ delta: -7, reason: 'No longer matches "Mobile"' })))

        const scores = `SELECT id, acquisition_score, round(engagement_score::numeric, 3) AS engagement, fit_score, fit_rule_ids, loyalty_points, lifecycle_stage
                          FROM marketing_contact WHERE deleted_at IS NULL ORDER BY id`
        const ruleEntries = `SELECT contact_id, rule_id, event_id, delta, reason, occurred_at FROM marketing_score_entry
                              WHERE event_id IS NOT NULL ORDER BY rule_id, event_id`
        const fitSums = `SELECT contact_id, rule_id, sum(delta)::int AS points FROM marketing_score_entry
                          WHERE component = 'fit' GROUP BY contact_id, rule_id HAVING sum(delta) <> 0 ORDER BY contact_id, rule_id`
        const afterEdit = {
          scores: await sql(getContainer(), scores),
          entries: await sql(getContainer(), ruleEntries),
          fit: await sql(getContainer(), fitSums),
        }
        expect(afterEdit.fit.every((f: any) => f.rule_id !== mobileRule.id)).toBe(true)

        // A rule nobody edited is still checked: its fingerprint differs as soon
        // as one of its entries is lost, moved to another contact or re-timed;
        // and entries of a rule that no longer exists go.
        const again = await recomputed()
        expect(again.stats).toMatchObject({ rules_compared: 0, entries_added: 0, entries_changed: 0, entries_removed: 0, fit_corrections: 0 })
        const [lost, moved] = await sql(getContainer(), `SELECT id, contact_id FROM marketing_score_entry WHERE rule_id = ? ORDER BY id LIMIT 2`, [blog.id])
        const [other] = await sql(getContainer(), `SELECT id FROM marketing_contact WHERE id <> ? AND deleted_at IS NULL LIMIT 1`, [moved.contact_id])
        await sql(getContainer(), `DELETE FROM marketing_score_entry WHERE id = ?`, [lost.id])
        await sql(getContainer(), `UPDATE marketing_score_entry SET contact_id = ? WHERE id = ?`, [other.id, moved.id])
        const [event] = await sql(getContainer(), `SELECT id, contact_id, occurred_at FROM marketing_event ORDER BY id LIMIT 1`)
        await sql(
          getContainer(),
          `INSERT INTO marketing_score_entry (id, contact_id, score, component, delta, rule_id, event_id, reason, occurred_at)
           VALUES ('mscore_stray', ?, 'acquisition', 'engagement', 9, 'msrule_gone', ?, '+9 "Gone"', ?)`,
          [event.contact_id, event.id, event.occurred_at]
        )
        const repaired = await recomputed()
        expect(repaired.stats).toMatchObject({ rules_compared: 2, entries_added: 1, entries_changed: 1, entries_removed: 1 })
        expect(await sql(getContainer(), ruleEntries)).toEqual(afterEdit.entries)
        expect(await sql(getContainer(), scores)).toEqual(afterEdit.scores)

        // The same rules applied to an empty ledger: the bulk rebuild gives the same.
        await sql(getContainer(), `DELETE FROM marketing_score_entry WHERE component <> 'rfm'`)
        const rebuilt = await recomputed()
        expect(rebuilt.stats.ledger_rebuilt).toBe(1)
        expect(await sql(getContainer(), ruleEntries)).toEqual(afterEdit.entries)
        expect(await sql(getContainer(), fitSums)).toEqual(afterEdit.fit)
        expect(await sql(getContainer(), scores)).toEqual(afterEdit.scores)
      })

      it("is safe to run while events keep arriving", async () => {
        await createRule({ name: "Any page", kind: "engagement", event_type: "page_viewed", points: 1 })
        const visitors = Array.from({ length: 4 }, () => anonymousId())
        await Promise.all(visitors.map((anon) => track([{ type: "page_viewed", anonymous_id: anon }])))
        const { recompute } = (await api.post("/admin/marketing/scoring/recompute", {}, admin)).data
        // Events keep arriving while the rebuild runs
        await Promise.all(
          visitors.flatMap((anon) =>
            Array.from({ length: 5 }, (_, i) => track([{ type: "page_viewed", anonymous_id: anon, idempotency_key: `during-${anon}-${i}` }]))
          )
        )
        await waitFor(async () => (await marketing().retrieveScoringRecompute(recompute.id)).status === "done")
        // A caller that saw "done" runs a pass: it returns only once the events
        // the recompute's own catch-up may be scoring are committed.
        await marketing().processScoringBacklog()
        const after = await Promise.all(visitors.map(contactOf))
        expect(after.map((c) => c.acquisition_score)).toEqual([6, 6, 6, 6])
        const [{ n }] = await sql(getContainer(), `SELECT count(*)::int AS n FROM marketing_score_entry`)
        expect(n).toBe(24)
      })

      it("never makes ingestion wait for a recompute: events are parked, then scored", async () => {
        await createRule({ name: "Any page", kind: "engagement", event_type: "page_viewed", points: 3 })
        const anon = anonymousId()
        // Hold the recompute's lock from another connection
        const pg = getContainer().resolve("__pg_connection__") as any
        const trx = await pg.transaction()
        await trx.raw(`SELECT pg_advisory_xact_lock(hashtext('mma:scoring'))`)
        try {
          const res = await track([{ type: "page_viewed", anonymous_id: anon }, { type: "page_viewed", anonymous_id: anon }])
          expect(res.data.recorded).toBe(2)
          expect((await contactOf(anon)).acquisition_score).toBe(0)
          // The two page views and the session_started event of the session they opened.
          const [{ n }] = await sql(getContainer(), `SELECT count(*)::int AS n FROM marketing_scoring_backlog`)
          expect(n).toBe(3)
          expect((await marketing().processScoringBacklog()).scored).toBe(0) // still locked
        } finally {
          await trx.commit()
        }
        expect((await marketing().processScoringBacklog()).scored).toBe(3)
        expect((await contactOf(anon)).acquisition_score).toBe(6)
        const [{ n }] = await sql(getContainer(), `SELECT count(*)::int AS n FROM marketing_scoring_backlog`)
        expect(n).toBe(0)
      })

      describe("with events committing before, during and after each phase (paused, not timed)", () => {
        // Each hit of a pause point runs `onPoint`; `pauseNext` holds the next hit of a point until released.
        let onPoint: (point: ScoringPausePoint) => Promise<void>
        let armed: Map<ScoringPausePoint, { hit: () => void; gate: Promise<void> }>
        let cleanUp: (() => unknown)[]
        beforeEach(() => {
          onPoint = async () => {}
          armed = new Map()
          cleanUp = []
          setScoringPauseHook(async (point) => {
            const pause = armed.get(point)
            if (pause) {
              armed.delete(point)
              pause.hit()
              await pause.gate
            }
            await onPoint(point)
          })
        })
        // A failed test must not leave scoring paused (or the backlog locked) for the next ones.
        afterEach(async () => {
          setScoringPauseHook(null)
          for (const f of cleanUp) await f()
        })
        const pauseNext = (point: ScoringPausePoint) => {
          let hit!: () => void
          let release!: () => void
          const reached = new Promise<void>((r) => (hit = r))
          armed.set(point, { hit, gate: new Promise<void>((r) => (release = r)) })
          cleanUp.push(() => release())
          return { reached, release }
        }
        /** Whether a lock request in this suite's database waits: an advisory lock, or a lock on `table`. */
        const lockWaits = async (on: "advisory" | string) => {
          const [{ n }] = await sql(
            getContainer(),
            `SELECT count(*)::int AS n FROM pg_locks
              WHERE NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                AND ${on === "advisory" ? "locktype = 'advisory'" : "locktype = 'relation' AND relation = ?::regclass"}`,
            on === "advisory" ? [] : [on]
          )
          return n > 0
        }
        /** "returned" once `work` settles, "waiting" once a lock request on `on` waits, whichever comes first. */
        const returnsOrWaits = async (work: Promise<unknown>, on: "advisory" | string) => {
          let settled = false
          work.then(() => (settled = true), () => (settled = true))
          return waitFor(async () => (settled ? "returned" : (await lockWaits(on)) ? "waiting" : null), 120000)
        }
        const runRecompute = async () => {
          const recompute = await marketing().createScoringRecomputes({
            reason: "Test", status: "running", progress: 0, step: "Queued", started_at: new Date(),
          })
          const engine = getContainer().resolve(Modules.WORKFLOW_ENGINE) as any
          const run = engine.run("run-scoring-recompute", { input: { id: recompute.id } }) as Promise<unknown>
          return { id: recompute.id as string, run }
        }

        it("loses no points, in place or rebuilding the ledger, and ends where a fresh recompute does", async () => {
          await createRule({ name: "Any page", kind: "engagement", event_type: "page_viewed", points: 1 })
          const [a, b, c] = [anonymousId(), anonymousId(), anonymousId()]
          const sent = new Map([a, b, c].map((anon) => [anon, 0]))
          const pages = (anon: string, n = 1) => {
            sent.set(anon, sent.get(anon)! + n)
            return track(Array.from({ length: n }, () => ({ type: "page_viewed", anonymous_id: anon })))
          }
          const scores = () => Promise.all([a, b, c].map(async (anon) => (await contactOf(anon)).acquisition_score))
          const sentCounts = () => [a, b, c].map((anon) => sent.get(anon))
          const ledger = `SELECT contact_id, rule_id, event_id, delta, reason, occurred_at FROM marketing_score_entry ORDER BY event_id`
          // Enough history that a few events more or less leave the first recompute in place
          await Promise.all([a, b, c].map((anon) => pages(anon, 20)))

          const pg = getContainer().resolve("__pg_connection__") as any
          for (const round of ["in place", "rebuild"] as const) {
            if (round === "rebuild") await sql(getContainer(), `DELETE FROM marketing_score_entry`)
            const phases: string[] = []
            let straddler: { ingest: Promise<unknown>; hold: any } | undefined
            let catchUp: { reached: Promise<void>; release: () => void } | undefined
            onPoint = async (point) => {
              if (point === "backlog pass") {
                if (!phases.length || catchUp) return
                // After the commit, as its backlog pass starts: scored live. Then the pass is held with its rows locked.
                await Promise.all([pages(a), pages(b)])
                catchUp = pauseNext("scoring contacts")
                return
              }
              if (point === "scoring contacts") return
              phases.push(point)
              // During: committed between two phases (parked: the recompute holds the lock)
              await Promise.all([pages(a), pages(b)])
              if (point === "contacts") {
                // One more parks after updating its contact, but commits only once the recompute waits for the contact table
                const hold = await pg.transaction()
                cleanUp.push(() => hold.isCompleted() || hold.rollback())
                await hold.raw(`LOCK TABLE marketing_scoring_backlog IN SHARE MODE`)
                straddler = { ingest: pages(c), hold }
                await waitFor(() => lockWaits("marketing_scoring_backlog"), 120000)
              }
            }

            // Before: an ingestion scoring live holds the shared lock when the recompute asks for it
            const live = pauseNext("scoring contacts")
            const before = pages(a)
            await live.reached
            const { id, run } = await runRecompute()
            expect(await returnsOrWaits(run, "advisory")).toBe("waiting")
            live.release()
            await before

            await waitFor(async () => straddler, 120000)
            expect(await returnsOrWaits(run, "marketing_contact")).toBe("waiting")
            await straddler!.hold.commit()
            await straddler!.ingest

            // The recompute is done and a pass holds the parked events: another pass returns only once they are scored
            await waitFor(async () => catchUp, 120000)
            await catchUp!.reached
            expect((await marketing().retrieveScoringRecompute(id)).status).toBe("done")
            const pass = marketing().processScoringBacklog()
            if ((await returnsOrWaits(pass, "advisory")) === "returned") {
              expect(await scores()).toEqual(sentCounts())
            }
            catchUp!.release()
            await pass
            expect(await scores()).toEqual(sentCounts())
            await run
            expect(await scores()).toEqual(sentCounts())
            expect(await sql(getContainer(), `SELECT count(*)::int AS n FROM marketing_scoring_backlog`)).toEqual([{ n: 0 }])

            const { stats } = await marketing().retrieveScoringRecompute(id)
            if (round === "in place") {
              expect(phases).toEqual(["RFM", "matching", "ledger pass", "fingerprints", "comparison", "in-place changes", "totals and fit", "contacts"])
              expect(stats.ledger_rebuilt).toBeUndefined()
            } else {
              // The entry of the event scored live before the lock makes the ledger non-empty: fingerprinted, then too few
              expect(phases).toEqual(["RFM", "matching", "ledger pass", "fingerprints", "ledger rebuild", "totals and fit", "ledger indexes", "contacts"])
              expect(stats.ledger_rebuilt).toBe(1)
            }

            // A recompute with nothing arriving finds nothing to change
            onPoint = async () => {}
            const entries = await sql(getContainer(), ledger)
            expect(entries.length).toBe(sentCounts().reduce((x, y) => x! + y!, 0))
            const fresh = await runRecompute()
            await fresh.run
            expect((await marketing().retrieveScoringRecompute(fresh.id)).stats).toMatchObject({
              entries_added: 0, entries_removed: 0, entries_changed: 0, fit_corrections: 0,
            })
            expect(await sql(getContainer(), ledger)).toEqual(entries)
            expect(await scores()).toEqual(sentCounts())
          }
        })
      })

      it("applies a new rule to history when asked, and shows its reach first", async () => {
        const anon = anonymousId()
        await track([view(anon, "shoes"), view(anon, "shoes")])
        expect((await contactOf(anon)).acquisition_score).toBe(0)
        const preview = (
          await api.post(
            "/admin/marketing/scoring-rules/preview",
            { kind: "engagement", event_type: "product_viewed", conditions: shoesRule.conditions },
            admin
          )
        ).data
        expect(preview.count).toBe(1)
        const { recompute } = await createRule({ ...shoesRule, apply_to_history: true })
        expect(recompute.status).toBe("running")
        await waitFor(async () => (await marketing().retrieveScoringRecompute(recompute.id)).status === "done")
        expect((await contactOf(anon)).acquisition_score).toBe(10)

        const fields = (await api.get("/admin/marketing/scoring-rules/fields?kind=engagement&event_type=product_viewed", admin)).data
        expect(fields.fields.map((f: any) => f.name)).toContain("properties.category")
      })

      it("rejects invalid rules with a 400 naming the path, and writes nothing", async () => {
        const cases: [Record<string, unknown>, RegExp][] = [
          [{ ...shoesRule, event_type: "teleported" }, /event_type: Unknown event type/],
          [{ ...shoesRule, conditions: { and: [{ field: "properties.colour", operator: "eq", value: "red" }] } }, /conditions\.and\[0\]\.field/],
          [{ ...shoesRule, conditions: { and: [{ field: "properties.category", operator: "gt", value: 3 }] } }, /conditions\.and\[0\]\.operator/],
          [{ ...shoesRule, points: 0 }, /points/],
          [{ ...shoesRule, cap_period: undefined }, /cap_period/],
          [{ ...shoesRule, kind: "fit" }, /event_type/],
          [{ ...shoesRule, kind: "sideways" }, /kind/],
          [{ ...shoesRule, colour: "red" }, /colour/],
        ]
        for (const [body, message] of cases) {
          const err = await api.post("/admin/marketing/scoring-rules", body, admin).catch((e: any) => e)
          expect(err.response?.status).toBe(400)
          expect(err.response.data.message).toMatch(message)
        }
        const [{ n }] = await sql(getContainer(), `SELECT count(*)::int AS n FROM marketing_scoring_rule`)
        expect(n).toBe(0)
        const bad = await api
          .post("/admin/marketing/scoring-settings", { lead_threshold: 90, sales_ready_threshold: 80 }, admin)
          .catch((e: any) => e)
        expect(bad.response.status).toBe(400)
        expect(bad.response.data.message).toMatch(/lead_threshold/)
      })

      it("lists, edits, deactivates and deletes rules; the overview counts stages", async () => {
        const { scoring_rule } = await createRule(shoesRule)
        const list = (await api.get("/admin/marketing/scoring-rules", admin)).data
        expect(list.count).toBe(1)
        const edited = (await api.post(`/admin/marketing/scoring-rules/${scoring_rule.id}`, { points: 8, active: false }, admin)).data
        expect(edited.scoring_rule).toMatchObject({ points: 8, active: false })
        expect((await api.get(`/admin/marketing/scoring-rules/${scoring_rule.id}`, admin)).data.scoring_rule).toMatchObject({ points: 8, active: false })
        const anon = anonymousId()
        await track([view(anon, "shoes")])
        expect((await contactOf(anon)).acquisition_score).toBe(0)
        const overview = (await api.get("/admin/marketing/scoring/overview", admin)).data
        expect(overview.stages.find((s: any) => s.stage === "subscriber").count).toBeGreaterThan(0)
        expect(overview.acquisition_histogram.length).toBeGreaterThan(0)
        await api.delete(`/admin/marketing/scoring-rules/${scoring_rule.id}`, admin)
        expect((await api.get("/admin/marketing/scoring-rules", admin)).data.count).toBe(0)
        const byScore = (await api.get("/admin/marketing/contacts?order=-acquisition_score&lifecycle_stage=subscriber", admin)).data
        expect(byScore.count).toBeGreaterThan(0)
      })
    })

    /**
     * "Apply this rule to history" re-scores one rule alone (its event type's
     * events, its ledger entries, the contacts they move). After every kind of
     * edit it must leave exactly what a full rebuild would: a full recompute run
     * right after finds nothing to change, and a rebuild from an empty ledger
     * writes the same entries and scores.
     */
    describe("one rule applied to history", () => {
      const query = (text: string, params: unknown[] = []) => sql(getContainer(), text, params)
      const finished = (id: string) =>
        waitFor(async () => {
          const r = await marketing().retrieveScoringRecompute(id)
          return r.status !== "running" ? r : null
        }, 60000)
      const fullRecompute = async () => finished((await api.post("/admin/marketing/scoring/recompute", {}, admin)).data.recompute.id)

      const scores = `SELECT id, acquisition_score, round(engagement_score::numeric, 6) AS engagement, fit_score, fit_rule_ids,
                             loyalty_points, loyalty_score, lifecycle_stage
                        FROM marketing_contact WHERE deleted_at IS NULL ORDER BY id`
      const ruleEntries = `SELECT contact_id, rule_id, event_id, score, component, delta, reason, occurred_at FROM marketing_score_entry
                            WHERE event_id IS NOT NULL AND deleted_at IS NULL ORDER BY rule_id, event_id`
      const fitSums = `SELECT contact_id, rule_id, sum(delta)::int AS points FROM marketing_score_entry
                        WHERE component = 'fit' AND deleted_at IS NULL GROUP BY contact_id, rule_id HAVING sum(delta) <> 0 ORDER BY contact_id, rule_id`
      const snapshot = async () => ({ scores: await query(scores), entries: await query(ruleEntries), fit: await query(fitSums) })
      const entryIdsOf = async (ruleId: string) =>
        (await query(`SELECT id FROM marketing_score_entry WHERE rule_id = ? ORDER BY id`, [ruleId])).map((e: any) => e.id)

      const mobile = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"
      const desktop = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"

      it("applies each kind of rule edit alone and ends where a full rebuild does, entry for entry", async () => {
        const create = async (rule: Record<string, unknown>) =>
          (await api.post("/admin/marketing/scoring-rules", rule, admin)).data.scoring_rule
        const shoes = await create({
          name: "Viewed shoes", kind: "engagement", event_type: "product_viewed",
          conditions: { and: [{ field: "properties.category", operator: "eq", value: "shoes" }] }, points: 5, cap_count: 3, cap_period: "day",
        })
        const blog = await create({
          name: "Blog reader", kind: "engagement", event_type: "page_viewed",
          conditions: { and: [{ field: "properties.path", operator: "starts_with", value: "/blog" }] }, points: 2, cap_count: 2, cap_period: "week",
        })
        const anyPage = await create({ name: "Any page", kind: "engagement", event_type: "page_viewed", points: 1 })
        const mobileFit = await create({ name: "Mobile", kind: "fit", conditions: { and: [{ field: "device_type", operator: "eq", value: "mobile" }] }, points: 7 })
        const reviewer = await create({ name: "Reviewer", kind: "loyalty", event_type: "custom:review", points: 10 })

        // Spread over the last day (the store route keeps events at most 24 hours old), across a midnight for the caps.
        const hour = 3_600_000
        const start = Date.now() - 23 * hour
        for (let i = 0; i < 8; i++) {
          const anon = anonymousId()
          const at = (k: number) => new Date(start + k * 2 * hour + i * 1000).toISOString()
          const events = [
            ...Array.from({ length: 2 + (i % 4) }, (_, k) => ({
              type: "product_viewed", anonymous_id: anon, occurred_at: at(k),
              properties: { product_id: `p-${i}-${k}`, category: k % 3 === 2 ? "hats" : "shoes" },
            })),
            ...Array.from({ length: 1 + i }, (_, k) => ({
              type: "page_viewed", anonymous_id: anon, occurred_at: at(k), properties: { path: k % 2 ? `/blog/${k}` : `/p/${k}` },
            })),
            ...(i % 3 === 0 ? [{ type: "custom:review", anonymous_id: anon, occurred_at: at(1), properties: { stars: "5" } }] : []),
          ]
          await api.post("/store/marketing/events", { events }, storeHeaders(pk, undefined, { "user-agent": i % 2 ? mobile : desktop }))
        }
        // Live scoring and the full recompute agree to begin with.
        expect((await fullRecompute()).stats).toMatchObject({ entries_added: 0, entries_removed: 0, entries_changed: 0 })

        const applied = async (recompute: { id: string } | undefined) => {
          expect(recompute).toBeTruthy()
          const done = await finished(recompute!.id)
          expect({ status: done.status, error: done.error }).toEqual({ status: "done", error: null })
          expect(done.stats.scoped).toBe(1)
          expect(done.stats.ledger_rebuilt).toBeUndefined()
          return done.stats
        }
        const edit = async (id: string, update: Record<string, unknown>) =>
          applied((await api.post(`/admin/marketing/scoring-rules/${id}`, { ...update, apply_to_history: true }, admin)).data.recompute)

        const cases: [string, () => Promise<Record<string, number>>, string[]][] = [
          ["points", () => edit(shoes.id, { points: 6 }), [blog.id, anyPage.id, reviewer.id]],
          ["conditions", () => edit(shoes.id, { conditions: { or: [
            { field: "properties.category", operator: "eq", value: "shoes" },
            { field: "properties.category", operator: "eq", value: "hats" },
          ] } }), [blog.id, anyPage.id]],
          // 2 a week → 1 a week changes points whatever the hour: the 4 blog reads of 23 hours fall in at most
          // two weeks. (1 a day did not when the run's 23 hours put the reads two and two on both sides of a midnight.)
          ["cap", () => edit(blog.id, { cap_count: 1 }), [shoes.id, anyPage.id]],
          ["fit conditions and points", () => edit(mobileFit.id, { points: 4, conditions: { and: [{ field: "device_type", operator: "eq", value: "desktop" }] } }), [shoes.id, blog.id]],
          ["disabled", () => edit(reviewer.id, { active: false }), [shoes.id, blog.id]],
          ["enabled again", () => edit(reviewer.id, { active: true }), [shoes.id, blog.id]],
          ["deleted", async () => applied((await api.delete(`/admin/marketing/scoring-rules/${anyPage.id}?apply_to_history=true`, admin)).data.recompute), [shoes.id, blog.id]],
          ["created", async () => applied((await api.post("/admin/marketing/scoring-rules", {
            name: "Hat lover", kind: "loyalty", event_type: "product_viewed",
            conditions: { and: [{ field: "properties.category", operator: "eq", value: "hats" }] }, points: 3, apply_to_history: true,
          }, admin)).data.recompute), [shoes.id, blog.id]],
        ]

        for (const [kind, run, untouched] of cases) {
          const before = await snapshot()
          const idsBefore = await Promise.all(untouched.map(entryIdsOf))
          const stats = await run()
          const after = await snapshot()
          // The edit changed something, and left the other rules' entries as they were.
          expect({ kind, changed: JSON.stringify(after) !== JSON.stringify(before) }).toEqual({ kind, changed: true })
          expect({ kind, stats: stats.entries_added + stats.entries_removed + stats.entries_changed + stats.fit_corrections > 0 })
            .toEqual({ kind, stats: true })
          expect({ kind, ids: await Promise.all(untouched.map(entryIdsOf)) }).toEqual({ kind, ids: idsBefore })

          // A full recompute right after finds the ledger and every score as it would have left them.
          const full = await fullRecompute()
          expect({ kind, stats: full.stats }).toMatchObject({
            kind,
            stats: { rules_compared: 0, entries_added: 0, entries_removed: 0, entries_changed: 0, fit_corrections: 0, contacts_changed: 0 },
          })
          expect({ kind, ...(await snapshot()) }).toEqual({ kind, ...after })
        }

        // And a rebuild from an empty ledger writes the same entries and scores.
        const last = await snapshot()
        await query(`DELETE FROM marketing_score_entry WHERE component <> 'rfm'`)
        expect((await fullRecompute()).stats.ledger_rebuilt).toBe(1)
        expect(await snapshot()).toEqual(last)
      })

      it("scores events that arrive while a rule is applied, once", async () => {
        const rule = (await api.post("/admin/marketing/scoring-rules", { name: "Pages", kind: "engagement", event_type: "page_viewed", points: 1 }, admin)).data.scoring_rule
        const visitors = Array.from({ length: 3 }, () => anonymousId())
        await Promise.all(visitors.map((anon) => api.post("/store/marketing/events", { events: [{ type: "page_viewed", anonymous_id: anon }] }, storeHeaders(pk))))
        const { recompute } = (await api.post(`/admin/marketing/scoring-rules/${rule.id}`, { points: 2, apply_to_history: true }, admin)).data
        await Promise.all(
          visitors.flatMap((anon) =>
            Array.from({ length: 3 }, (_, i) =>
              api.post("/store/marketing/events", { events: [{ type: "page_viewed", anonymous_id: anon, idempotency_key: `d-${anon}-${i}` }] }, storeHeaders(pk))
            )
          )
        )
        await finished(recompute.id)
        await marketing().processScoringBacklog()
        const after = await Promise.all(
          visitors.map(async (anon) => (await query(
            `SELECT c.acquisition_score FROM marketing_contact c JOIN marketing_visitor v ON v.contact_id = c.id WHERE v.anonymous_id = ?`, [anon]
          ))[0].acquisition_score)
        )
        expect(after).toEqual([8, 8, 8])
        expect(await query(`SELECT count(*)::int AS n FROM marketing_score_entry WHERE rule_id = ?`, [rule.id])).toEqual([{ n: 12 }])
      })
    })
  },
})
