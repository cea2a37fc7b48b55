import { marketingTestRunner } from "../runner"
import {
  type AdminHeaders, anonymousId, registerCustomer, storeAndAdmin, storeHeaders, TEST_APP_DIR, waitFor,
} from "../helpers"

jest.setTimeout(120000)

const DESKTOP = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"
const MOBILE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"

marketingTestRunner({
  cwd: TEST_APP_DIR,
  testSuite: ({ api, getContainer }) => {
    let pk: string
    let admin: AdminHeaders

    beforeAll(async () => void ({ pk, admin } = await storeAndAdmin(getContainer())))

    const visit = (anon: string, ua: string, extra: Record<string, unknown> = {}) =>
      api.post(
        "/store/marketing/events",
        { type: "page_viewed", anonymous_id: anon, properties: { path: "/" }, ...extra },
        storeHeaders(pk, undefined, { "user-agent": ua })
      )

    const list = async (query: string) => {
      const res = await api.get(`/admin/marketing/contacts?${query}`, admin)
      return res.data
    }

    describe("GET /admin/marketing/contacts", () => {
      let known: { contactId: string; customerId: string; email: string }
      const fr = anonymousId()
      const us = anonymousId()

      beforeEach(async () => {
        await visit(fr, MOBILE, { context: { utm: { source: "instagram" } } })
        await api.post(
          "/store/marketing/events",
          { type: "identify", anonymous_id: fr, properties: { country_code: "FR", email: "marie@example.fr" } },
          storeHeaders(pk)
        )
        await visit(us, DESKTOP, { context: { utm: { source: "google" } } })
        await api.post(
          "/store/marketing/events",
          { type: "identify", anonymous_id: us, properties: { country_code: "us" } },
          storeHeaders(pk)
        )
        const email = `known-${us}@example.com`
        const { customer, token } = await registerCustomer(api, pk, email)
        const anon = anonymousId()
        await api.post(
          "/store/marketing/events",
          { type: "identify", anonymous_id: anon, properties: { country_code: "de" } },
          storeHeaders(pk, token, { "user-agent": DESKTOP })
        )
        const contact = await waitFor(async () => (await list(`customer_id=${customer.id}`)).contacts[0])
        known = { contactId: contact.id, customerId: customer.id, email }
      })

      it("lists contacts with pagination and sorting", async () => {
        const all = await list("limit=2&offset=0&order=-last_seen_at")
        expect(all.count).toBe(3)
        expect(all.contacts).toHaveLength(2)
        expect(all).toMatchObject({ limit: 2, offset: 0 })
        const next = await list("limit=2&offset=2&order=-last_seen_at")
        expect(next.contacts).toHaveLength(1)
        const ids = [...all.contacts, ...next.contacts].map((c: any) => c.id)
        expect(new Set(ids).size).toBe(3)
        const seen = [...all.contacts, ...next.contacts].map((c: any) => Date.parse(c.last_seen_at))
        expect([...seen].sort((a, b) => b - a)).toEqual(seen)

        const byEmail = await list("order=email")
        expect(byEmail.contacts[0].email).toBe(known.email)
      })

      it("filters by email search, country, device, source, known and last seen", async () => {
        expect((await list("q=MARIE")).contacts.map((c: any) => c.email)).toEqual(["marie@example.fr"])
        expect((await list("country_code=FR")).contacts.map((c: any) => c.email)).toEqual(["marie@example.fr"])
        expect((await list("device_type=mobile")).count).toBe(1)
        expect((await list("device_type=desktop")).count).toBe(2)
        expect((await list("source=Google")).count).toBe(1)
        expect((await list("source=instagram")).contacts[0].email).toBe("marie@example.fr")

        // Known: an email or a customer; anonymous: neither
        const knownOnly = await list("known=true&order=email")
        expect(knownOnly.contacts.map((c: any) => c.email)).toEqual([known.email, "marie@example.fr"])
        const anonymousOnly = await list("known=false")
        expect(anonymousOnly.count).toBe(1)
        expect(anonymousOnly.contacts[0]).toMatchObject({ email: null, customer_id: null, country_code: "us" })

        const future = new Date(Date.now() + 3600_000).toISOString()
        const past = new Date(Date.now() - 3600_000).toISOString()
        expect((await list(`last_seen_after=${encodeURIComponent(past)}`)).count).toBe(3)
        expect((await list(`last_seen_after=${encodeURIComponent(future)}`)).count).toBe(0)
        expect((await list(`last_seen_before=${encodeURIComponent(past)}`)).count).toBe(0)
        expect((await list("known=true&country_code=de")).count).toBe(1)
      })

      it("rejects bad filters with a 400 naming the field", async () => {
        for (const [query, field] of [
          ["device_type=fridge", "device_type"],
          ["limit=1000", "limit"],
          ["order=password", "order"],
          ["known=maybe", "known"],
          ["last_seen_after=yesterday", "last_seen_after"],
          ["colour=blue", "colour"],
        ]) {
          const err = await api.get(`/admin/marketing/contacts?${query}`, admin).catch((e: any) => e)
          expect(err.response?.status).toBe(400)
          expect(err.response.data.message).toContain(field)
        }
      })

      it("requires an admin", async () => {
        const err = await api.get("/admin/marketing/contacts").catch((e: any) => e)
        expect(err.response.status).toBe(401)
      })
    })

    describe("GET /admin/marketing/contacts/:id", () => {
      it("returns the contact, its visitors and a paginated timeline", async () => {
        const anon = anonymousId()
        const events = Array.from({ length: 25 }, (_, i) => ({
          type: "product_viewed",
          anonymous_id: anon,
          properties: { product_id: `prod_${i}` },
          occurred_at: new Date(Date.now() - (25 - i) * 1000).toISOString(),
        }))
        await api.post("/store/marketing/events", { events }, storeHeaders(pk))
        const { contacts } = await list("known=false")
        const id = contacts[0].id

        const detail = (await api.get(`/admin/marketing/contacts/${id}`, admin)).data
        expect(detail.contact.id).toBe(id)
        expect(detail.contact.visitors.map((v: any) => v.anonymous_id)).toEqual([anon])
        // The 25 views and the session they opened (its session_started, at the first view's time).
        expect(detail.events_count).toBe(26)
        expect(detail.events).toHaveLength(20)
        expect(detail.events[0].properties.product_id).toBe("prod_24")

        const page = (await api.get(`/admin/marketing/contacts/${id}/events?limit=10&offset=20`, admin)).data
        expect(page.count).toBe(26)
        expect(page.events.map((e: any) => e.properties.product_id ?? e.type).sort()).toEqual([
          "prod_4", "prod_3", "prod_2", "prod_1", "prod_0", "session_started",
        ].sort())
        const filtered = (await api.get(`/admin/marketing/contacts/${id}/events?type=page_viewed`, admin)).data
        expect(filtered.count).toBe(0)
      })

      it("answers 404 for an unknown contact", async () => {
        const err = await api.get("/admin/marketing/contacts/mcon_nope", admin).catch((e: any) => e)
        expect(err.response.status).toBe(404)
        const err2 = await api.get("/admin/marketing/contacts/mcon_nope/events", admin).catch((e: any) => e)
        expect(err2.response.status).toBe(404)
      })

      it("reads a customer's contact through the module link", async () => {
        const { customer } = await registerCustomer(api, pk, `linked-${anonymousId()}@example.com`)
        const { query } = { query: getContainer().resolve("query") as any }
        const data = await waitFor(async () => {
          const { data } = await query.graph({
            entity: "customer",
            fields: ["id", "contact.id", "contact.email"],
            filters: { id: customer.id },
          })
          return data[0]?.contact ? data : null
        })
        expect(data[0].contact.email).toBe(customer.email)
      })
    })
  },
})
