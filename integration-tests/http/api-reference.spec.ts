import fs from "fs"
import path from "path"
import { marketingTestRunner } from "../runner"
import { type AdminHeaders, anonymousId, sql, storeAndAdmin, storeHeaders, TEST_APP_DIR } from "../helpers"

jest.setTimeout(240000)

const COMMITTED = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../openapi.json"), "utf8"))
const failure = (promise: Promise<any>) => promise.then((r) => r, (e) => e.response)

marketingTestRunner({
  cwd: TEST_APP_DIR,
  testSuite: ({ api, getContainer }) => {
    let pk: string
    let admin: AdminHeaders

    beforeAll(async () => {
      ;({ pk, admin } = await storeAndAdmin(getContainer()))
    })

    describe("the served reference", () => {
      it("serves the public part to anyone, without any admin route", async () => {
        const res = await api.get("/marketing/openapi.json")
        expect(res.status).toBe(200)
        expect(res.data.openapi).toBe("3.1.0")
        const paths = Object.keys(res.data.paths)
        expect(paths).toContain("/store/marketing/events")
        expect(paths).toContain("/marketing/webhooks/email/{provider}")
        expect(paths.filter((p) => p.startsWith("/admin"))).toEqual([])
      })

      it("serves the whole reference, the committed openapi.json, only to an admin", async () => {
        const anonymous = await failure(api.get("/admin/marketing/openapi.json"))
        expect(anonymous.status).toBe(401)
        const res = await api.get("/admin/marketing/openapi.json", admin)
        expect(res.data).toEqual(COMMITTED)
      })
    })

    describe("limits the reference states", () => {
      it("takes a template of 1.5 MB (its three bodies near their 500,000 characters) and refuses one over 5 MB with a 413", async () => {
        const html = `<p>${"x".repeat(495_000)}</p>`
        const created = await failure(
          api.post("/admin/marketing/templates", { name: "Large", subject: "Large", html, text: "y".repeat(499_000) }, admin)
        )
        expect({ status: created.status, error: created.data.message }).toEqual({ status: 200, error: undefined })
        expect(created.data.template.html).toHaveLength(html.length)
        const tooLarge = await failure(api.post("/admin/marketing/templates", { name: "Huge", subject: "Huge", html: "z".repeat(6_000_000) }, admin))
        expect(tooLarge.status).toBe(413)
        expect(tooLarge.data).toMatchObject({ type: expect.any(String), message: expect.any(String) })
      })
    })

    describe("errors", () => {
      it("name the first bad field beside type and message, and write nothing", async () => {
        const anon = anonymousId()
        const res = await failure(
          api.post("/store/marketing/events", { events: [{ type: "page_viewed", anonymous_id: anon }, { type: "page_viewed", anonymous_id: "short" }] }, storeHeaders(pk))
        )
        expect(res.status).toBe(400)
        expect(res.data).toEqual({ type: "invalid_data", field: "events[1].anonymous_id", message: expect.stringContaining("events[1].anonymous_id") })
        expect(await sql(getContainer(), `SELECT id FROM marketing_visitor WHERE anonymous_id = ?`, [anon])).toEqual([])
      })

      it("name the field of a template problem, its position only where there is one", async () => {
        const res = await failure(api.post("/admin/marketing/templates", { name: "No link", subject: "Hi", html: "<p>Hi</p>", layout: "none" }, admin))
        expect(res.status).toBe(400)
        expect(res.data).toEqual({ type: "invalid_data", field: "html", message: expect.not.stringContaining("null") })
      })

      it("name a bad query parameter", async () => {
        const res = await failure(api.get("/admin/marketing/segments?limit=100000", admin))
        expect(res.status).toBe(400)
        expect(res.data).toMatchObject({ type: "invalid_data", field: "limit" })
      })

      it("have the same shape for a missing record, a missing login and a bad webhook", async () => {
        const missing = await failure(api.get("/admin/marketing/segments/mseg_missing", admin))
        expect(missing.status).toBe(404)
        expect(missing.data).toEqual({ type: "not_found", message: expect.any(String) })
        // Medusa's own admin authentication answers before any of the plugin's code: `message` alone.
        const noLogin = await failure(api.get("/admin/marketing/segments"))
        expect(noLogin.status).toBe(401)
        expect(noLogin.data).toEqual({ message: expect.any(String) })
        const noCustomer = await failure(api.get("/store/marketing/me/export", storeHeaders(pk)))
        expect(noCustomer.status).toBe(401)
        expect(noCustomer.data).toEqual({ type: "unauthorized", message: expect.any(String) })
        const webhook = await failure(api.post("/marketing/webhooks/email/postmark", {}))
        expect(webhook.status).toBe(404)
        expect(webhook.data).toMatchObject({ type: "not_found", field: "provider" })
      })
    })
  },
})
