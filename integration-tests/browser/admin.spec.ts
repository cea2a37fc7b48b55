/**
 * The plugin's admin pages in a real browser.
 *
 * Starts from the admin fixture (helpers/admin-app.ts: the shared app build,
 * its own database, Chromium, login), creates customers and storefront events
 * through the HTTP API, then drives the admin pages. Screenshots go to
 * integration-tests/browser/screenshots/.
 */
import { Client } from "pg"
import type { Page } from "playwright-core"
import { UI_TIMEOUT, useAdminApp } from "./helpers/admin-app"
import {
  DESKTOP_UA,
  MOBILE_UA,
  createPublishableKey,
  pollUntil,
  registerCustomer,
  visitor,
  type Api,
} from "./helpers/store"

jest.setTimeout(15 * 60 * 1000)

const KNOWN = {
  email: "bob.browser@example.com",
  password: "bob-secret-1",
  first_name: "Bob",
  last_name: "Browser",
}
const ADMIN_CREATED = {
  email: "alice.admin-created@example.com",
  first_name: "Alice",
  last_name: "Admin",
}

const app = useAdminApp({ name: "admin", database: "mma_browser_test" })
const { shot, pageTest, expectHeading } = app
let page: Page
let api: Api
let adminJwt: string
let knownCustomer: any
let adminCreatedCustomer: any
let trackResponses: any[] = []
let trackError: Error | null = null

/** The rows (tbody) of the contacts table, as text. */
async function tableText(): Promise<string> {
  return (await page.getByTestId("marketing-contacts-table").innerText()).trim()
}

async function waitForTableText(predicate: (text: string) => boolean, what: string) {
  const deadline = Date.now() + UI_TIMEOUT
  let text = ""
  while (Date.now() < deadline) {
    text = await tableText().catch(() => "")
    if (predicate(text)) return text
    await page.waitForTimeout(250)
  }
  throw new Error(`The contacts table never showed ${what}. It shows:\n${text.slice(0, 1500)}`)
}

beforeAll(async () => {
  ;({ page, api, adminJwt } = app)
  // ---- data, through the HTTP API -----------------------------------------------
  app.log("creating customers, a publishable key and storefront events over HTTP")
  ;({ customer: adminCreatedCustomer } = await api("POST", "/admin/customers", {
    token: adminJwt,
    body: ADMIN_CREATED,
  }))
  const publishableKey = await createPublishableKey(api, adminJwt, "Browser test storefront")
  const registered = await registerCustomer(api, publishableKey, KNOWN)
  knownCustomer = registered.customer

  // A visitor browses anonymously, then logs in: the identify event carries
  // the customer's token, which links the visitor to the customer.
  const known = visitor({
    userAgent: DESKTOP_UA,
    utm: { source: "google", medium: "cpc", campaign: "browser-test" },
  })
  const anonymous = visitor({
    userAgent: MOBILE_UA,
    utm: { source: "instagram", medium: "social", campaign: "browser-test" },
  })
  const batches: { events: any[]; token?: string }[] = [
    {
      events: [
        known.event("page_viewed", { path: "/", title: "Home" }, "/"),
        known.event(
          "category_viewed",
          { category_id: "pcat_browser", category_name: "Trail Shoes", category_handle: "trail-shoes" },
          "/categories/trail-shoes"
        ),
        known.event(
          "product_viewed",
          { product_id: "prod_browser_1", product_title: "Browser Test Boots", price: 129, currency_code: "eur" },
          "/products/browser-test-boots"
        ),
        known.event("search_performed", { query: "waterproof boots", result_count: 3 }, "/search"),
      ],
    },
    {
      token: registered.token,
      events: [
        known.event(
          "identify",
          {
            email: KNOWN.email,
            first_name: KNOWN.first_name,
            last_name: KNOWN.last_name,
            country_code: "fr",
            city: "Lyon",
            email_marketing_consent: true,
            consent_source: "browser-test-signup",
          },
          "/account"
        ),
        known.event(
          "product_viewed",
          { product_id: "prod_browser_2", product_title: "Merino Trail Socks", price: 19, currency_code: "eur" },
          "/products/merino-trail-socks"
        ),
      ],
    },
    {
      events: [
        anonymous.event("page_viewed", { path: "/", title: "Home" }, "/"),
        anonymous.event(
          "product_viewed",
          { product_id: "prod_browser_3", product_title: "Anonymous Tent", price: 299, currency_code: "eur" },
          "/products/anonymous-tent"
        ),
      ],
    },
  ]
  try {
    for (const b of batches) {
      trackResponses.push(
        await api("POST", "/store/marketing/events", { publishableKey, token: b.token, body: { events: b.events } })
      )
    }
  } catch (e) {
    // Reported by the tests that need the events; login must still be tested.
    trackError = e as Error
    app.log(`tracking route failed: ${trackError.message}`)
  }
})

function requireEvents() {
  if (trackError) {
    throw new Error(`The storefront events could not be posted, so this page has nothing to show: ${trackError.message}`)
  }
}

describe("admin: marketing pages", () => {
  pageTest("logs in and shows Marketing in the sidebar", async () => {
    await app.login({ beforeSubmit: () => shot("01-login") })
    const marketingLink = page.locator("aside, nav").getByRole("link", { name: "Marketing", exact: true }).first()
    await marketingLink.waitFor({ state: "visible" })
    await shot("02-home-sidebar")
    expect(await marketingLink.isVisible()).toBe(true)
  })

  pageTest("lists the contacts, with the customer's email", async () => {
    requireEvents()
    // customer.created is handled by a subscriber: wait until the API shows both.
    await pollUntil("both contacts in GET /admin/marketing/contacts", async () => {
      const a = await api("GET", `/admin/marketing/contacts?q=${encodeURIComponent(KNOWN.email)}`, { token: adminJwt })
      const b = await api("GET", `/admin/marketing/contacts?q=${encodeURIComponent(ADMIN_CREATED.email)}`, {
        token: adminJwt,
      })
      return a.contacts?.length && b.contacts?.length
    })
    await page.goto(app.url("/app/marketing/contacts"))
    await expectHeading("Contacts")
    const text = await waitForTableText((t) => t.includes(KNOWN.email), KNOWN.email)
    expect(text).toContain(KNOWN.email)
    expect(text).toContain(ADMIN_CREATED.email)
    expect(text).toContain("Anonymous visitor")
    await shot("03-contacts")
  })

  pageTest("filters the contacts by search and by known/anonymous", async () => {
    requireEvents()
    await page.goto(app.url("/app/marketing/contacts"))
    await waitForTableText((t) => t.includes(KNOWN.email), KNOWN.email)

    // Search box
    const search = page.getByPlaceholder("Search by email")
    await search.fill("bob.browser")
    const searched = await waitForTableText(
      (t) => t.includes(KNOWN.email) && !t.includes(ADMIN_CREATED.email),
      `only ${KNOWN.email} after searching`
    )
    expect(searched).not.toContain("Anonymous visitor")
    await shot("04-contacts-search")
    await search.fill("")
    await waitForTableText((t) => t.includes(ADMIN_CREATED.email), "all contacts again after clearing the search")

    // Filter menu (the funnel icon button, first menu button of the table's
    // toolbar): "Known or anonymous" → "Anonymous".
    const toolbar = search.locator("xpath=ancestor::div[.//button[@aria-haspopup='menu']][1]")
    await toolbar.locator("button[aria-haspopup='menu']").first().click()
    await page.getByRole("menuitem", { name: "Known or anonymous" }).click()
    await page.getByRole("listitem").filter({ hasText: /^\s*Anonymous\s*$/ }).click()
    await page.keyboard.press("Escape")
    const anonymousOnly = await waitForTableText(
      (t) => t.includes("Anonymous visitor") && !t.includes(KNOWN.email) && !t.includes(ADMIN_CREATED.email),
      "only anonymous visitors after filtering"
    )
    expect(anonymousOnly).toContain("Anonymous visitor")
    expect(page.url()).toContain("known=false")
    await shot("05-contacts-anonymous")
  })

  pageTest("filters the contacts by owner", async () => {
    requireEvents()
    // A flow's assign-owner step sets the owner; here the database does, to the logged-in admin.
    const { user } = await api("GET", "/admin/users/me", { token: adminJwt })
    const sql = new Client({ connectionString: app.databaseUrl })
    await sql.connect()
    try {
      await sql.query(`UPDATE marketing_contact SET owner_user_id = $1 WHERE lower(email) = $2`, [user.id, KNOWN.email])
    } finally {
      await sql.end()
    }
    await page.goto(app.url("/app/marketing/contacts"))
    const search = page.getByPlaceholder("Search by email")
    await waitForTableText((t) => t.includes(ADMIN_CREATED.email), ADMIN_CREATED.email)
    const toolbar = search.locator("xpath=ancestor::div[.//button[@aria-haspopup='menu']][1]")
    await toolbar.locator("button[aria-haspopup='menu']").first().click()
    await page.getByRole("menuitem", { name: "Owner" }).click()
    await page.getByRole("listitem").filter({ hasText: user.email }).click()
    await page.keyboard.press("Escape")
    const owned = await waitForTableText(
      (t) => t.includes(KNOWN.email) && !t.includes(ADMIN_CREATED.email) && !t.includes("Anonymous visitor"),
      `only ${KNOWN.email} after filtering by owner`
    )
    expect(owned).toContain(KNOWN.email)
    expect(page.url()).toContain(`owner_user_id=${user.id}`)
    await shot("05b-contacts-owner")
  })

  pageTest("shows the contact's timeline with the posted events", async () => {
    requireEvents()
    await page.goto(app.url(`/app/marketing/contacts?q=${encodeURIComponent(KNOWN.email)}`))
    await waitForTableText((t) => t.includes(KNOWN.email), KNOWN.email)
    await page.getByTestId("marketing-contacts-table").getByText(KNOWN.email).first().click()
    await page.waitForURL(/\/app\/marketing\/contacts\/[^/?]+$/)
    const timeline = page.getByTestId("marketing-contact-timeline")
    await timeline.waitFor({ state: "visible" })
    const deadline = Date.now() + UI_TIMEOUT
    let text = ""
    while (Date.now() < deadline) {
      text = await timeline.innerText()
      if (text.includes("Browser Test Boots") && text.includes("waterproof boots")) break
      await page.waitForTimeout(250)
    }
    // Events from before the login (anonymous) and after it, on one contact.
    expect(text).toContain("Browser Test Boots")
    expect(text).toContain("waterproof boots")
    expect(text).toContain("Merino Trail Socks")
    await expect(page.getByText(KNOWN.email).first().isVisible()).resolves.toBe(true)
    await shot("06-contact-timeline")
    await shot("06b-contact-timeline-earlier-events", timeline.getByText("Browser Test Boots").first())
  })

  pageTest("renders the marketing profile widget on the customer page", async () => {
    await expectProfileWidget(knownCustomer.id, "07-customer-widget")
    await expectProfileWidget(adminCreatedCustomer.id, "08-admin-created-customer-widget")
  })
})


describe("admin: lead scoring", () => {
  pageTest("shows the Scoring page with its charts, rules and the rule editor's live reach", async () => {
    requireEvents()
    await api("POST", "/admin/marketing/scoring-rules", {
      token: adminJwt,
      body: { name: "Viewed boots", kind: "engagement", event_type: "product_viewed", points: 5, apply_to_history: true },
    })
    await page.goto(app.url("/app/marketing/scoring"))
    await expectHeading("Scoring")
    await page.getByTestId("scoring-histogram").waitFor({ state: "visible" })
    await page.getByTestId("scoring-stage-chart").waitFor({ state: "visible" })
    const rules = page.getByTestId("scoring-rules-table")
    await rules.getByText("Viewed boots").first().waitFor({ state: "visible" })
    await shot("09-scoring")

    // Settings: the recency floor, the time zone, and what the store's history allows
    const settings = page.getByTestId("scoring-settings")
    await settings.scrollIntoViewIfNeeded()
    const status = page.getByTestId("scoring-rfm-status")
    await status.getByText("Too little history to judge").first().waitFor({ state: "visible" })
    expect(await status.innerText()).toContain("the 30 days set here")
    expect(await page.getByTestId("scoring-setting-recency_floor_days").inputValue()).toBe("30")
    const timeZone = page.getByTestId("scoring-setting-time_zone")
    expect(await timeZone.inputValue()).toBe("UTC")
    await timeZone.fill("Mars/Olympus_Mons")
    await page.getByTestId("scoring-settings-save").click()
    await settings.getByText("Enter a time zone such as").first().waitFor({ state: "visible" })
    expect((await api("GET", "/admin/marketing/scoring-settings", { token: adminJwt })).scoring_settings.time_zone).toBe("UTC")
    await timeZone.fill("Asia/Tokyo")
    await page.getByTestId("scoring-setting-recency_floor_days").fill("45")
    await page.getByTestId("scoring-settings-save").click()
    await pollUntil("the saved scoring settings", async () => {
      const saved = (await api("GET", "/admin/marketing/scoring-settings", { token: adminJwt })).scoring_settings
      return saved.time_zone === "Asia/Tokyo" && saved.recency_floor_days === 45
    })
    await status.getByText("the 45 days set here").first().waitFor({ state: "visible" })
    await shot("09b-scoring-settings", settings)

    await page.getByRole("button", { name: "Create rule" }).first().click()
    const editor = page.getByTestId("scoring-rule-editor")
    await editor.waitFor({ state: "visible" })
    await shot("10-scoring-rule-editor")
    await page.keyboard.press("Escape")

    // The contact page shows the scores the rule gave (applied to history)
    await pollUntil("the known contact's score", async () => {
      const res = await api("GET", `/admin/marketing/contacts?q=${encodeURIComponent(KNOWN.email)}`, { token: adminJwt })
      return res.contacts?.[0]?.acquisition_score > 0
    })
    await page.goto(app.url(`/app/marketing/contacts?q=${encodeURIComponent(KNOWN.email)}`))
    await waitForTableText((t) => t.includes(KNOWN.email), KNOWN.email)
    await page.getByTestId("marketing-contacts-table").getByText(KNOWN.email).first().click()
    await page.waitForURL(/\/app\/marketing\/contacts\/[^/?]+$/)
    await page.getByTestId("marketing-contact-scores").waitFor({ state: "visible" })
    const history = page.getByTestId("marketing-score-history")
    await history.getByText("Viewed boots").first().waitFor({ state: "visible" })
    await shot("11-contact-scores")
  })
})

/** The customer page shows the widget, loaded with a link to the customer's contact. */
async function expectProfileWidget(customerId: string, shotName: string) {
  await page.goto(app.url(`/app/customers/${customerId}`))
  const widget = page.getByTestId("marketing-profile-widget")
  await widget.waitFor({ state: "visible" })
  await widget.getByText("Marketing profile", { exact: true }).first().waitFor({ state: "visible" })
  await widget.getByTestId("marketing-profile-view-contact").waitFor({ state: "visible" })
  expect(await widget.innerText()).not.toContain("could not be loaded")
  await shot(shotName, widget)
}
