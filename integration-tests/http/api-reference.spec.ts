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
