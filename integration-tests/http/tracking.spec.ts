import { marketingTestRunner } from "../runner"
import { Modules } from "@medusajs/framework/utils"
import { createOrderWorkflow } from "@medusajs/medusa/core-flows"
import {
  TEST_APP_DIR, anonymousId, createPublishableKey, registerCustomer, sql, storeHeaders, waitFor,
} from "../helpers"

jest.setTimeout(120000)

const CHROME_MOBILE =
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36"

marketingTestRunner({
  cwd: TEST_APP_DIR,
  testSuite: ({ api, getContainer }) => {
    let pk: string

    beforeAll(async () => {
      pk = await createPublishableKey(getContainer())
    })

    const track = (events: unknown, token?: string, extraHeaders: Record<string, string> = {}) =>
      api.post("/store/marketing/events", events, storeHeaders(pk, token, extraHeaders))

    const contactsOfVisitor = (anon: string) =>
      sql(
        getContainer(),
        `SELECT c.* FROM marketing_visitor v JOIN marketing_contact c ON c.id = v.contact_id
          WHERE v.anonymous_id = ? AND c.deleted_at IS NULL`,
        [anon]
      )

    describe("POST /store/marketing/events", () => {
      it("requires the publishable API key", async () => {
        const err = await api
          .post("/store/marketing/events", { type: "page_viewed", anonymous_id: anonymousId() })
          .catch((e: any) => e)
        expect(err.response.status).toBe(400)
        expect(err.response.data.message).toMatch(/publishable/i)
      })

      it("creates an anonymous contact from a tracked view, with device and first touch", async () => {
        const anon = anonymousId()
        const res = await track(
          {
            type: "product_viewed",
            anonymous_id: anon,
            properties: { product_id: "prod_1", category: "shoes" },
            context: {
              page_url: "https://shop.example.com/products/runner?utm_source=google",
              referrer: "https://www.google.com/",
              utm: { source: "Google", medium: "cpc", campaign: "spring" },
            },
          },
          undefined,
          { "user-agent": CHROME_MOBILE }
        )
        expect(res.status).toBe(200)
        expect(res.data).toEqual({ recorded: 1, duplicates: 0, dropped: 0 })

        const [contact] = await contactsOfVisitor(anon)
        expect(contact).toMatchObject({
          customer_id: null,
          device_type: "mobile",
          os: "Android",
          browser: "Chrome",
          first_utm_source: "google",
          first_utm_medium: "cpc",
          last_utm_campaign: "spring",
          referrer: "https://www.google.com/",
          landing_page: "https://shop.example.com/products/runner?utm_source=google",
        })
        // The tracked event (the session it opened has its own session_started, in sessions.spec.ts).
        const events = await sql(getContainer(), `SELECT * FROM marketing_event WHERE contact_id = ? AND type <> 'session_started'`, [contact.id])
        expect(events).toHaveLength(1)
        expect(events[0]).toMatchObject({ type: "product_viewed", source: "storefront" })
        expect(events[0].properties).toEqual({ product_id: "prod_1", category: "shoes" })

        // A second visit keeps the first touch and moves the last one
        await track({
          type: "page_viewed",
          anonymous_id: anon,
          properties: { path: "/" },
          context: { utm: { source: "newsletter", medium: "email" } },
        })
        const [again] = await contactsOfVisitor(anon)
        expect(again.id).toBe(contact.id)
        expect(again).toMatchObject({ first_utm_source: "google", last_utm_source: "newsletter" })
      })

      it("announces recorded events and merges on Medusa's event bus", async () => {
        const eventBus = getContainer().resolve(Modules.EVENT_BUS) as any
        const received: { name: string; data: any }[] = []
        const listener = async (event: any) => {
          received.push({ name: event.name, data: event.data })
        }
        eventBus.subscribe("marketing.events_recorded", listener, { subscriberId: "test-recorded" })
        eventBus.subscribe("marketing.contact_merged", listener, { subscriberId: "test-merged" })
        const anon = anonymousId()
        await track({ events: [{ type: "page_viewed", anonymous_id: anon }, { type: "search_performed", anonymous_id: anon }] })
        const [contact] = await contactsOfVisitor(anon)
        const recorded = await waitFor(async () => received.find((e) => e.data?.contact_id === contact.id))
        expect(recorded.name).toBe("marketing.events_recorded")
        expect(recorded.data.types.sort()).toEqual(["page_viewed", "search_performed"])

        const { customer, token } = await registerCustomer(api, pk, `bus-${anon}@example.com`)
        await waitFor(async () =>
          (await sql(getContainer(), `SELECT id FROM marketing_contact WHERE customer_id = ?`, [customer.id]))[0]
        )
        await track({ type: "identify", anonymous_id: anon }, token)
        const merged = await waitFor(async () => received.find((e) => e.name === "marketing.contact_merged"))
        expect(merged.data.source_id).toBe(contact.id)
      })

      it("clamps client timestamps to the server's clock", async () => {
        const anon = anonymousId()
        const before = Date.now()
        await track({
          events: [
            { type: "page_viewed", anonymous_id: anon, occurred_at: "2999-01-01T00:00:00Z", idempotency_key: "future-1" },
            { type: "page_viewed", anonymous_id: anon, occurred_at: "2001-01-01T00:00:00Z", idempotency_key: "ancient-1" },
          ],
        })
        const rows = await sql(
          getContainer(),
          `SELECT idempotency_key, occurred_at FROM marketing_event WHERE idempotency_key IN ('future-1', 'ancient-1')`
        )
        const byKey = Object.fromEntries(rows.map((r: any) => [r.idempotency_key, new Date(r.occurred_at).getTime()]))
        expect(byKey["future-1"]).toBeGreaterThanOrEqual(before - 1000)
        expect(byKey["future-1"]).toBeLessThanOrEqual(Date.now())
        expect(byKey["ancient-1"]).toBeGreaterThanOrEqual(before - 24 * 3600_000 - 1000)
      })

      it("rejects a batch with any invalid event whole, naming the index and field", async () => {
        const anon = anonymousId()
        const [{ count: before }] = await sql(getContainer(), `SELECT count(*)::int AS count FROM marketing_event`)
        const cases: [unknown, RegExp][] = [
          [
            { events: [{ type: "page_viewed", anonymous_id: anon }, { type: "teleported", anonymous_id: anon }] },
            /events\[1\]\.type/,
          ],
          [
            { events: [{ type: "page_viewed", anonymous_id: anon }, { type: "page_viewed" }] },
            /events\[1\]\.anonymous_id/,
          ],
          [
            { events: [{ type: "identify", anonymous_id: anon, properties: { email: "not-an-email" } }] },
            /events\[0\]\.properties\.email/,
          ],
          [
            { events: [{ type: "identify", anonymous_id: anon, properties: { company: "Acme", job_title: "x".repeat(257) } }] },
            /events\[0\]\.properties\.job_title/,
          ],
          [
            { events: [{ type: "page_viewed", anonymous_id: anon, properties: { blob: "x".repeat(9000) } }] },
            /events\[0\]\.properties/,
          ],
          [{ events: Array.from({ length: 101 }, () => ({ type: "page_viewed", anonymous_id: anon })) }, /events/],
          [{ events: [] }, /events/],
          [{ events: [{ type: "page_viewed", anonymous_id: anon, surprise: 1 }] }, /events\[0\]/],
        ]
        for (const [body, field] of cases) {
          const err = await track(body).catch((e: any) => e)
          expect(err.response?.status).toBe(400)
          expect(err.response.data.message).toMatch(field)
        }
        const [{ count: after }] = await sql(getContainer(), `SELECT count(*)::int AS count FROM marketing_event`)
        expect(after).toBe(before)
        expect(await contactsOfVisitor(anon)).toHaveLength(0)
      })

      it("writes nothing new for a repeated idempotency key", async () => {
        const anon = anonymousId()
        const event = { type: "product_viewed", anonymous_id: anon, idempotency_key: `key-${anon}`, properties: { product_id: "p" } }
        const first = await track(event)
        const second = await track({ events: [event, event] })
        expect(first.data).toMatchObject({ recorded: 1, duplicates: 0 })
        expect(second.data).toMatchObject({ recorded: 0, duplicates: 2 })
        const rows = await sql(getContainer(), `SELECT id FROM marketing_event WHERE idempotency_key = ?`, [`key-${anon}`])
        expect(rows).toHaveLength(1)
      })

      it("accepts the tracker's sendBeacon flush with the key in the query", async () => {
        const anon = anonymousId()
        const body = JSON.stringify({ events: [{ type: "page_viewed", anonymous_id: anon, properties: { path: "/bye" } }] })
        const res = await api.post(`/marketing/events/beacon?publishable_key=${pk}`, body, {
          headers: { "content-type": "text/plain;charset=UTF-8" },
        })
        expect(res.data).toMatchObject({ recorded: 1 })
        expect(await contactsOfVisitor(anon)).toHaveLength(1)

        const bad = await api
          .post(`/marketing/events/beacon?publishable_key=pk_nope`, body, { headers: { "content-type": "text/plain" } })
          .catch((e: any) => e)
        expect(bad.response.status).toBe(400)
      })
    })

    describe("GET /marketing/tracker.js", () => {
      it("serves the storefront tracker with caching headers", async () => {
        const res = await api.get("/marketing/tracker.js")
        expect(res.status).toBe(200)
        expect(res.headers["content-type"]).toMatch(/javascript/)
        expect(res.data).toContain("MarketingTracker")
        const again = await api
          .get("/marketing/tracker.js", { headers: { "if-none-match": res.headers.etag }, validateStatus: () => true })
        expect(again.status).toBe(304)
      })
    })

    describe("consent", () => {
      it("stores nothing beyond strictly necessary events when analytics consent is denied", async () => {
        const anon = anonymousId()
        const denied = { analytics: false }
        const res = await track(
          {
            events: [
              { type: "page_viewed", anonymous_id: anon, consent: denied, context: { utm: { source: "google" } } },
              { type: "product_viewed", anonymous_id: anon, consent: denied, properties: { product_id: "p1" } },
            ],
          },
          undefined,
          { "user-agent": CHROME_MOBILE }
        )
        expect(res.data).toEqual({ recorded: 0, duplicates: 0, dropped: 2 })
        expect(await contactsOfVisitor(anon)).toHaveLength(0)

        // The shopper types their email into the newsletter form: that is kept,
        // behaviour and technographics are not.
        const identify = await track(
          {
            events: [
              {
                type: "identify",
                anonymous_id: anon,
                consent: denied,
                properties: { email: "Private@Example.com", email_marketing_consent: true, consent_source: "newsletter" },
                context: { utm: { source: "google" } },
              },
              { type: "search_performed", anonymous_id: anon, consent: denied, properties: { query: "boots" } },
            ],
          },
          undefined,
          { "user-agent": CHROME_MOBILE }
        )
        expect(identify.data).toEqual({ recorded: 1, duplicates: 0, dropped: 1 })
        const [contact] = await contactsOfVisitor(anon)
        expect(contact).toMatchObject({
          email: "private@example.com",
          analytics_consent: "denied",
          email_marketing_consent: "granted",
          email_marketing_consent_source: "newsletter",
          device_type: null,
          first_utm_source: null,
        })
        const types = await sql(getContainer(), `SELECT type FROM marketing_event WHERE contact_id = ?`, [contact.id])
        expect(types.map((t: any) => t.type)).toEqual(["identify"])

        // Later events without a flag follow the stored denial
        const later = await track({ type: "page_viewed", anonymous_id: anon })
        expect(later.data).toMatchObject({ recorded: 0, dropped: 1 })
      })
    })

    describe("identity stitching", () => {
      it("merges the anonymous contact into the customer's contact when the visitor logs in", async () => {
        const anon = anonymousId()
        await track({ events: [
          { type: "product_viewed", anonymous_id: anon, properties: { product_id: "p1" }, context: { utm: { source: "instagram" } } },
          { type: "category_viewed", anonymous_id: anon, properties: { category_id: "c1" } },
        ] })
        const [anonymous] = await contactsOfVisitor(anon)
        expect(anonymous.customer_id).toBeNull()

        const { customer, token } = await registerCustomer(api, pk, `shopper-${anon}@example.com`)
        const customerContact = await waitFor(async () =>
          (await sql(getContainer(), `SELECT * FROM marketing_contact WHERE customer_id = ? AND deleted_at IS NULL`, [customer.id]))[0]
        )
        expect(customerContact.id).not.toBe(anonymous.id)

        const res = await track({ type: "identify", anonymous_id: anon, properties: {} }, token)
        expect(res.status).toBe(200)

        const [merged] = await contactsOfVisitor(anon)
        expect(merged.id).toBe(customerContact.id)
        expect(merged).toMatchObject({
          customer_id: customer.id,
          email: `shopper-${anon}@example.com`,
          first_name: "Ada",
          first_utm_source: "instagram",
        })
        const events = await sql(getContainer(), `SELECT type FROM marketing_event WHERE contact_id = ? ORDER BY occurred_at`, [merged.id])
        expect(events.map((e: any) => e.type)).toEqual(
          expect.arrayContaining(["product_viewed", "category_viewed", "customer_created", "identify"])
        )
        const [old] = await sql(getContainer(), `SELECT deleted_at, merged_into_id FROM marketing_contact WHERE id = ?`, [anonymous.id])
        expect(old.deleted_at).not.toBeNull()
        expect(old.merged_into_id).toBe(merged.id)

        // Later events with the old anonymous id land on the merged contact
        await track({ type: "page_viewed", anonymous_id: anon, properties: { path: "/after" } })
        const [{ count }] = await sql(
          getContainer(),
          `SELECT count(*)::int AS count FROM marketing_event WHERE contact_id = ? AND type = 'page_viewed'`,
          [merged.id]
        )
        expect(count).toBe(1)

        // A repeated login merges nothing more
        await track({ type: "identify", anonymous_id: anon, properties: {} }, token)
        const live = await sql(
          getContainer(),
          `SELECT id FROM marketing_contact WHERE (customer_id = ? OR id = ?) AND deleted_at IS NULL`,
          [customer.id, anonymous.id]
        )
        expect(live).toHaveLength(1)
      })

      it("stays one contact when logins and anonymous events race", async () => {
        const anon = anonymousId()
        await track({ type: "page_viewed", anonymous_id: anon })
        const { customer, token } = await registerCustomer(api, pk, `racer-${anon}@example.com`)
        const otherAnon = anonymousId()

        const requests: Promise<any>[] = []
        for (let i = 0; i < 12; i++) {
          requests.push(track({ type: "identify", anonymous_id: anon, idempotency_key: `race-login-${anon}-${i}` }, token))
          requests.push(track({ type: "page_viewed", anonymous_id: anon, idempotency_key: `race-anon-${anon}-${i}` }))
          requests.push(track({ type: "page_viewed", anonymous_id: otherAnon, idempotency_key: `race-other-${anon}-${i}` }, token))
        }
        const results = await Promise.all(requests)
        expect(results.every((r) => r.status === 200)).toBe(true)

        const live = await sql(getContainer(), `SELECT id FROM marketing_contact WHERE customer_id = ? AND deleted_at IS NULL`, [customer.id])
        expect(live).toHaveLength(1)
        const [a] = await contactsOfVisitor(anon)
        const [b] = await contactsOfVisitor(otherAnon)
        expect(a.id).toBe(live[0].id)
        expect(b.id).toBe(live[0].id)
        const [{ count }] = await sql(
          getContainer(),
          `SELECT count(*)::int AS count FROM marketing_event WHERE idempotency_key LIKE ?`,
          [`race-%-${anon}-%`]
        )
        expect(count).toBe(36)
        const [{ orphans }] = await sql(
          getContainer(),
          `SELECT count(*)::int AS orphans FROM marketing_event e JOIN marketing_contact c ON c.id = e.contact_id
            WHERE c.deleted_at IS NOT NULL`
        )
        expect(orphans).toBe(0)
      })

      it("stores company, industry and job title from identify, and a merge keeps them", async () => {
        const first = anonymousId()
        const second = anonymousId()
        const email = `company-${first.slice(-8)}@example.com`.toLowerCase()
        await track({ type: "identify", anonymous_id: first, properties: { email, company: "  Acme Corp ", industry: "Retail" } })
        expect(await contactsOfVisitor(first)).toEqual([
          expect.objectContaining({ company: "Acme Corp", industry: "Retail", job_title: null, occupation: null }),
        ])
        // Another browser of the same person: its job title joins what the first one gave.
        await track({ type: "identify", anonymous_id: second, properties: { job_title: "Head buyer", industry: "" } })
        await track({ type: "identify", anonymous_id: second, properties: { email } })
        const [a] = await contactsOfVisitor(first)
        const [b] = await contactsOfVisitor(second)
        expect(a.id).toBe(b.id)
        expect(a).toMatchObject({ company: "Acme Corp", industry: "Retail", job_title: "Head buyer" })
        // A later identify changes a value; one without it leaves it alone.
        await track({ type: "identify", anonymous_id: second, properties: { company: "Acme Group" } })
        expect((await contactsOfVisitor(first))[0]).toMatchObject({ company: "Acme Group", industry: "Retail", job_title: "Head buyer" })
      })

      it("merges a visitor who gives an email already on file", async () => {
        const first = anonymousId()
        const second = anonymousId()
        await track({ type: "identify", anonymous_id: first, properties: { email: "same@example.com" } })
        await track({ type: "product_viewed", anonymous_id: second, properties: { product_id: "p9" } })
        await track({ type: "identify", anonymous_id: second, properties: { email: "SAME@example.com" } })
        const [a] = await contactsOfVisitor(first)
        const [b] = await contactsOfVisitor(second)
        expect(a.id).toBe(b.id)
        const events = await sql(getContainer(), `SELECT type FROM marketing_event WHERE contact_id = ? AND type <> 'session_started'`, [a.id])
        expect(events).toHaveLength(3)
      })
      it("does not merge a visitor into a customer on an email typed without the customer's token", async () => {
        const anon = anonymousId()
        const email = `victim-${anon}@example.com`
        const { customer } = await registerCustomer(api, pk, email)
        const owner = await waitFor(async () =>
          (await sql(getContainer(), `SELECT * FROM marketing_contact WHERE customer_id = ?`, [customer.id]))[0]
        )
        await track({ type: "identify", anonymous_id: anon, properties: { email } })
        const [stranger] = await contactsOfVisitor(anon)
        expect(stranger.id).not.toBe(owner.id)
        expect(stranger.email).toBeNull()
        const [{ count }] = await sql(
          getContainer(),
          `SELECT count(*)::int AS count FROM marketing_event WHERE contact_id = ?`,
          [owner.id]
        )
        expect(count).toBe(1) // customer_created only
      })
    })

    describe("Medusa events", () => {
      it("stitches the visitor who owns a cart when the cart gets an email at checkout", async () => {
        const container = getContainer()
        const regionModule = container.resolve(Modules.REGION)
        await regionModule.createRegions({ name: "Europe", currency_code: "eur", countries: ["fr"] })
        const { data: cartRes } = await api.post("/store/carts", {}, storeHeaders(pk))
        const cart = cartRes.cart
        const anon = anonymousId()
        await track({ type: "checkout_started", anonymous_id: anon, properties: { cart_id: cart.id } })
        const [visitor] = await contactsOfVisitor(anon)
        expect(visitor.cart_id).toBe(cart.id)

        const email = `guest-${anon}@example.com`
        await api.post(`/store/carts/${cart.id}`, { email }, storeHeaders(pk))
        const { data } = await api.get(`/store/carts/${cart.id}`, storeHeaders(pk))
        expect(data.cart.customer_id).toBeTruthy()

        const stitched = await waitFor(async () => {
          const [c] = await contactsOfVisitor(anon)
          return c?.customer_id === data.cart.customer_id ? c : null
        })
        expect(stitched.email).toBe(email)
        const types = await sql(container, `SELECT type FROM marketing_event WHERE contact_id = ?`, [stitched.id])
        expect(types.map((t: any) => t.type)).toEqual(expect.arrayContaining(["checkout_started", "cart_updated"]))
      })

      it("records order.placed on the buyer's contact with total, currency, products and categories", async () => {
        const container = getContainer()
        const anon = anonymousId()
        await track({ type: "product_viewed", anonymous_id: anon, properties: { product_id: "p1" } })
        const { customer, token } = await registerCustomer(api, pk, `buyer-${anon}@example.com`)
        await track({ type: "identify", anonymous_id: anon }, token)

        const productModule = container.resolve(Modules.PRODUCT)
        const [category] = await productModule.createProductCategories([{ name: "Shoes", handle: `shoes-${anon}` }])
        const [product] = await productModule.createProducts([
          { title: "Runner", status: "published", handle: `runner-${anon}`, category_ids: [category.id], options: [{ title: "Size", values: ["42"] }],
            variants: [{ title: "42", options: { Size: "42" }, manage_inventory: false }] },
        ])
        const regionModule = container.resolve(Modules.REGION)
        const region = await regionModule.createRegions({ name: "Europe", currency_code: "eur" })
        const { result: order } = await createOrderWorkflow(container).run({
          input: {
            region_id: region.id,
            customer_id: customer.id,
            email: customer.email,
            currency_code: "eur",
            items: [{ title: "Runner", product_id: product.id, variant_id: product.variants[0].id, quantity: 2, unit_price: 60 }],
          } as any,
        })
        const eventBus = container.resolve(Modules.EVENT_BUS)
        await eventBus.emit({ name: "order.placed", data: { id: order.id } })

        const [contact] = await contactsOfVisitor(anon)
        const event = await waitFor(async () =>
          (await sql(container, `SELECT * FROM marketing_event WHERE contact_id = ? AND type = 'order_placed'`, [contact.id]))[0]
        )
        expect(contact.customer_id).toBe(customer.id)
        expect(event.source).toBe("medusa")
        expect(event.properties).toMatchObject({
          order_id: order.id,
          total: 120,
          currency_code: "eur",
          item_count: 2,
          product_ids: [product.id],
          category_ids: [category.id],
          category_names: ["Shoes"],
        })

        // Redelivery of the same event writes nothing new
        await eventBus.emit({ name: "order.placed", data: { id: order.id } })
        await new Promise((r) => setTimeout(r, 1000))
        const rows = await sql(container, `SELECT id FROM marketing_event WHERE type = 'order_placed' AND contact_id = ?`, [contact.id])
        expect(rows).toHaveLength(1)
      })
    })
  },
})
