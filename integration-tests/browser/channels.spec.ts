/**
 * The Channels and costs page in a real browser: the report settings (cost per
 * email, currency, a channel mapping, which re-classifies a tracked contact),
 * and the spend table (add a month's spend in the drawer, edit it, a refused
 * amount, delete it). Checked against the API.
 *
 * Starts from the admin fixture (helpers/admin-app.ts). Screenshots go to
 * integration-tests/browser/screenshots/.
 */
import type { Page } from "playwright-core"
import { choose, UI_TIMEOUT, useAdminApp } from "./helpers/admin-app"
import { DESKTOP_UA, createPublishableKey, pollUntil, visitor, type Api } from "./helpers/store"

jest.setTimeout(15 * 60 * 1000)

const app = useAdminApp({ name: "channels", database: "mma_browser_channels", viewport: { width: 1440, height: 1000 } })
const { shot, pageTest, waitForText, expectHeading } = app
let page: Page
let api: Api
let adminJwt: string
const EMAIL = "promo.visitor@example.com"

const get = (path: string) => api("GET", path, { token: adminJwt })

beforeAll(async () => {
  ;({ page, api, adminJwt } = app)
  const publishableKey = await createPublishableKey(api, adminJwt, "Channels test storefront")
  const someone = visitor({ userAgent: DESKTOP_UA })
  const view = someone.event("page_viewed", { path: "/" })
  await api("POST", "/store/marketing/events", {
    publishableKey,
    body: {
      events: [
        { ...view, context: { ...(view as any).context, page_url: "https://shop.example.com/?utm_source=spring-promo", utm: { source: "spring-promo" } } },
        someone.event("identify", { email: EMAIL }),
      ],
    },
  })
  await pollUntil("the visitor's contact", async () => {
    const { contacts } = await get(`/admin/marketing/contacts?q=${encodeURIComponent(EMAIL)}`)
    return contacts.some((c: any) => c.email === EMAIL)
  })
})

const contactChannel = async () => {
  const { contacts } = await get(`/admin/marketing/contacts?q=${encodeURIComponent(EMAIL)}`)
  const { contact } = await get(`/admin/marketing/contacts/${contacts[0].id}`)
  return contact.first_channel
}

describe("admin: channels and costs", () => {
  pageTest("saves the report settings and a channel mapping", async () => {
    expect(await contactChannel()).toBe("other")
    await app.login()
    await page.goto(app.url("/app/marketing/channels"))
    await expectHeading("Attribution and costs")
    const cost = page.getByTestId("report-cost_per_email")
    await waitForText(page.getByTestId("report-settings"), (t) => t.includes("Channel mappings"), "the settings form")
    await cost.fill("0.002")
    await page.getByTestId("report-currency").fill("EUR")
    await page.getByTestId("channel-mapping-add").click()
    const row = page.getByTestId("channel-mapping").first()
    await row.getByTestId("channel-mapping-value").fill("spring-promo")
    await choose(row.getByRole("combobox").nth(1), "Paid social")
    await shot("ch01-settings")
    await page.getByTestId("report-settings-save").click()
    await page.getByText(/Settings saved/).first().waitFor({ state: "visible", timeout: UI_TIMEOUT })

    const { report_settings } = await get("/admin/marketing/reports/settings")
    expect(report_settings).toMatchObject({
      cost_per_email: 0.002,
      currency_code: "eur",
      channel_mappings: [{ field: "utm_source", value: "spring-promo", channel: "paid_social" }],
    })
    expect(await contactChannel()).toBe("paid_social")
  })

  pageTest("adds, edits and deletes a month's spend", async () => {
    await page.goto(app.url("/app/marketing/channels"))
    await page.getByTestId("channel-spend-create").click()
    const drawer = page.getByTestId("channel-spend-drawer")
    await drawer.waitFor({ state: "visible" })
    await drawer.getByTestId("spend-month").fill("2026-10")
    await choose(drawer.getByTestId("spend-channel"), "Paid search")
    await drawer.getByTestId("spend-amount").fill("-5")
    await drawer.getByTestId("channel-spend-save").click()
    await waitForText(drawer.getByTestId("channel-spend-error"), (t) => t.includes("amount"), "the refused amount")
    expect((await get("/admin/marketing/reports/spend")).count).toBe(0)

    await drawer.getByTestId("spend-amount").fill("1000")
    await drawer.getByTestId("spend-currency").fill("EUR")
    await shot("ch02-spend-drawer", drawer)
    await drawer.getByTestId("channel-spend-save").click()
    await drawer.waitFor({ state: "hidden" })
    const table = page.getByTestId("channel-spend-table")
    await waitForText(table, (t) => t.includes("2026-10") && t.includes("Paid search") && t.includes("1,000"), "the new spend row")
    await shot("ch03-spend-table")
    const { spend } = await get("/admin/marketing/reports/spend")
    expect(spend).toMatchObject([{ month: "2026-10", channel: "paid_search", amount: 1000, currency_code: "eur" }])

    await table.locator("tr", { hasText: "2026-10" }).first().click()
    await drawer.waitFor({ state: "visible" })
    await drawer.getByTestId("spend-amount").fill("1200")
    await drawer.getByTestId("channel-spend-save").click()
    await drawer.waitFor({ state: "hidden" })
    await waitForText(table, (t) => t.includes("1,200"), "the edited amount")
    // the drawer opened on the row's own values: only the amount changed
    expect((await get("/admin/marketing/reports/spend")).spend).toMatchObject([{ month: "2026-10", channel: "paid_search", amount: 1200, currency_code: "eur" }])

    const report = await get("/admin/marketing/reports/channels?from=2026-10&to=2026-11")
    expect(report.months).toEqual([
      { month: "2026-10", channel: "paid_search", new_customers: 0, spend: [{ currency_code: "eur", amount: 1200 }], cac: [{ currency_code: "eur", amount: null }] },
    ])

    await table.locator("tr", { hasText: "2026-10" }).first().getByRole("button").last().click()
    await page.getByRole("menuitem", { name: "Delete" }).click()
    await page.getByTestId("channel-spend-delete-prompt").getByRole("button", { name: "Delete" }).click()
    await page.getByText("No spend yet").waitFor({ state: "visible", timeout: UI_TIMEOUT })
    expect((await get("/admin/marketing/reports/spend")).count).toBe(0)
  })
})
