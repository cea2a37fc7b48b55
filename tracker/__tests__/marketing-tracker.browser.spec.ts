/**
 * The storefront tracker in a real headless Chromium (Debian's, driven by playwright-core).
 *
 * One Node http server listens twice on 127.0.0.1: a "storefront" origin that serves a test page
 * loading tracker/marketing-tracker.js from disk, and a "backend" origin (another port, so every call
 * is cross-origin with a CORS preflight) that records what the tracker posts.
 */
import fs from "fs"
import http from "http"
import path from "path"
import type { AddressInfo } from "net"
import type { Browser, BrowserContext, Page } from "playwright-core"
import { launchChromium, screenshotOnFailure } from "../../integration-tests/browser/helpers/chromium"

jest.setTimeout(30_000)

const TRACKER = path.join(__dirname, "..", "marketing-tracker.js")
const KEY = "pk_test_123"
const TYPE_RE = /^(product_viewed|category_viewed|page_viewed|search_performed|product_added_to_cart|checkout_started|identify|custom:[a-z0-9][a-z0-9_.-]{0,63})$/

type Recorded = {
  path: string
  query: URLSearchParams
  headers: http.IncomingHttpHeaders
  status: number
  events: any[]
}

let recorded: Recorded[] = []
let forcedStatuses: number[] = [] // next responses of POST /store/marketing/events
let browser: Browser
let storefront: http.Server
let backend: http.Server
let siteUrl = ""
let backendUrl = ""

function pageHtml() {
  return `<!doctype html><html><head><title>Test shop</title></head><body>
<script src="/marketing-tracker.js"></script>
<script>
  window.tracker = MarketingTracker.init(Object.assign(
    { backendUrl: ${JSON.stringify(backendUrl)}, publishableKey: ${JSON.stringify(KEY)} },
    window.__mmaOpts || {}
  ))
</script></body></html>`
}

// No inline init: data-* attributes on the tag, and calls queued before the script loaded.
function autoInitHtml() {
  return `<!doctype html><html><head><title>Auto</title>
<script>(window.MarketingTracker = window.MarketingTracker || []).push(["productViewed", { product_id: "prod_early" }])</script>
<script src="/marketing-tracker.js" data-backend-url="${backendUrl}" data-publishable-key="${KEY}" data-consent="granted"></script>
</head><body></body></html>`
}

function serveStorefront(req: http.IncomingMessage, res: http.ServerResponse) {
  const url = new URL(req.url || "/", siteUrl)
  if (url.pathname === "/marketing-tracker.js") {
    res.writeHead(200, { "content-type": "text/javascript", "cache-control": "no-store" })
    return res.end(fs.readFileSync(TRACKER))
  }
  if (url.pathname === "/favicon.ico") return res.writeHead(404).end()
  res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" })
  res.end(url.pathname === "/auto.html" ? autoInitHtml() : pageHtml())
}

function serveBackend(req: http.IncomingMessage, res: http.ServerResponse) {
  const url = new URL(req.url || "/", backendUrl)
  const cors: Record<string, string> = {
    "access-control-allow-origin": String(req.headers.origin || "*"),
    "access-control-allow-credentials": "true",
    "access-control-allow-headers": "content-type,x-publishable-api-key",
    "access-control-allow-methods": "POST, OPTIONS",
    vary: "Origin",
  }
  if (req.method === "OPTIONS") return res.writeHead(204, cors).end()
  const known = url.pathname === "/store/marketing/events" || url.pathname === "/marketing/events/beacon"
  if (req.method !== "POST" || !known) return res.writeHead(404, cors).end()
  let body = ""
  req.on("data", (c) => (body += c))
  req.on("end", () => {
    let events: any[] = []
    try {
      events = JSON.parse(body).events
    } catch {
      events = []
    }
    const status = url.pathname === "/store/marketing/events" && forcedStatuses.length ? forcedStatuses.shift()! : 200
    recorded.push({ path: url.pathname, query: url.searchParams, headers: req.headers, status, events })
    res.writeHead(status, { ...cors, "content-type": "application/json" })
    res.end(status === 200 ? JSON.stringify({ recorded: events.length, duplicates: 0, dropped: 0 }) : '{"message":"nope"}')
  })
}

function listen(handler: http.RequestListener): Promise<[http.Server, string]> {
  const server = http.createServer(handler)
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve([server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`]))
  )
}

async function waitFor<T>(fn: () => T | undefined | false, what: string, timeout = 5000): Promise<T> {
  const end = Date.now() + timeout
  for (;;) {
    const v = fn()
    if (v) return v
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; recorded: ${JSON.stringify(summary())}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

const summary = () => recorded.map((r) => ({ path: r.path, status: r.status, types: r.events.map((e) => e.type) }))
const storePosts = () => recorded.filter((r) => r.path === "/store/marketing/events")
const beaconPosts = () => recorded.filter((r) => r.path === "/marketing/events/beacon")
const allEvents = (rs = recorded) => rs.flatMap((r) => r.events)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

let context: BrowserContext
let warnings: string[] = []

// Engaged time is off here unless a test turns it on: it has its own tests below, and elsewhere it would add a
// page_engaged report whenever a step of a slow machine takes over a second.
async function open(opts: Record<string, unknown> = {}, query = ""): Promise<Page> {
  context = await browser.newContext()
  await context.addInitScript((o) => {
    ;(window as any).__mmaOpts = o
  }, { engagedTime: false, ...opts })
  const page = await context.newPage()
  page.on("console", (m) => {
    if (m.type() === "warning") warnings.push(m.text())
  })
  page.on("pageerror", (e) => warnings.push("PAGEERROR " + e.message))
  await page.goto(`${siteUrl}/page.html${query}`)
  await page.waitForFunction(() => !!(window as any).tracker)
  return page
}

/** `it`, with a screenshot of the test's last page when it fails. */
const pageTest = screenshotOnFailure({ prefix: "tracker", page: () => context?.pages().slice(-1)[0] })

const cookieOf = async () => (await context.cookies(siteUrl)).find((c) => c.name === "_mma_aid")

beforeAll(async () => {
  ;[storefront, siteUrl] = await listen(serveStorefront)
  ;[backend, backendUrl] = await listen(serveBackend)
  browser = await launchChromium()
}, 300_000)

afterAll(async () => {
  await browser?.close()
  await new Promise((r) => storefront?.close(r))
  await new Promise((r) => backend?.close(r))
})

beforeEach(() => {
  recorded = []
  forcedStatuses = []
  warnings = []
})

afterEach(async () => {
  expect(warnings.filter((w) => w.startsWith("PAGEERROR"))).toEqual([])
  await context?.close()
})

describe("marketing tracker in Chromium", () => {
  it("loads as CommonJS without a window and without throwing", () => {
    const api = require(TRACKER)
    expect(typeof api.init).toBe("function")
    expect(typeof api.create).toBe("function")
    const t = api.create({ backendUrl: "http://x", publishableKey: "pk" })
    expect(t.track("page_viewed", {})).toBe(false)
    expect((global as any).MarketingTracker).toBeUndefined()
  })

  pageTest("sets a first-party cookie whose id is stable across reloads", async () => {
    const page = await open({ consent: "granted" })
    const id = await page.evaluate(() => (window as any).tracker.anonymousId())
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    const cookie = await cookieOf()
    expect(cookie).toMatchObject({ value: id, path: "/", sameSite: "Lax", secure: false })
    expect(cookie!.expires).toBeGreaterThan(Date.now() / 1000 + 360 * 86400)

    await page.reload()
    await page.waitForFunction(() => !!(window as any).tracker)
    expect(await page.evaluate(() => (window as any).tracker.anonymousId())).toBe(id)
    await page.evaluate(() => (window as any).tracker.flush())
    const views = allEvents().filter((e) => e.type === "page_viewed")
    expect(views.length).toBeGreaterThanOrEqual(2)
    expect(views.every((e) => e.anonymous_id === id)).toBe(true)
    // Nothing else leaks onto window besides MarketingTracker (and the test's own globals).
    const globals = await page.evaluate(() => {
      const frame = document.body.appendChild(document.createElement("iframe"))
      const builtins = new Set(Object.keys(frame.contentWindow as Window))
      return Object.keys(window).filter((k) => !builtins.has(k) && !/^\d+$/.test(k) && k !== "__mmaOpts" && k !== "tracker")
    })
    expect(globals).toEqual(["MarketingTracker"])
  })

  pageTest("initialises from data-* attributes and replays calls queued before it loaded", async () => {
    context = await browser.newContext()
    const page = await context.newPage()
    page.on("pageerror", (e) => warnings.push("PAGEERROR " + e.message))
    await page.goto(`${siteUrl}/auto.html`)
    await page.evaluate(() => (window as any).MarketingTracker.flush())
    const id = await page.evaluate(() => (window as any).MarketingTracker.anonymousId())
    expect((await cookieOf())?.value).toBe(id)
    const events = allEvents()
    expect(events.map((e) => e.type).sort()).toEqual(["page_viewed", "product_viewed"])
    expect(events.find((e) => e.type === "product_viewed").properties).toEqual({ product_id: "prod_early" })
    expect(storePosts()[0].headers["x-publishable-api-key"]).toBe(KEY)
  })

  pageTest("batches events into posts that follow the contract", async () => {
    const page = await open({ consent: "granted", maxBatchSize: 5, flushIntervalMs: 60_000, autoPageViews: false })
    await page.evaluate(() => {
      const t = (window as any).tracker
      for (let i = 0; i < 11; i++) t.track("custom:test_event", { i })
      t.productViewed({ product_id: "prod_1", title: "Shirt" })
    })
    // 12 events with maxBatchSize 5: the size trigger sends them without any explicit flush.
    await waitFor(() => allEvents(storePosts()).length === 12, "12 events")
    const posts = storePosts()
    expect(posts.length).toBeGreaterThanOrEqual(3)
    const id = await page.evaluate(() => (window as any).tracker.anonymousId())
    for (const p of posts) {
      expect(p.headers["x-publishable-api-key"]).toBe(KEY)
      expect(p.headers["content-type"]).toBe("application/json")
      expect(p.headers.origin).toBe(siteUrl)
      expect(p.headers.cookie).toContain(`_mma_aid=${id}`) // credentials: "include"
      expect(p.events.length).toBeGreaterThanOrEqual(1)
      expect(p.events.length).toBeLessThanOrEqual(5)
    }
    const events = allEvents(posts)
    const keys = new Set(events.map((e) => e.idempotency_key))
    expect(keys.size).toBe(12)
    for (const e of events) {
      expect(e.type).toMatch(TYPE_RE)
      expect(new Date(e.occurred_at).toISOString()).toBe(e.occurred_at)
      expect(e.anonymous_id).toBe(id)
      expect(typeof e.session_id).toBe("string")
      expect(e.session_id).toBe(events[0].session_id)
      expect(typeof e.idempotency_key).toBe("string")
      expect(e.consent).toEqual({ analytics: true })
      expect(e.context.page_url).toBe(`${siteUrl}/page.html`)
      expect(typeof e.context.locale).toBe("string")
      expect(typeof e.context.timezone).toBe("string")
      expect(Buffer.byteLength(JSON.stringify(e.properties))).toBeLessThanOrEqual(8192)
    }
    expect(events.map((e) => e.properties.i).filter((i) => i !== undefined)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(events[11]).toMatchObject({ type: "product_viewed", properties: { product_id: "prod_1" } })

    // Invalid input is refused on the client, before it could make the server reject a whole batch.
    const accepted = await page.evaluate(() => {
      const t = (window as any).tracker
      return [t.track("custom:Bad Name", {}), t.track("nope", {}), t.track("custom:big", { s: "x".repeat(9000) })]
    })
    expect(accepted).toEqual([false, false, false])
    expect(await page.evaluate(() => (window as any).tracker.pending())).toBe(0)
  })

  pageTest("flushes through sendBeacon to the beacon URL when the page is hidden", async () => {
    const page = await open({ consent: "granted", flushIntervalMs: 60_000, autoPageViews: false })
    // Count sendBeacon calls in localStorage, which survives the navigation below.
    await page.evaluate(() => {
      const orig = navigator.sendBeacon.bind(navigator)
      navigator.sendBeacon = (url: string | URL, data?: BodyInit | null) => {
        localStorage.setItem("beacons", String(Number(localStorage.getItem("beacons") || 0) + 1))
        return orig(url, data)
      }
      const t = (window as any).tracker
      t.track("search_performed", { query: "shirt" })
      t.track("product_added_to_cart", { product_id: "prod_1", quantity: 1 })
      t.track("checkout_started", { cart_id: "cart_1" })
    })
    expect(storePosts()).toHaveLength(0)
    await page.goto(`${siteUrl}/other.html`) // pagehide on the first page
    const beacon = await waitFor(() => beaconPosts()[0], "a beacon")
    expect(beacon.query.get("publishable_key")).toBe(KEY)
    expect(beacon.headers["content-type"]).toMatch(/^text\/plain/)
    expect(beacon.headers["x-publishable-api-key"]).toBeUndefined()
    expect(beacon.events.map((e) => e.type)).toEqual(["search_performed", "product_added_to_cart", "checkout_started"])
    expect(await page.evaluate(() => localStorage.getItem("beacons"))).toBe("1")
    await sleep(300)
    expect(storePosts()).toHaveLength(0) // sent once, not again from the next page

    // visibilitychange to hidden (tab switch) sends too, and leaves nothing queued.
    await page.evaluate(() => {
      const t = (window as any).tracker
      t.track("category_viewed", { category_id: "pcat_1" })
      Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true })
      document.dispatchEvent(new Event("visibilitychange"))
    })
    await waitFor(() => beaconPosts().length === 2, "a second beacon")
    expect(beaconPosts()[1].events.map((e) => e.type)).toEqual(["category_viewed"])
    expect(await page.evaluate(() => (window as any).tracker.pending())).toBe(0)
  })

  pageTest("keeps queued events across a reload when they could not be sent", async () => {
    const page = await open({ consent: "granted", flushIntervalMs: 60_000, autoPageViews: false })
    const keys = await page.evaluate(() => {
      const t = (window as any).tracker
      t.track("custom:kept", { n: 1 })
      t.track("custom:kept", { n: 2 })
      // Offline: neither the beacon nor the keepalive fallback can go out.
      navigator.sendBeacon = () => false
      window.fetch = () => Promise.reject(new TypeError("offline"))
      return Object.keys(sessionStorage)
    })
    expect(keys.some((k) => k.endsWith(":q"))).toBe(true)
    await page.reload()
    await waitFor(() => allEvents(storePosts()).length === 2, "the restored events")
    expect(allEvents(storePosts()).map((e) => e.properties.n)).toEqual([1, 2])
    expect(beaconPosts()).toHaveLength(0)
  })

  pageTest("with consent denied: no cookie, only identify events, and granting later persists the id", async () => {
    const page = await open({ consent: "denied", flushIntervalMs: 60_000 })
    const id = await page.evaluate(async () => {
      const t = (window as any).tracker
      t.track("custom:ignored", {})
      t.productViewed({ product_id: "prod_1" })
      t.identify({ email: " Jane@Example.com ", first_name: "Jane", email_marketing_consent: true, consent_source: "newsletter", bogus: "x" })
      await t.flush()
      return t.anonymousId()
    })
    expect(id).toBeTruthy()
    expect(await cookieOf()).toBeUndefined()
    expect(await page.evaluate(() => document.cookie)).toBe("")
    const events = allEvents()
    expect(events.map((e) => e.type)).toEqual(["identify"])
    expect(events[0]).toMatchObject({
      anonymous_id: id,
      consent: { analytics: false },
      properties: { email: "Jane@Example.com", first_name: "Jane", email_marketing_consent: true, consent_source: "newsletter" },
    })
    expect(events[0].properties).not.toHaveProperty("bogus")
    expect(events[0].context).not.toHaveProperty("utm")
    expect(events[0].context).not.toHaveProperty("user_agent")

    const before = recorded.length
    await page.evaluate(() => (window as any).tracker.setConsent("granted"))
    await sleep(200)
    expect(recorded.length).toBe(before) // setConsent sends nothing by itself
    expect((await cookieOf())?.value).toBe(id)
    await page.evaluate(() => {
      const t = (window as any).tracker
      t.track("custom:after_grant", {})
      return t.flush()
    })
    const after = allEvents().filter((e) => e.type === "custom:after_grant")
    expect(after).toHaveLength(1)
    expect(after[0]).toMatchObject({ anonymous_id: id, consent: { analytics: true } })

    // Withdrawing consent removes the cookie again.
    await page.evaluate(() => (window as any).tracker.setConsent("denied"))
    expect(await cookieOf()).toBeUndefined()
    expect(await page.evaluate(() => (window as any).tracker.track("custom:x", {}))).toBe(false)
  })

  pageTest("with requireConsent and no answer yet, behaves like denied", async () => {
    const page = await open({ requireConsent: true, flushIntervalMs: 60_000 })
    await page.evaluate(async () => {
      const t = (window as any).tracker
      t.track("custom:ignored", {})
      t.identify({ email: "a@b.co" })
      await t.flush()
    })
    expect(await cookieOf()).toBeUndefined()
    expect(allEvents().map((e) => [e.type, e.consent])).toEqual([["identify", { analytics: false }]])
  })

  pageTest("tracks SPA navigation (pushState, popstate) as page_viewed", async () => {
    const page = await open({ consent: "granted", flushIntervalMs: 60_000 })
    await page.evaluate(async () => {
      history.pushState({}, "", "/products/shirt")
      document.title = "Shirt"
      await new Promise((r) => setTimeout(r, 20))
      history.replaceState({ some: "state" }, "", "/products/shirt") // same URL: not a new view
      history.replaceState({}, "", "/products/shirt?v_id=variant_blue") // query only: the same page
      await new Promise((r) => setTimeout(r, 20))
    })
    await page.goBack({ waitUntil: "commit" }).catch(() => undefined) // popstate back to /page.html
    await page.waitForFunction(() => location.pathname === "/page.html")
    await sleep(50)
    await page.evaluate(() => (window as any).tracker.flush())
    const views = allEvents().filter((e) => e.type === "page_viewed")
    expect(views.map((e) => e.properties.path)).toEqual(["/page.html", "/products/shirt", "/page.html"])
    expect(views[0].properties).toMatchObject({ title: "Test shop", url: `${siteUrl}/page.html` })
    expect(views[1].properties.url).toBe(`${siteUrl}/products/shirt`)
    expect(views[1].context.referrer).toBe(`${siteUrl}/page.html`)
    expect(views[2].context.referrer).toBe(`${siteUrl}/products/shirt?v_id=variant_blue`)
  })

  pageTest("counts query-only URL changes as page views only with queryChangePageViews", async () => {
    const page = await open({ consent: "granted", flushIntervalMs: 60_000, queryChangePageViews: true })
    await page.evaluate(async () => {
      history.replaceState({}, "", "/page.html?v_id=variant_blue")
      await new Promise((r) => setTimeout(r, 20))
      await (window as any).tracker.flush()
    })
    const views = allEvents().filter((e) => e.type === "page_viewed")
    expect(views.map((e) => e.properties.url)).toEqual([`${siteUrl}/page.html`, `${siteUrl}/page.html?v_id=variant_blue`])
  })

  pageTest("drops an identical event repeated within dedupeWindowMs", async () => {
    const page = await open({ consent: "granted", flushIntervalMs: 60_000, autoPageViews: false, dedupeWindowMs: 300 })
    const accepted = await page.evaluate(async () => {
      const t = (window as any).tracker
      const r = [
        t.productViewed({ product_id: "prod_1" }), // a strict-mode effect...
        t.productViewed({ product_id: "prod_1" }), // ...run twice
        t.productViewed({ product_id: "prod_2" }), // other properties: kept
        t.track("custom:clicked", { product_id: "prod_1" }), // other type: kept
      ]
      await new Promise((res) => setTimeout(res, 400))
      r.push(t.productViewed({ product_id: "prod_1" })) // after the window: kept
      await t.flush()
      return r
    })
    expect(accepted).toEqual([true, false, true, true, true])
    expect(allEvents().map((e) => [e.type, e.properties.product_id])).toEqual([
      ["product_viewed", "prod_1"],
      ["product_viewed", "prod_2"],
      ["custom:clicked", "prod_1"],
      ["product_viewed", "prod_1"],
    ])

    // dedupeWindowMs: 0 turns it off.
    recorded = []
    const page2 = await open({ consent: "granted", flushIntervalMs: 60_000, autoPageViews: false, dedupeWindowMs: 0 })
    await page2.evaluate(() => {
      const t = (window as any).tracker
      t.productViewed({ product_id: "prod_1" })
      t.productViewed({ product_id: "prod_1" })
      return t.flush()
    })
    expect(allEvents().map((e) => e.properties.product_id)).toEqual(["prod_1", "prod_1"])
    expect(new Set(allEvents().map((e) => e.idempotency_key)).size).toBe(2)
    await page.close()
  })

  pageTest("remembers the consent choice in a cookie, so the next full load tracks from its first page view", async () => {
    // First load: requireConsent and no choice yet. The page view waits in memory, nothing is sent or stored.
    const page = await open({ requireConsent: true, flushIntervalMs: 60_000 })
    await sleep(100)
    expect(recorded).toHaveLength(0)
    expect(await context.cookies(siteUrl)).toEqual([])
    const id = await page.evaluate(async () => {
      const t = (window as any).tracker
      t.productViewed({ product_id: "prod_1" })
      t.setConsent("granted") // the banner's button, after load
      await t.flush()
      return t.anonymousId()
    })
    // The held page view and product view go out with the id the cookie now keeps.
    const first = allEvents()
    expect(first.map((e) => e.type)).toEqual(["page_viewed", "product_viewed"])
    expect(first.every((e) => e.anonymous_id === id && e.consent.analytics === true)).toBe(true)
    expect(Date.parse(first[0].occurred_at)).toBeLessThan(Date.parse(first[1].occurred_at) + 1)
    const consentCookie = (await context.cookies(siteUrl)).find((c) => c.name === "_mma_consent")
    expect(consentCookie).toMatchObject({ value: "granted", path: "/", sameSite: "Lax", httpOnly: false })
    expect((await cookieOf())?.value).toBe(id)

    // Next full load, same requireConsent setup: the cookie answers, the first page view is sent.
    recorded = []
    await page.reload()
    await page.waitForFunction(() => !!(window as any).tracker)
    expect(await page.evaluate(() => (window as any).tracker.consent())).toBe("granted")
    await page.evaluate(() => (window as any).tracker.flush())
    expect(allEvents().map((e) => [e.type, e.anonymous_id])).toEqual([["page_viewed", id]])

    // Denied is remembered too: the next load sends nothing but identify and keeps no id cookie.
    await page.evaluate(() => (window as any).tracker.setConsent("denied"))
    expect((await context.cookies(siteUrl)).map((c) => [c.name, c.value])).toEqual([["_mma_consent", "denied"]])
    recorded = []
    await page.reload()
    await page.waitForFunction(() => !!(window as any).tracker)
    await page.evaluate(async () => {
      const t = (window as any).tracker
      t.productViewed({ product_id: "prod_2" })
      t.identify({ email: "jane@example.com" })
      await t.flush()
    })
    expect(allEvents().map((e) => [e.type, e.consent])).toEqual([["identify", { analytics: false }]])
    expect(await cookieOf()).toBeUndefined()
  })

  pageTest("forgets events held for a choice when the shopper denies, and reads a renamed consent cookie", async () => {
    const page = await open({ requireConsent: true, flushIntervalMs: 60_000, consentCookieName: "shop_consent" })
    await page.evaluate(async () => {
      const t = (window as any).tracker
      t.track("custom:held", {})
      t.setConsent("denied")
      t.setConsent("granted") // a later change of mind does not bring back what was denied
      await t.flush()
    })
    expect(allEvents().map((e) => e.type)).toEqual([])
    const names = (await context.cookies(siteUrl)).map((c) => c.name).sort()
    expect(names).toEqual(["_mma_aid", "shop_consent"])

    // An explicit consent option wins over the cookie.
    recorded = []
    await context.addInitScript(() => {
      ;(window as any).__mmaOpts = { consent: "denied", consentCookieName: "shop_consent", flushIntervalMs: 60_000 }
    })
    await page.reload()
    await page.waitForFunction(() => !!(window as any).tracker)
    expect(await page.evaluate(() => (window as any).tracker.consent())).toBe("denied")
  })

  pageTest("captures UTM parameters from the landing URL for the whole session", async () => {
    const page = await open({ consent: "granted", flushIntervalMs: 60_000 }, "?utm_source=newsletter&utm_medium=email&utm_campaign=spring")
    await page.evaluate(() => history.pushState({}, "", "/products/shirt"))
    await page.goto(`${siteUrl}/page.html?q=1`) // a later page without utm_* in the same tab
    await page.waitForFunction(() => !!(window as any).tracker)
    await page.evaluate(() => {
      const t = (window as any).tracker
      t.track("custom:later", {})
      return t.flush()
    })
    const later = allEvents().find((e) => e.type === "custom:later")
    expect(later.context.utm).toEqual({ source: "newsletter", medium: "email", campaign: "spring" })
    const events = allEvents()
    expect(events.filter((e) => e.type === "page_viewed").length).toBeGreaterThanOrEqual(3)
    expect(events.every((e) => e.context.utm?.campaign === "spring")).toBe(true)
  })

  pageTest("caps batches by size and redacts secrets in URLs", async () => {
    const page = await open({ consent: "granted", flushIntervalMs: 60_000, autoPageViews: false }, "?token=abc123&email=a%40b.co&x=1")
    await page.evaluate(() => {
      const t = (window as any).tracker
      for (let i = 0; i < 20; i++) t.track("custom:big", { i, blob: "x".repeat(7000) })
      return t.flush()
    })
    const posts = storePosts()
    expect(allEvents(posts)).toHaveLength(20)
    expect(posts.length).toBeGreaterThanOrEqual(3) // 20 x ~7.5 KB does not fit one ~60 KB body
    for (const p of posts) expect(Number(p.headers["content-length"])).toBeLessThan(64 * 1024)
    expect(allEvents(posts)[0].context.page_url).toBe(`${siteUrl}/page.html?token=redacted&email=redacted&x=1`)
  })

  pageTest("drops a batch the server rejects with 4xx and warns once", async () => {
    const page = await open({ consent: "granted", flushIntervalMs: 60_000, autoPageViews: false })
    forcedStatuses = [400, 422]
    await page.evaluate(async () => {
      const t = (window as any).tracker
      t.track("custom:rejected", { n: 1 })
      await t.flush()
      t.track("custom:rejected", { n: 2 })
      await t.flush()
    })
    expect(storePosts().map((p) => p.status)).toEqual([400, 422])
    expect(await page.evaluate(() => (window as any).tracker.pending())).toBe(0)
    expect(warnings.filter((w) => w.includes("rejected"))).toHaveLength(1)

    await page.evaluate(() => {
      const t = (window as any).tracker
      t.track("custom:accepted", {})
      return t.flush()
    })
    const last = storePosts()[storePosts().length - 1]
    expect(last.status).toBe(200)
    expect(last.events.map((e) => e.type)).toEqual(["custom:accepted"]) // rejected ones were not retried
  })

  pageTest("keeps events and retries with backoff on 5xx", async () => {
    const page = await open({ consent: "granted", flushIntervalMs: 200, autoPageViews: false })
    forcedStatuses = [500, 503]
    await page.evaluate(() => {
      const t = (window as any).tracker
      t.track("custom:retry_me", { n: 1 })
      t.track("custom:retry_me", { n: 2 })
      return t.flush()
    })
    expect(storePosts().map((p) => p.status)).toEqual([500])
    expect(await page.evaluate(() => (window as any).tracker.pending())).toBe(2)
    // Retries on its own: ~1 s, then ~2 s later.
    const started = Date.now()
    await waitFor(() => storePosts().some((p) => p.status === 200), "a successful retry", 8000)
    expect(Date.now() - started).toBeGreaterThan(1500) // backoff, not the 200 ms flush interval
    const posts = storePosts()
    expect(posts.map((p) => p.status)).toEqual([500, 503, 200])
    const keysOf = (p: Recorded) => p.events.map((e) => e.idempotency_key).join()
    expect(new Set(posts.map(keysOf)).size).toBe(1) // the same events, same idempotency keys
    expect(await page.evaluate(() => (window as any).tracker.pending())).toBe(0)
    expect(warnings.filter((w) => w.includes("rejected"))).toHaveLength(0)
  })

  describe("engaged time", () => {
    /**
     * A page whose tracker reads an injected clock (`now`), moved by the test with `window.__t`; the page's
     * timers are counted (`window.__timers`) to show engaged time adds none.
     */
    async function openWithClock(opts: Record<string, unknown> = {}): Promise<Page> {
      context = await browser.newContext()
      await context.addInitScript((o) => {
        const w = window as any
        w.__t = 1_000_000
        w.__timers = { interval: 0, timeout: 0 }
        const si = window.setInterval.bind(window), st = window.setTimeout.bind(window)
        ;(window as any).setInterval = (...a: any[]) => (w.__timers.interval++, (si as any)(...a))
        ;(window as any).setTimeout = (...a: any[]) => (w.__timers.timeout++, (st as any)(...a))
        w.__mmaOpts = Object.assign({ now: () => w.__t }, o)
      }, { consent: "granted", flushIntervalMs: 60_000, ...opts })
      const page = await context.newPage()
      page.on("pageerror", (e) => warnings.push("PAGEERROR " + e.message))
      await page.goto(`${siteUrl}/page.html`)
      await page.waitForFunction(() => !!(window as any).tracker)
      return page
    }
    /** Moves the injected clock to `ms` after the page's start, then fires the DOM events named. */
    const at = (page: Page, ms: number, ...events: string[]) =>
      page.evaluate(
        ([ms, events]) => {
          ;(window as any).__t = 1_000_000 + (ms as number)
          for (const name of events as string[]) {
            if (name === "hidden" || name === "visible") {
              Object.defineProperty(document, "visibilityState", { value: name, configurable: true })
              document.dispatchEvent(new Event("visibilitychange"))
            } else window.dispatchEvent(new Event(name))
          }
        },
        [ms, events] as const
      )
    const sent = async (page: Page) => {
      await page.evaluate(() => (window as any).tracker.flush())
      return allEvents()
    }
    const engagedOf = (events: any[]) => events.filter((e) => e.type === "page_engaged").map((e) => e.properties)

    pageTest("reports the engaged time with the page's next event, from listeners alone (no timer)", async () => {
      const page = await openWithClock()
      await at(page, 10_000, "pointermove")
      await at(page, 20_000, "scroll", "keydown")
      await at(page, 25_000)
      await page.evaluate(() => (window as any).tracker.track("product_added_to_cart", { product_id: "prod_1", quantity: 1 }))
      const events = await sent(page)
      expect(events.map((e) => e.type)).toEqual(["page_viewed", "page_engaged", "product_added_to_cart"])
      expect(engagedOf(events)).toEqual([{ engaged_ms: 25_000, path: "/page.html", page_type: "page" }])
      // The clock restarted at the report: the next event carries only what came after.
      await at(page, 28_000, "pointerdown")
      await at(page, 31_000)
      await page.evaluate(() => (window as any).tracker.track("checkout_started", { cart_id: "cart_1" }))
      expect(engagedOf(await sent(page)).map((p) => p.engaged_ms)).toEqual([25_000, 6_000])
      // Less than a second is kept for the next report, never sent alone.
      await at(page, 31_500)
      await page.evaluate(() => (window as any).tracker.track("custom:tiny", {}))
      expect(engagedOf(await sent(page))).toHaveLength(2)
      // One interval (the flush timer) and no timeout however many activity events fired.
      expect(await page.evaluate(() => (window as any).__timers)).toEqual({ interval: 1, timeout: 0 })
    })

    pageTest("stops the clock 30 s after the last activity", async () => {
      const page = await openWithClock()
      await at(page, 5_000, "pointermove")
      await at(page, 100_000) // idle since 5 s: counted until 35 s
      await page.evaluate(() => (window as any).tracker.track("custom:one", {}))
      await at(page, 200_000, "keydown") // active again
      await at(page, 212_000, "scroll")
      await at(page, 250_000) // idle since 212 s: counted until 242 s
      await page.evaluate(() => (window as any).tracker.track("custom:two", {}))
      expect(engagedOf(await sent(page)).map((p) => p.engaged_ms)).toEqual([35_000, 42_000])
    })

    pageTest("stops the clock while the tab is hidden and sends the time in the page-hide beacon", async () => {
      const page = await openWithClock()
      await at(page, 5_000, "pointermove")
      await at(page, 12_000, "hidden")
      const beacon = await waitFor(() => beaconPosts()[0], "a beacon")
      expect(engagedOf(beacon.events)).toEqual([{ engaged_ms: 12_000, path: "/page.html", page_type: "page" }])
      // Hidden for ten minutes, then back: only the visible time counts.
      await at(page, 612_000, "pointermove", "visible")
      await at(page, 616_000)
      await page.evaluate(() => (window as any).tracker.track("custom:back", {}))
      await page.evaluate(() => (window as any).tracker.flush())
      expect(engagedOf(allEvents(storePosts())).map((p) => p.engaged_ms)).toEqual([4_000])
    })

    pageTest("names the product page and its category, and gives a page's time to it on SPA navigation", async () => {
      const page = await openWithClock({ autoPageViews: true })
      await page.evaluate(() => (window as any).tracker.productViewed({ product_id: "prod_7", category: "Shoes", title: "Runner" }))
      await at(page, 20_000, "scroll")
      await at(page, 40_000)
      await page.evaluate(() => history.pushState({}, "", "/c/sale"))
      // The tracker sees navigation a task later.
      for (let i = 0; i < 100 && (await page.evaluate(() => (window as any).tracker.pending())) < 4; i++) await sleep(20)
      const events = await sent(page)
      expect(events.map((e) => e.type)).toEqual(["page_viewed", "product_viewed", "page_engaged", "page_viewed"])
      expect(engagedOf(events)).toEqual([{ engaged_ms: 40_000, path: "/page.html", page_type: "product", product_id: "prod_7", category: "Shoes" }])
      expect(events[3].properties.path).toBe("/c/sale")
    })

    pageTest("sends nothing with engagedTime off, or without consent", async () => {
      const off = await openWithClock({ engagedTime: false })
      await at(off, 20_000, "pointermove")
      await off.evaluate(() => (window as any).tracker.track("custom:x", {}))
      expect(engagedOf(await sent(off))).toEqual([])
      await context.close()
      recorded = []
      const denied = await openWithClock({ consent: "denied" })
      await at(denied, 20_000, "pointermove", "hidden")
      await denied.evaluate(() => (window as any).tracker.flush())
      expect(allEvents()).toEqual([])
    })
  })
})
