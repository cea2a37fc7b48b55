import { marketingTestRunner } from "../runner"
import { type AdminHeaders, anonymousId, contactOfAnonymousId, sql, storeAndAdmin, storeHeaders, TEST_APP_DIR } from "../helpers"

jest.setTimeout(240000)

const SHOP = "https://shop.example.com"

marketingTestRunner({
  cwd: TEST_APP_DIR,
  testSuite: ({ api, getContainer }) => {
    let pk: string
    let admin: AdminHeaders

    beforeAll(async () => {
      ;({ pk, admin } = await storeAndAdmin(getContainer()))
    })

    const track = (events: unknown[]) => api.post("/store/marketing/events", { events }, storeHeaders(pk))
    const view = (anon: string, context: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
      type: "page_viewed",
      anonymous_id: anon,
      properties: { path: "/" },
      context: { page_url: `${SHOP}/`, ...context },
      ...extra,
    })
    const eventsOf = (contactId: string) =>
      sql(getContainer(), `SELECT type, channel FROM marketing_event WHERE contact_id = ? AND type <> 'session_started' ORDER BY occurred_at, id`, [contactId])
    /** The status and body of a request that may fail. */
    const attempt = async (request: Promise<any>) => {
      try {
        const res = await request
        return { status: res.status, data: res.data }
      } catch (e: any) {
        return { status: e.response?.status, data: e.response?.data }
      }
    }

    describe("classification at ingest", () => {
      it("sets the event's channel and the contact's first and last channel", async () => {
        const anon = anonymousId()
        const t0 = Date.now() - 60_000
        await track([
          view(anon, { referrer: "https://www.google.de/", page_url: `${SHOP}/?gclid=abc` }, { occurred_at: new Date(t0).toISOString() }),
          // an inner page: same-site referrer, no touch
          view(anon, { referrer: `${SHOP}/`, page_url: `${SHOP}/products/1` }, { occurred_at: new Date(t0 + 1000).toISOString() }),
        ])
        const contact = await contactOfAnonymousId(getContainer(), anon)
        expect(contact).toMatchObject({ first_channel: "paid_search", last_channel: "paid_search" })
        expect((await eventsOf(contact.id)).map((e) => e.channel)).toEqual(["paid_search", null])

        // a later visit from a social network moves the last channel only
        await track([view(anon, { referrer: "https://l.facebook.com/l.php?u=x" })])
        expect(await contactOfAnonymousId(getContainer(), anon)).toMatchObject({ first_channel: "paid_search", last_channel: "social" })

        // UTM overrides the referrer
        await track([view(anon, { referrer: "https://l.facebook.com/", utm: { source: "newsletter", medium: "email" } })])
        expect(await contactOfAnonymousId(getContainer(), anon)).toMatchObject({ first_channel: "paid_search", last_channel: "email" })
        expect((await eventsOf(contact.id)).map((e) => e.channel)).toEqual(["paid_search", null, "social", "email"])
      })

      it("a first visit with no touch is direct; a self-referral is no touch", async () => {
        const anon = anonymousId()
        await track([view(anon, { referrer: "https://checkout.shop.example.com/" })])
        const contact = await contactOfAnonymousId(getContainer(), anon)
        expect(contact).toMatchObject({ first_channel: "direct", last_channel: "direct" })
        expect((await eventsOf(contact.id)).map((e) => e.channel)).toEqual([null])
        await track([view(anon, { referrer: "https://duckduckgo.com/" })])
        expect(await contactOfAnonymousId(getContainer(), anon)).toMatchObject({ first_channel: "direct", last_channel: "organic_search" })
      })

      it("keeps the earliest first channel when two contacts merge", async () => {
        const early = anonymousId()
        const late = anonymousId()
        const email = `merge-${Date.now()}@example.com`
        await track([view(early, { utm: { source: "facebook", medium: "paid" } }, { occurred_at: new Date(Date.now() - 3_600_000).toISOString() })])
        await track([view(late, { referrer: "https://www.bing.com/" })])
        await track([{ type: "identify", anonymous_id: late, properties: { email } }])
        await track([{ type: "identify", anonymous_id: early, properties: { email } }])
        const a = await contactOfAnonymousId(getContainer(), early)
        const b = await contactOfAnonymousId(getContainer(), late)
        expect(a.id).toBe(b.id)
        expect(a).toMatchObject({ first_channel: "paid_social", last_channel: "organic_search" })
      })
    })

    describe("report settings", () => {
      it("reads and saves settings; a 400 names the field and writes nothing", async () => {
        const { data } = await api.get("/admin/marketing/reports/settings", admin)
        expect(data.report_settings).toMatchObject({ click_window_days: 5, open_window_days: 1, cost_per_email: 0, currency_code: "usd", channel_mappings: [] })
        expect(data.channels).toContain("paid_social")

        for (const [body, field] of [
          [{ click_window_days: -1 }, "click_window_days"],
          [{ currency_code: "euro" }, "currency_code"],
          [{ channel_mappings: [{ field: "utm_source", value: "x", channel: "tv" }] }, "channel_mappings[0].channel"],
          [{ channel_mappings: [{ field: "host", value: "x", channel: "social" }] }, "channel_mappings[0].field"],
          [{ unknown: 1 }, "body"],
        ] as const) {
          const res = await attempt(api.post("/admin/marketing/reports/settings", { cost_per_email: 9, ...body }, admin))
          expect(res.status).toBe(400)
          expect(res.data.message).toContain(field === "body" ? "unknown" : field)
        }
        expect((await api.get("/admin/marketing/reports/settings", admin)).data.report_settings.cost_per_email).toBe(0)

        const saved = await api.post("/admin/marketing/reports/settings", { cost_per_email: 0.002, currency_code: "EUR", click_window_days: 7 }, admin)
        expect(saved.data.report_settings).toMatchObject({ cost_per_email: 0.002, currency_code: "eur", click_window_days: 7, open_window_days: 1 })
      })

      it("a mapping change re-classifies contacts from their stored first and last touch", async () => {
        const anon = anonymousId()
        await track([view(anon, { utm: { source: "spring-promo" } })])
        const before = await contactOfAnonymousId(getContainer(), anon)
        expect(before).toMatchObject({ first_channel: "other", last_channel: "other" })
        const partner = anonymousId()
        await track([view(partner, { referrer: "https://blog.partner.io/post" })])
        expect(await contactOfAnonymousId(getContainer(), partner)).toMatchObject({ first_channel: "referral" })

        // first visit direct, then a promo visit: the stored first UTM came later, so the first channel stays direct
        const later = anonymousId()
        await track([view(later, {}, { occurred_at: new Date(Date.now() - 60_000).toISOString() })])
        await track([view(later, { utm: { source: "spring-promo" } })])
        expect(await contactOfAnonymousId(getContainer(), later)).toMatchObject({ first_channel: "direct", last_channel: "other", first_utm_source: "spring-promo" })

        const mappings = [
          { field: "utm_source", value: "Spring-Promo", channel: "paid_social" },
          { field: "referrer_domain", value: "partner.io", channel: "affiliate" },
        ]
        const res = await api.post("/admin/marketing/reports/settings", { channel_mappings: mappings }, admin)
        expect(res.data.report_settings.channel_mappings).toEqual(mappings)
        expect(res.data.reclassified).toBeGreaterThanOrEqual(2)
        expect(await contactOfAnonymousId(getContainer(), anon)).toMatchObject({ first_channel: "paid_social", last_channel: "paid_social" })
        expect(await contactOfAnonymousId(getContainer(), partner)).toMatchObject({ first_channel: "affiliate", last_channel: "affiliate" })
        expect(await contactOfAnonymousId(getContainer(), later)).toMatchObject({ first_channel: "direct", last_channel: "paid_social" })

        // new touches use the mappings at once
        const fresh = anonymousId()
        await track([view(fresh, { utm: { source: "spring-promo", medium: "banner" } })])
        expect(await contactOfAnonymousId(getContainer(), fresh)).toMatchObject({ first_channel: "paid_social" })

        // removing them puts the built-in rules back
        await api.post("/admin/marketing/reports/settings", { channel_mappings: [] }, admin)
        expect(await contactOfAnonymousId(getContainer(), anon)).toMatchObject({ first_channel: "other" })
        expect(await contactOfAnonymousId(getContainer(), partner)).toMatchObject({ first_channel: "referral" })
      })
    })

    describe("segments", () => {
      it("selects contacts by first channel", async () => {
        const paid = anonymousId()
        const organic = anonymousId()
        await track([view(paid, { utm: { source: "google", medium: "cpc", campaign: "seg-test" } })])
        await track([view(organic, { referrer: "https://www.google.com/" })])
        const paidId = (await contactOfAnonymousId(getContainer(), paid)).id
        const organicId = (await contactOfAnonymousId(getContainer(), organic)).id
        const { data } = await api.post(
          "/admin/marketing/segments/preview",
          { definition: { field: "first_channel", operator: "eq", value: "paid_search" } },
          admin
        )
        const ids = data.contacts.map((c: any) => c.id)
        expect(ids).toContain(paidId)
        expect(ids).not.toContain(organicId)
        const bad = await attempt(
          api.post("/admin/marketing/segments/preview", { definition: { field: "first_channel", operator: "eq", value: "tv" } }, admin)
        )
        expect(bad.status).toBe(400)
        const fields = (await api.get("/admin/marketing/segments/fields", admin)).data.fields
        expect(fields.find((f: any) => f.name === "first_channel")).toMatchObject({ type: "enum", values: expect.arrayContaining(["paid_search", "direct"]) })
      })
    })

    describe("spend and CAC", () => {
      it("creates, lists, updates and deletes spend; 400s name the field and write nothing", async () => {
        const count = async () => (await sql(getContainer(), `SELECT count(*)::int AS n FROM marketing_channel_spend`))[0].n
        const before = await count()
        for (const [body, field] of [
          [{ month: "2026-13" }, "month"],
          [{ month: "2026-1" }, "month"],
          [{ channel: "tv" }, "channel"],
          [{ amount: -5 }, "amount"],
          [{ currency_code: "eu" }, "currency_code"],
        ] as const) {
          const res = await attempt(
            api.post("/admin/marketing/reports/spend", { month: "2026-08", channel: "social", amount: 10, currency_code: "eur", ...(body as Record<string, unknown>) }, admin)
          )
          expect(res.status).toBe(400)
          expect(res.data.message).toContain(field)
        }
        expect(await count()).toBe(before)

        const created = await api.post(
          "/admin/marketing/reports/spend",
          { month: "2026-08", channel: "social", amount: 120.5, currency_code: "EUR", utm_campaign: "summer" },
          admin
        )
        expect(created.status).toBe(201)
        const spend = created.data.spend
        expect(spend).toMatchObject({ month: "2026-08", channel: "social", amount: 120.5, currency_code: "eur", utm_campaign: "summer" })
        await api.post("/admin/marketing/reports/spend", { month: "2026-06", channel: "email", amount: 5, currency_code: "eur" }, admin)

        const list = await api.get("/admin/marketing/reports/spend?from_month=2026-07&to_month=2026-08&channel=social", admin)
        expect(list.data.spend.map((s: any) => s.id)).toEqual([spend.id])
        expect((await attempt(api.get("/admin/marketing/reports/spend?from_month=2026-09&to_month=2026-08", admin))).data.message).toContain("to_month")

        const bad = await attempt(api.post(`/admin/marketing/reports/spend/${spend.id}`, { amount: -1 }, admin))
        expect(bad.status).toBe(400)
        const updated = await api.post(`/admin/marketing/reports/spend/${spend.id}`, { amount: 200 }, admin)
        expect(updated.data.spend).toMatchObject({ id: spend.id, amount: 200, channel: "social" })
        expect((await api.get(`/admin/marketing/reports/spend/${spend.id}`, admin)).data.spend).toEqual(updated.data.spend)
        expect((await attempt(api.post(`/admin/marketing/reports/spend/mcsp_missing`, { amount: 1 }, admin))).status).toBe(404)

        await api.delete(`/admin/marketing/reports/spend/${spend.id}`, admin)
        expect((await api.get("/admin/marketing/reports/spend?channel=social", admin)).data.spend).toEqual([])
        await sql(getContainer(), `DELETE FROM marketing_channel_spend`)
      })

      it("CAC per channel on a known month", async () => {
        const tag = () => Math.random().toString(36).slice(2, 10)
        const customer = async (channel: string | null, orders: string[]) => {
          const id = `mcon_${tag()}${tag()}`
          await sql(getContainer(), `INSERT INTO marketing_contact (id, first_channel, first_seen_at, last_seen_at) VALUES (?, ?, '2026-08-01', now())`, [id, channel])
          for (const at of orders) {
            await sql(
              getContainer(),
              `INSERT INTO marketing_event (id, contact_id, type, properties, occurred_at, received_at, source) VALUES (?, ?, 'order_placed', '{}'::jsonb, ?, now(), 'medusa')`,
              [`mevt_${tag()}${tag()}`, id, at]
            )
          }
          return id
        }
        // four new paid-search customers in October (one ordered again in November)
        await customer("paid_search", ["2026-10-01T00:00:00Z"])
        await customer("paid_search", ["2026-10-15T12:00:00Z", "2026-11-02T10:00:00Z"])
        await customer("paid_search", ["2026-10-20T08:00:00Z"])
        await customer("paid_search", ["2026-10-31T23:59:59Z"])
        // first order in September: not new in October
        await customer("paid_search", ["2026-09-30T23:59:59Z", "2026-10-05T00:00:00Z"])
        // other channels
        await customer("social", ["2026-10-10T00:00:00Z"])
        await customer(null, ["2026-10-11T00:00:00Z"])

        for (const body of [
          { month: "2026-10", channel: "paid_search", amount: 600, currency_code: "eur" },
          { month: "2026-10", channel: "paid_search", amount: 400, currency_code: "eur", utm_source: "google" },
          { month: "2026-10", channel: "paid_search", amount: 100, currency_code: "usd" },
          { month: "2026-10", channel: "affiliate", amount: 50, currency_code: "eur" },
          { month: "2026-09", channel: "paid_search", amount: 70, currency_code: "eur" },
        ]) {
          await api.post("/admin/marketing/reports/spend", body, admin)
        }

        const { data } = await api.get("/admin/marketing/reports/channels?from=2026-10&to=2026-11", admin)
        expect(data.period).toEqual({ from: "2026-10-01T00:00:00.000Z", to: "2026-11-01T00:00:00.000Z" })
        const row = (channel: string) => data.months.find((m: any) => m.month === "2026-10" && m.channel === channel)
        expect(row("paid_search")).toEqual({
          month: "2026-10",
          channel: "paid_search",
          new_customers: 4,
          spend: [{ currency_code: "eur", amount: 1000 }, { currency_code: "usd", amount: 100 }],
          cac: [{ currency_code: "eur", amount: 250 }, { currency_code: "usd", amount: 25 }],
        })
        expect(row("social")).toMatchObject({ new_customers: 1, spend: [], cac: [] })
        expect(row("direct")).toMatchObject({ new_customers: 1 })
        expect(row("affiliate")).toMatchObject({ new_customers: 0, cac: [{ currency_code: "eur", amount: null }] })
        expect(data.months.every((m: any) => m.month === "2026-10")).toBe(true)

        const sept = (await api.get("/admin/marketing/reports/channels?from=2026-09-01&to=2026-10-01", admin)).data
        expect(sept.months).toEqual([
          { month: "2026-09", channel: "paid_search", new_customers: 1, spend: [{ currency_code: "eur", amount: 70 }], cac: [{ currency_code: "eur", amount: 70 }] },
        ])

        for (const [query, field] of [
          ["from=yesterday", "from"],
          ["to=2026-13", "to"],
          ["from=2026-11&to=2026-10", "to"],
        ]) {
          const res = await attempt(api.get(`/admin/marketing/reports/channels?${query}`, admin))
          expect(res.status).toBe(400)
          expect(res.data.message).toContain(`${field}:`)
        }
      })
    })
  },
})
