import { marketingTestRunner } from "../runner"
import {
  type AdminHeaders, anonymousId, contactOfAnonymousId, sql, storeAndAdmin, storeHeaders, TEST_APP_DIR, waitFor,
} from "../helpers"

jest.setTimeout(300000)

const MIN = 60_000
const DAY = 86_400_000
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)

marketingTestRunner({
  cwd: TEST_APP_DIR,
  testSuite: ({ api, getContainer }) => {
    let pk: string
    let admin: AdminHeaders

    beforeAll(async () => void ({ pk, admin } = await storeAndAdmin(getContainer())))

    const marketing = () => getContainer().resolve("marketing") as any
    const track = (events: unknown[], key = pk) => api.post("/store/marketing/events", { events }, storeHeaders(key))
    const sessionsOf = (contactId: string) =>
      sql(getContainer(), `SELECT * FROM marketing_session WHERE contact_id = ? ORDER BY started_at`, [contactId])
    const startsOf = (contactId: string) =>
      sql(getContainer(), `SELECT * FROM marketing_event WHERE contact_id = ? AND type = 'session_started' ORDER BY occurred_at`, [contactId])
    const iso = (ms: number) => new Date(ms).toISOString()

    /** A start an hour of events after which stays on one UTC day (the store's default zone) and in the past. */
    const hourOnOneDay = () => {
      const now = Date.now()
      const t = now - 3 * 3600_000
      return utcDay(t) === utcDay(t + 60 * MIN) ? t : now - 6 * 3600_000
    }

    /** A storefront event as the tracker sends it. */
    const ev = (anon: string, type: string, at: number, extra: Record<string, any> = {}) => ({
      type,
      anonymous_id: anon,
      occurred_at: iso(at),
      idempotency_key: `${anon}-${type}-${at}-${Math.random().toString(36).slice(2)}`,
      properties: extra.properties ?? {},
      context: { page_url: extra.page_url ?? "https://shop.test/", ...(extra.utm ? { utm: extra.utm } : {}) },
    })

    it("groups a visitor's events into sessions: 30 minutes of inactivity and a new campaign start one; duplicates count once", async () => {
      const anon = anonymousId()
      const t0 = hourOnOneDay()
      const spring = { source: "newsletter", medium: "email", campaign: "spring" }
      const first = [
        ev(anon, "page_viewed", t0, { utm: spring, page_url: "https://shop.test/?utm_campaign=spring" }),
        ev(anon, "product_viewed", t0 + 10 * MIN, { utm: spring, page_url: "https://shop.test/p/shoe", properties: { product_id: "prod_1", category: "Shoes" } }),
        ev(anon, "page_engaged", t0 + 12 * MIN, {
          utm: spring,
          properties: { engaged_ms: 120_000, path: "/p/shoe", page_type: "product", category: "Shoes", product_id: "prod_1" },
        }),
      ]
      expect((await track(first)).data).toEqual({ recorded: 3, duplicates: 0, dropped: 0 })
      // 38 minutes later (no campaign): a new session; 5 minutes after that, another campaign: a third.
      await track([ev(anon, "page_viewed", t0 + 50 * MIN, { page_url: "https://shop.test/about" })])
      await track([ev(anon, "page_viewed", t0 + 55 * MIN, { utm: { source: "ads", campaign: "summer" }, page_url: "https://shop.test/sale" })])
      // The same events again (a retry): nothing counted twice.
      expect((await track(first)).data).toEqual({ recorded: 0, duplicates: 3, dropped: 0 })
      // One more in the third session, in its own request.
      await track([ev(anon, "category_viewed", t0 + 58 * MIN, { utm: { source: "ads", campaign: "summer" }, properties: { category_id: "pcat_1", name: "Sale" } })])

      const contact = await contactOfAnonymousId(getContainer(), anon)
      const sessions = await sessionsOf(contact.id)
      expect(
        sessions.map((s) => ({
          started_at: s.started_at.toISOString(),
          ended_at: s.ended_at.toISOString(),
          pages: s.pages,
          engaged_ms: Number(s.engaged_ms),
          landing_page: s.landing_page,
          utm_source: s.utm_source,
          utm_campaign: s.utm_campaign,
          channel: s.channel,
        }))
      ).toEqual([
        {
          started_at: iso(t0),
          ended_at: iso(t0 + 12 * MIN),
          pages: 2,
          engaged_ms: 120_000,
          landing_page: "https://shop.test/?utm_campaign=spring",
          utm_source: "newsletter",
          utm_campaign: "spring",
          channel: "email",
        },
        { started_at: iso(t0 + 50 * MIN), ended_at: iso(t0 + 50 * MIN), pages: 1, engaged_ms: 0, landing_page: "https://shop.test/about", utm_source: null, utm_campaign: null, channel: "direct" },
        { started_at: iso(t0 + 55 * MIN), ended_at: iso(t0 + 58 * MIN), pages: 2, engaged_ms: 0, landing_page: "https://shop.test/sale", utm_source: "ads", utm_campaign: "summer", channel: expect.any(String) },
      ])
      const fresh = await contactOfAnonymousId(getContainer(), anon)
      expect({ count: fresh.sessions_count, engaged: Number(fresh.engaged_ms), last: fresh.last_session_at.toISOString() }).toEqual({
        count: 3,
        engaged: 120_000,
        last: iso(t0 + 55 * MIN),
      })
      const starts = await startsOf(contact.id)
      expect(starts.map((e) => [e.occurred_at.toISOString(), e.properties.session_id])).toEqual(sessions.map((s) => [s.started_at.toISOString(), s.id]))

      // The admin: the sessions, the totals and where the engaged time went; the timeline shows the sessions.
      const { data } = await api.get(`/admin/marketing/contacts/${contact.id}/sessions`, admin)
      expect(data).toMatchObject({
        sessions_count: 3,
        engaged_ms: 120_000,
        average_engaged_ms: 40_000,
        top_pages: [{ path: "/p/shoe", engaged_ms: 120_000 }],
        top_categories: [{ category: "Shoes", engaged_ms: 120_000 }],
      })
      expect(data.sessions.map((s: any) => [s.pages, s.duration_ms])).toEqual([[2, 3 * MIN], [1, 0], [2, 12 * MIN]])
      const detail = (await api.get(`/admin/marketing/contacts/${contact.id}`, admin)).data
      expect(detail.contact).toMatchObject({ sessions_count: 3, engaged_ms: 120_000 })
      expect(detail.events.filter((e: any) => e.type === "session_started")).toHaveLength(3)
      const missing = await api.get(`/admin/marketing/contacts/mcon_nope/sessions`, admin).catch((e: any) => e.response)
      expect(missing.status).toBe(404)
    })

    it("rejects a bad engaged-time report with a 400 naming the field, and writes nothing", async () => {
      const anon = anonymousId()
      for (const properties of [{ engaged_ms: "90s" }, { engaged_ms: 0 }, { engaged_ms: 2 * DAY }, { engaged_ms: 5000, page_type: "blog" }]) {
        const res = await track([{ type: "page_engaged", anonymous_id: anon, properties }]).catch((e: any) => e.response)
        expect(res.status).toBe(400)
        expect(res.data.field).toMatch(/^events\[0\]\.properties\.(engaged_ms|page_type)$/)
      }
      expect(await contactOfAnonymousId(getContainer(), anon)).toBeUndefined()
      // session_started is the server's: a storefront cannot send it.
      const res = await track([{ type: "session_started", anonymous_id: anon }]).catch((e: any) => e.response)
      expect(res.status).toBe(400)
    })

    it("gives one visitor's concurrent requests one session", async () => {
      const anon = anonymousId()
      const t0 = hourOnOneDay()
      const results = await Promise.all(
        Array.from({ length: 16 }, (_, i) => track([ev(anon, "page_viewed", t0 + i * MIN, { page_url: `https://shop.test/p/${i}` })]))
      )
      expect(results.every((r) => r.data.recorded === 1)).toBe(true)
      const contact = await contactOfAnonymousId(getContainer(), anon)
      const sessions = await sessionsOf(contact.id)
      expect(sessions.map((s) => [s.started_at.toISOString(), s.ended_at.toISOString(), s.pages])).toEqual([[iso(t0), iso(t0 + 15 * MIN), 16]])
      expect(contact.sessions_count).toBe(1)
      expect(await startsOf(contact.id)).toHaveLength(1)
    })

    it("moves a visitor's sessions onto its contact when stitched, and erasure deletes them", async () => {
      const [a, b] = [anonymousId(), anonymousId()]
      const email = `stitch-${Date.now()}@example.com`
      const t0 = hourOnOneDay()
      await track([ev(a, "page_viewed", t0), ev(a, "page_engaged", t0 + MIN, { properties: { engaged_ms: 30_000, page_type: "page", path: "/" } })])
      await track([ev(b, "page_viewed", t0 + 5 * MIN), ev(b, "page_engaged", t0 + 6 * MIN, { properties: { engaged_ms: 45_000, page_type: "page", path: "/" } })])
      const [ca, cb] = [await contactOfAnonymousId(getContainer(), a), await contactOfAnonymousId(getContainer(), b)]
      expect(ca.id).not.toBe(cb.id)
      await track([{ ...ev(a, "identify", t0 + 2 * MIN), properties: { email } }])
      await track([{ ...ev(b, "identify", t0 + 7 * MIN), properties: { email } }])

      const merged = await contactOfAnonymousId(getContainer(), b)
      expect((await contactOfAnonymousId(getContainer(), a)).id).toBe(merged.id)
      const sessions = await sessionsOf(merged.id)
      // Two devices' visits stay two sessions, both on the person.
      expect(sessions.map((s) => [s.started_at.toISOString(), Number(s.engaged_ms)])).toEqual([[iso(t0), 30_000], [iso(t0 + 5 * MIN), 45_000]])
      expect({ count: merged.sessions_count, engaged: Number(merged.engaged_ms) }).toEqual({ count: 2, engaged: 75_000 })
      const gone = merged.id === ca.id ? cb.id : ca.id
      expect(await sessionsOf(gone)).toEqual([])

      await api.post(`/admin/marketing/contacts/${merged.id}/erase`, {}, admin)
      expect(await sql(getContainer(), `SELECT id FROM marketing_session WHERE contact_id = ANY(?)`, [[ca.id, cb.id]])).toEqual([])
    })

    describe("segments and scoring", () => {
      /** Stores one visitor's events through ingest itself, so they can lie days back (the route clamps to 24 hours). */
      const ingest = (anon: string, events: { type: string; days_ago: number; properties?: object }[]) =>
        marketing().ingestEvents({
          events: events.map((e) => ({
            type: e.type,
            anonymous_id: anon,
            properties: e.properties ?? {},
            occurred_at: iso(Date.now() - e.days_ago * DAY),
            received_at: iso(Date.now()),
            source: "storefront",
            profile: { landing_page: "https://shop.test/" },
            visit: true,
          })),
        })
      const members = async (segmentId: string) =>
        (await sql(getContainer(), `SELECT contact_id FROM marketing_segment_membership WHERE segment_id = ? AND exited_at IS NULL ORDER BY contact_id`, [segmentId])).map(
          (r) => r.contact_id
        )
      const product = (ms: number, days: number) => ({ type: "page_engaged", days_ago: days, properties: { engaged_ms: ms, page_type: "product", path: "/p/x", category: "Shoes" } })

      it("selects '5 or more sessions in 30 days' and 'more than 3 minutes on product pages in 7 days'", async () => {
        const [regular, occasional, browser] = [anonymousId(), anonymousId(), anonymousId()]
        // Each contact's events in one batch. Six visits over 20 days (each a day: a session), and 200 s on a
        // product page during the visit 3 days ago.
        await ingest(regular, [...[1, 3, 6, 10, 15, 20].map((d) => ({ type: "page_viewed", days_ago: d })), product(200_000, 3 - 0.001)])
        // Three visits in the window and three older ones; 100 s on a product page in the window, 150 s before it.
        await ingest(occasional, [
          ...[2, 9, 25, 40, 50, 60].map((d) => ({ type: "page_viewed", days_ago: d })),
          product(100_000, 2 - 0.001),
          product(150_000, 9 - 0.001),
        ])
        // Long on a category page, not a product page.
        await ingest(browser, [{ type: "page_engaged", days_ago: 1, properties: { engaged_ms: 400_000, page_type: "category", path: "/c/shoes" } }])
        const [r, o, b] = await Promise.all([regular, occasional, browser].map((a) => contactOfAnonymousId(getContainer(), a)))
        expect([r.sessions_count, o.sessions_count, b.sessions_count]).toEqual([6, 6, 1])
        expect((await sessionsOf(r.id)).map((s) => Number(s.engaged_ms))).toEqual([0, 0, 0, 0, 200_000, 0])

        const frequent = (
          await api.post(
            "/admin/marketing/segments",
            { name: "Frequent visitors", definition: { event: { type: "session_started", count: { operator: "gte", value: 5 }, within_days: 30 } } },
            admin
          )
        ).data.segment
        const productTime = (
          await api.post(
            "/admin/marketing/segments",
            {
              name: "Product browsers",
              definition: {
                event: {
                  type: "page_engaged",
                  where: { field: "properties.page_type", operator: "eq", value: "product" },
                  total: { property: "engaged_ms", operator: "gt", value: 180_000 },
                  within_days: 7,
                },
              },
            },
            admin
          )
        ).data.segment
        const ours = (ids: string[]) => ids.filter((id) => [r.id, o.id, b.id].includes(id))
        expect(await waitFor(async () => ((x) => (x.length ? x : null))(ours(await members(frequent.id))), 60000)).toEqual([r.id])
        expect(await waitFor(async () => ((x) => (x.length ? x : null))(ours(await members(productTime.id))), 60000)).toEqual([r.id])

        // All-time fields on the contact.
        const preview = (
          await api.post(
            "/admin/marketing/segments/preview",
            { definition: { and: [{ field: "sessions_count", operator: "gte", value: 6 }, { field: "engaged_ms", operator: "gte", value: 250_000 }] } },
            admin
          )
        ).data
        // Six sessions each, 250 s engaged against 200 s.
        expect(preview.contacts.map((c: any) => c.id)).toContain(o.id)
        expect(preview.contacts.map((c: any) => c.id)).not.toContain(r.id)

        const bad = await api
          .post("/admin/marketing/segments", { name: "Bad", definition: { event: { type: "page_engaged", total: { property: "path", operator: "gt", value: 1 } } } }, admin)
          .catch((e: any) => e.response)
        expect(bad.status).toBe(400)
        expect(JSON.stringify(bad.data)).toContain("event.total.property")
      })

      it("scores a rule on engaged time on product pages", async () => {
        await api.post(
          "/admin/marketing/scoring-rules",
          {
            name: "A minute on a product",
            kind: "engagement",
            event_type: "page_engaged",
            conditions: {
              and: [
                { field: "properties.engaged_ms", operator: "gte", value: 60_000 },
                { field: "properties.page_type", operator: "eq", value: "product" },
              ],
            },
            points: 7,
          },
          admin
        )
        const anon = anonymousId()
        const t0 = hourOnOneDay()
        await track([
          ev(anon, "product_viewed", t0, { properties: { product_id: "prod_9" } }),
          ev(anon, "page_engaged", t0 + 2 * MIN, { properties: { engaged_ms: 90_000, page_type: "product", path: "/p/9" } }),
          ev(anon, "page_engaged", t0 + 3 * MIN, { properties: { engaged_ms: 30_000, page_type: "product", path: "/p/9" } }),
          ev(anon, "page_engaged", t0 + 4 * MIN, { properties: { engaged_ms: 90_000, page_type: "page", path: "/" } }),
        ])
        const contact = await contactOfAnonymousId(getContainer(), anon)
        expect(contact.acquisition_score).toBe(7)
      })
    })
  },
})
