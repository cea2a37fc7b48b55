/**
 * An admin built against another backend URL (`admin.backendUrl`, as when the
 * admin is deployed apart from the server): the plugin's pages must call that
 * URL, with the auth type the admin was built with, not the page's own origin.
 *
 * The app is built with admin.backendUrl = http://127.0.0.1:<port> and
 * ADMIN_AUTH_TYPE=jwt (a session cookie does not cross sites), and the admin
 * is opened at http://localhost:<port>/app: the same server under two
 * origins, so every API call is cross-origin. This is a second admin build
 * (its own app folder, cached like the first).
 */
import path from "path"
import type { Page, Request } from "playwright-core"
import { useAdminApp } from "./helpers/admin-app"
import { pollUntil, type Api } from "./helpers/store"

jest.setTimeout(15 * 60 * 1000)

const CUSTOMER = { email: "dana.backend-url@example.com", first_name: "Dana", last_name: "Remote" }

const app = useAdminApp({
  name: "backend-url",
  database: "mma_browser_backend_url",
  appDir: path.resolve(__dirname, "..", ".browser-app-backend-url"),
  admin: { backendUrl: (port) => `http://127.0.0.1:${port}`, authType: "jwt" },
})
const { pageTest, waitForText, expectHeading, shot } = app
let page: Page
let api: Api
const pluginCalls: Request[] = []

beforeAll(async () => {
  ;({ page, api } = app)
  await api("POST", "/admin/customers", { token: app.adminJwt, body: CUSTOMER })
  await pollUntil("the customer's contact", async () => {
    const { contacts } = await api("GET", `/admin/marketing/contacts?q=${encodeURIComponent(CUSTOMER.email)}`, {
      token: app.adminJwt,
    })
    return contacts.length > 0
  })
  page.on("request", (request) => {
    if (new URL(request.url()).pathname.startsWith("/admin/marketing/")) pluginCalls.push(request)
  })
})

describe("admin built with another backend URL", () => {
  pageTest("the Contacts page loads its data from the admin's backend URL", async () => {
    const backendUrl = app.adminBackendUrl!
    expect(new URL(backendUrl).origin).not.toBe(new URL(app.url("/")).origin)

    await app.login()
    await page.goto(app.url("/app/marketing/contacts"))
    await expectHeading("Contacts")
    await waitForText(page.getByTestId("marketing-contacts-table"), (t) => t.includes(CUSTOMER.email), CUSTOMER.email)
    await shot("b01-contacts-from-backend-url")

    const urls = pluginCalls.map((r) => r.url())
    expect(urls.length).toBeGreaterThan(0)
    expect(urls.filter((u) => !u.startsWith(`${backendUrl}/admin/marketing/`))).toEqual([])
    // With jwt auth the calls carry the admin's token, not a cookie.
    const headers = await pluginCalls[0].allHeaders()
    expect(headers["authorization"]).toMatch(/^Bearer /)
  })
})
