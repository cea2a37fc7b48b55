/**
 * The plugin's admin pages in a real browser.
 *
 * Builds and starts a real Medusa app with the plugin (scripts/lib/medusa-app.js,
 * in integration-tests/.browser-app), creates customers and storefront events
 * through the HTTP API, then drives Debian's Chromium with playwright-core.
 *
 * Needs: a plugin build (.medusa/server; `npx medusa plugin:build`), PostgreSQL
 * (localhost:5432, DATABASE_URL, or embedded) and Chromium at /usr/bin/chromium
 * (or CHROMIUM_PATH). Screenshots go to integration-tests/browser/screenshots/.
 */
import fs from "fs"
import path from "path"
import { chromium, type Browser, type Locator, type Page } from "playwright-core"
import {
  DESKTOP_UA,
  MOBILE_UA,
  adminToken,
  createApi,
  createPublishableKey,
  pollUntil,
  registerCustomer,
  visitor,
  type Api,
} from "./helpers/store"

// Plain CommonJS helpers shared with the demo and the benchmarks.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { ensurePostgres } = require("../../scripts/lib/database")
// eslint-disable-next-line @typescript-eslint/no-var-requires
const medusaApp = require("../../scripts/lib/medusa-app")

jest.setTimeout(15 * 60 * 1000)

const ROOT = path.resolve(__dirname, "..", "..")
const APP_DIR = path.join(ROOT, "integration-tests", ".browser-app")
const PGDATA = path.join(APP_DIR, "pgdata")
const SCREENSHOTS = path.join(__dirname, "screenshots")
const DB_NAME = "mma_browser_test"
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium"
const ADMIN = { email: "admin@example.com", password: "supersecret" }
const UI_TIMEOUT = 30_000

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

let db: any
let server: { url: string; stop(): Promise<void> } | null = null
let browser: Browser | null = null
let page: Page
let api: Api
let adminJwt: string
let knownCustomer: any
let adminCreatedCustomer: any
let trackResponses: any[] = []
let trackError: Error | null = null
const consoleErrors: string[] = []

const step = (m: string) => process.stdout.write(`[browser-test] ${m}\n`)

/**
 * Saves a screenshot of the page. The admin scrolls inside its own layout, so
 * a part of the page below the fold is scrolled into view first.
 */
async function shot(name: string, focus?: Locator) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true })
  const file = path.join(SCREENSHOTS, `${name}.png`)
  if (focus) await focus.scrollIntoViewIfNeeded().catch(() => undefined)
  await page.screenshot({ path: file, fullPage: true })
  step(`screenshot ${path.relative(ROOT, file)}`)
}

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
  // Fail early and clearly when the browser is missing: never download one.
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. Install Debian's chromium (apt-get install chromium) ` +
        `or set CHROMIUM_PATH to a Chromium/Chrome binary. The browser tests do not download browsers.`
    )
  }
  medusaApp.setLogPrefix("browser-test")

  db = await ensurePostgres({ dataDir: PGDATA, persistent: false })
  await db.dropDatabase(DB_NAME)
  await db.createDatabase(DB_NAME)

  await medusaApp.prepareApp({
    dir: APP_DIR,
    databaseUrl: db.url(DB_NAME),
    pluginOptions: {},
    adminEnabled: true,
  })
  await medusaApp.buildApp(APP_DIR)
  await medusaApp.migrate(APP_DIR)
  await medusaApp.createAdminUser(APP_DIR, ADMIN.email, ADMIN.password)
  const port = await medusaApp.getFreePort()
  server = await medusaApp.startApp(APP_DIR, { port })
  api = createApi(server!.url)

  // ---- data, through the HTTP API -----------------------------------------------
  step("creating customers, a publishable key and storefront events over HTTP")
  adminJwt = await adminToken(api, ADMIN.email, ADMIN.password)
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
    step(`tracking route failed: ${trackError.message}`)
  }

  // ---- browser --------------------------------------------------------------------
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  })
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  page = await context.newPage()
  page.setDefaultTimeout(UI_TIMEOUT)
  page.on("console", (msg) => {
    if (msg.type() === "error") consoleErrors.push(msg.text().slice(0, 500))
  })
  page.on("pageerror", (err) => consoleErrors.push(`page error: ${err.message.slice(0, 500)}`))
})

afterAll(async () => {
  await browser?.close().catch(() => undefined)
  await server?.stop().catch(() => undefined)
  if (db) {
    await db.dropDatabase(DB_NAME).catch(() => undefined)
    await db.stop().catch(() => undefined)
  }
})

function requireEvents() {
  if (trackError) {
    throw new Error(`The storefront events could not be posted, so this page has nothing to show: ${trackError.message}`)
  }
}

/** A test that saves a screenshot of the page when it fails. */
function pageTest(name: string, fn: () => Promise<void>) {
  it(name, async () => {
    try {
      await fn()
    } catch (e) {
      if (page) {
        const slug = name.replace(/[^a-z0-9]+/gi, "-").toLowerCase().slice(0, 60)
        await shot(`FAILED-${slug}`).catch(() => undefined)
        if (consoleErrors.length) step(`browser console errors:\n  ${consoleErrors.slice(-10).join("\n  ")}`)
      }
      throw e
    }
  })
}

describe("admin: marketing pages", () => {
  pageTest("logs in and shows Marketing in the sidebar", async () => {
    await page.goto(`${server!.url}/app/login`)
    await page.locator('input[name="email"]').fill(ADMIN.email)
    await page.locator('input[name="password"]').fill(ADMIN.password)
    await shot("01-login")
    await page.locator('button[type="submit"]').click()
    await page.waitForURL((url) => !url.pathname.endsWith("/login"), { timeout: UI_TIMEOUT })
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
    await page.goto(`${server!.url}/app/marketing/contacts`)
    await expectHeading("Contacts")
    const text = await waitForTableText((t) => t.includes(KNOWN.email), KNOWN.email)
    expect(text).toContain(KNOWN.email)
    expect(text).toContain(ADMIN_CREATED.email)
    expect(text).toContain("Anonymous visitor")
    await shot("03-contacts")
  })

  pageTest("filters the contacts by search and by known/anonymous", async () => {
    requireEvents()
    await page.goto(`${server!.url}/app/marketing/contacts`)
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

  pageTest("shows the contact's timeline with the posted events", async () => {
    requireEvents()
    await page.goto(`${server!.url}/app/marketing/contacts?q=${encodeURIComponent(KNOWN.email)}`)
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
    await page.goto(`${server!.url}/app/customers/${knownCustomer.id}`)
    const widget = page.getByTestId("marketing-profile-widget")
    await widget.waitFor({ state: "visible" })
    await widget.getByText("Marketing profile", { exact: true }).first().waitFor({ state: "visible" })
    // Loaded: the widget found this customer's contact.
    await widget.getByTestId("marketing-profile-view-contact").waitFor({ state: "visible" })
    expect(await widget.innerText()).not.toContain("could not be loaded")
    await shot("07-customer-widget", widget)

    await page.goto(`${server!.url}/app/customers/${adminCreatedCustomer.id}`)
    const widget2 = page.getByTestId("marketing-profile-widget")
    await widget2.waitFor({ state: "visible" })
    await widget2.getByText("Marketing profile", { exact: true }).first().waitFor({ state: "visible" })
    await widget2.getByTestId("marketing-profile-view-contact").waitFor({ state: "visible" })
    expect(await widget2.innerText()).not.toContain("could not be loaded")
    await shot("08-admin-created-customer-widget", widget2)
  })
})


describe("admin: lead scoring", () => {
  pageTest("shows the Scoring page with its charts, rules and the rule editor's live reach", async () => {
    requireEvents()
    await api("POST", "/admin/marketing/scoring-rules", {
      token: adminJwt,
      body: { name: "Viewed boots", kind: "engagement", event_type: "product_viewed", points: 5, apply_to_history: true },
    })
    await page.goto(`${server!.url}/app/marketing/scoring`)
    await expectHeading("Scoring")
    await page.getByTestId("scoring-histogram").waitFor({ state: "visible" })
    await page.getByTestId("scoring-stage-chart").waitFor({ state: "visible" })
    const rules = page.getByTestId("scoring-rules-table")
    await rules.getByText("Viewed boots").first().waitFor({ state: "visible" })
    await shot("09-scoring")

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
    await page.goto(`${server!.url}/app/marketing/contacts?q=${encodeURIComponent(KNOWN.email)}`)
    await waitForTableText((t) => t.includes(KNOWN.email), KNOWN.email)
    await page.getByTestId("marketing-contacts-table").getByText(KNOWN.email).first().click()
    await page.waitForURL(/\/app\/marketing\/contacts\/[^/?]+$/)
    await page.getByTestId("marketing-contact-scores").waitFor({ state: "visible" })
    const history = page.getByTestId("marketing-score-history")
    await history.getByText("Viewed boots").first().waitFor({ state: "visible" })
    await shot("11-contact-scores")
  })
})

async function expectHeading(name: string) {
  const heading = page.getByRole("heading", { name, exact: true }).first()
  await heading.waitFor({ state: "visible" })
  expect(await heading.isVisible()).toBe(true)
}
