/**
 * The fixture every admin browser spec starts from: a real Medusa app with the
 * plugin (scripts/lib/medusa-app.js; one cached build shared by the specs),
 * started on a free port with the spec's own database, an admin user, and a
 * Chromium page.
 *
 *   const app = useAdminApp({ name: "segments", database: "mma_browser_segments" })
 *   app.pageTest("lists segments", async () => {
 *     await app.login()
 *     await app.page.goto(app.url("/app/marketing/segments"))
 *   })
 *
 * Browser specs use fixed database names, so they run one at a time (under a
 * lock, see README). Needs a plugin build (`npx medusa plugin:build`),
 * PostgreSQL (localhost:5432, DATABASE_URL, or embedded) and Chromium.
 */
import fs from "fs"
import path from "path"
import type { Browser, Locator, Page } from "playwright-core"
import { launchChromium, saveScreenshot, screenshotOnFailure } from "./chromium"
import { adminToken, createApi, type Api } from "./store"
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { UNTHROTTLED_RATE_LIMITS } = require("../../../scripts/lib/rate-limits")

// Plain CommonJS helpers shared with the demo and the benchmarks.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { ensurePostgres } = require("../../../scripts/lib/database")
// eslint-disable-next-line @typescript-eslint/no-var-requires
const medusaApp = require("../../../scripts/lib/medusa-app")

const ROOT = path.resolve(__dirname, "..", "..", "..")
export const ADMIN = { email: "admin@example.com", password: "supersecret" }
export const UI_TIMEOUT = 30_000

/**
 * Picks an option of a Radix Select (under @medusajs/ui) with the keyboard, as a shopper could: focus, Enter. Radix
 * lines the open list up with the chosen option, which near the bottom of a drawer can put an option outside the
 * viewport, where a click never lands (a CI run failed so).
 */
export async function choose(trigger: Locator, option: string) {
  const page = trigger.page()
  await trigger.click()
  const item = page.getByRole("option", { name: option, exact: true })
  await item.focus()
  await page.keyboard.press("Enter")
  await page.getByRole("listbox").waitFor({ state: "hidden" })
}

export type AdminAppOptions = {
  /** Names the log lines ([browser-<name>]) and failure screenshots. */
  name: string
  /** The spec's own database, dropped before and after. */
  database: string
  viewport?: { width: number; height: number }
  /** Another app folder for another admin build (default integration-tests/.browser-app). */
  appDir?: string
  /**
   * How the admin is built. `backendUrl` gets the port the app will listen
   * on; the fixture then keeps that port from run to run, so the build stays cached.
   */
  admin?: { backendUrl?: (port: number) => string; authType?: "session" | "jwt" }
}

export type AdminApp = ReturnType<typeof useAdminApp>

/** Registers beforeAll/afterAll that start the app and the browser, and returns the page helpers. */
export function useAdminApp(options: AdminAppOptions) {
  // MMA_TEST_DB_SUFFIX keeps two checkouts running the same browser spec at once off each other's database.
  const database = process.env.MMA_TEST_DB_SUFFIX ? `${options.database}_${process.env.MMA_TEST_DB_SUFFIX}` : options.database
  const appDir = options.appDir ?? path.join(ROOT, "integration-tests", ".browser-app")
  const log = (m: string) => process.stdout.write(`[browser-${options.name}] ${m}\n`)
  let db: any
  let server: { url: string; port: number; stop(): Promise<void> } | null = null
  let browser: Browser | null = null
  let page: Page | undefined
  let api: Api
  let adminJwt: string
  let adminBackendUrl: string | undefined
  const consoleErrors: string[] = []

  beforeAll(async () => {
    medusaApp.setLogPrefix(`browser-${options.name}`)
    db = await ensurePostgres({ dataDir: path.join(appDir, "pgdata"), persistent: false })

    const port = options.admin?.backendUrl ? await stablePort(appDir) : await medusaApp.getFreePort()
    adminBackendUrl = options.admin?.backendUrl?.(port)
    await medusaApp.prepareApp({
      dir: appDir,
      databaseUrl: db.url(database),
      // The specs seed through the store routes from this one address: the limits stay on, far above that load.
      pluginOptions: { rateLimits: UNTHROTTLED_RATE_LIMITS },
      adminEnabled: true,
      admin: { backendUrl: adminBackendUrl, authType: options.admin?.authType },
    })
    await medusaApp.buildApp(appDir)
    // Migrated once per build, then copied: each spec gets its own fresh database without a minute of migrations.
    await medusaApp.migratedDatabase({ db, dir: appDir, database, adminUser: ADMIN })
    server = await medusaApp.startApp(appDir, { port })
    api = createApi(server!.url)
    adminJwt = await adminToken(api, ADMIN.email, ADMIN.password)

    browser = await launchChromium()
    const context = await browser.newContext({ viewport: options.viewport ?? { width: 1440, height: 900 } })
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
      await db.dropDatabase(database).catch(() => undefined)
      await db.stop().catch(() => undefined)
    }
  })

  const current = (): Page => {
    if (!page) throw new Error("The browser page is not open: the app did not start")
    return page
  }

  /**
   * Saves a screenshot of the page. The admin scrolls inside its own layout,
   * so a part of the page below the fold is scrolled into view first.
   */
  async function shot(name: string, focus?: Locator) {
    if (focus) await focus.scrollIntoViewIfNeeded().catch(() => undefined)
    const file = await saveScreenshot(current(), name)
    log(`screenshot ${path.relative(ROOT, file)}`)
  }

  /** Signs in on the admin's login page; `beforeSubmit` runs with the form filled. */
  async function login(opts: { beforeSubmit?: () => Promise<void> } = {}) {
    const p = current()
    await p.goto(url("/app/login"))
    await p.locator('input[name="email"]').fill(ADMIN.email)
    await p.locator('input[name="password"]').fill(ADMIN.password)
    await opts.beforeSubmit?.()
    await p.locator('button[type="submit"]').click()
    await p.waitForURL((u) => !u.pathname.endsWith("/login"), { timeout: UI_TIMEOUT })
  }

  /** The admin's address of a path, e.g. url("/app/marketing"). */
  function url(p: string) {
    if (!server) throw new Error("The app is not running")
    return `${server.url}${p}`
  }

  /** A test that saves a screenshot of the page (and logs console errors) when it fails. */
  const pageTest = screenshotOnFailure({
    prefix: options.name,
    page: () => page,
    onFailure: () => {
      if (consoleErrors.length) log(`browser console errors:\n  ${consoleErrors.slice(-10).join("\n  ")}`)
    },
  })

  /** Waits until a locator's text passes `predicate`; fails with what it showed. */
  async function waitForText(locator: Locator, predicate: (text: string) => boolean, what: string) {
    const deadline = Date.now() + UI_TIMEOUT
    let text = ""
    while (Date.now() < deadline) {
      text = await locator.innerText().catch(() => "")
      if (predicate(text)) return text
      await current().waitForTimeout(250)
    }
    throw new Error(`Never saw ${what}. The element shows:\n${text.slice(0, 1500)}`)
  }

  async function waitForAttribute(locator: Locator, name: string, expected: string, what: string) {
    const deadline = Date.now() + UI_TIMEOUT
    let value: string | null = null
    while (Date.now() < deadline) {
      value = await locator.getAttribute(name).catch(() => null)
      if (value === expected) return
      await current().waitForTimeout(250)
    }
    throw new Error(`Never saw ${what}: ${name} is ${JSON.stringify(value)}, expected ${JSON.stringify(expected)}`)
  }

  /**
   * Stops the app and starts it again on the same port (and database) with
   * `env` added: e.g. MMA_EXTRA_PLUGIN_OPTIONS turns a plugin option on, with
   * no rebuild. restart({}) brings back the app as it started. Admin sessions
   * end (log in again); bearer tokens stay valid.
   */
  let restarts = 0
  async function restart(env: Record<string, string>) {
    if (!server) throw new Error("The app is not running")
    const { port } = server
    await server.stop()
    server = null
    server = await medusaApp.startApp(appDir, { port, env, logName: `server-${++restarts}` })
  }

  async function expectHeading(name: string) {
    const heading = current().getByRole("heading", { name, exact: true }).first()
    await heading.waitFor({ state: "visible" })
    expect(await heading.isVisible()).toBe(true)
  }

  /** Signs in and opens a section of the Marketing overview (e.g. "segments") by its card. */
  async function openMarketingSection(section: string, heading: string) {
    const p = current()
    await login()
    await p.goto(url("/app/marketing"))
    await p.getByTestId(`marketing-section-${section}`).click()
    await p.waitForURL(new RegExp(`/app/marketing/${section}$`))
    await expectHeading(heading)
  }

  return {
    get page() {
      return current()
    },
    get api() {
      return api
    },
    /** A bearer token of the admin user, for setting up data over HTTP. */
    get adminJwt() {
      return adminJwt
    },
    /** The spec's database, for checks SQL answers best. */
    get databaseUrl(): string {
      return db.url(database)
    },
    /** The backend URL the admin was built with, when the spec chose one. */
    get adminBackendUrl() {
      return adminBackendUrl
    },
    consoleErrors,
    log,
    url,
    login,
    shot,
    pageTest,
    waitForText,
    waitForAttribute,
    restart,
    expectHeading,
    openMarketingSection,
  }
}

/**
 * The port this app folder used last time when it is still free, else a new
 * one (which changes the admin's backend URL, and so rebuilds the app once).
 */
async function stablePort(appDir: string): Promise<number> {
  const file = path.join(appDir, ".browser-port")
  const previous = Number(fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim() : 0)
  if (previous && (await medusaApp.portIsFree(previous))) return previous
  const port = await medusaApp.getFreePort()
  fs.mkdirSync(appDir, { recursive: true })
  fs.writeFileSync(file, `${port}\n`)
  return port
}
