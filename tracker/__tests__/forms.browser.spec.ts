/**
 * The tracker's signup forms in a real headless Chromium, against a stand-in
 * backend (another origin, so every call is cross-origin with a preflight)
 * that answers the forms routes from this file and records what the tracker
 * sends. The real app, the database and the admin are in
 * integration-tests/browser/forms.spec.ts; here: rendering, triggers,
 * targeting, frequency, the keyboard, the page's CSS and the errors of a 400.
 */
import fs from "fs"
import http from "http"
import path from "path"
import type { AddressInfo } from "net"
import type { Browser, BrowserContext, Page } from "playwright-core"
import { launchChromium, screenshotOnFailure } from "../../integration-tests/browser/helpers/chromium"

jest.setTimeout(60_000)

const TRACKER = path.join(__dirname, "..", "marketing-tracker.js")
const KEY = "pk_test_forms"

type Call = { method: string; path: string; body: any }
let calls: Call[] = []
let forms: any[] = []
let hidden: string[] = []
let submissionAnswer: { status: number; body: any } = { status: 201, body: {} }
let browser: Browser
let context: BrowserContext
let site: http.Server
let backend: http.Server
let siteUrl = ""
let backendUrl = ""

const HOSTILE_CSS = `<style>
  html { font-size: 31px !important; }
  * { font-family: "Courier New", monospace !important; color: #e0115f !important; background-color: #fff35c !important;
      letter-spacing: 4px !important; line-height: 3 !important; text-transform: uppercase !important; text-align: right !important;
      font-weight: 900 !important; word-spacing: 12px !important; font-style: italic !important; }
  input, button, label, h2, p, form, fieldset { all: unset !important; border: 5px dotted blue !important; padding: 30px !important; }
  div:not([data-marketing-form]) { border: 7px solid green !important; padding: 25px !important; margin: 10px !important; }
  [role=dialog] { display: none !important; }
</style>`

function form(over: Record<string, any> = {}) {
  return {
    id: "mform_test",
    kind: "popup",
    position: "center",
    fields: [
      { name: "email", label: "Email", required: true, placeholder: "you@example.com" },
      { name: "first_name", label: "First name", required: false },
    ],
    consent: { required: true, text: "Send me news and offers by email.", topics: [] },
    hidden_fields: ["utm_source", "page"],
    variants: [
      {
        id: "a",
        weight: 100,
        content: { title: "Join the club", text: "10% off your first order.", button: "Sign me up", success_message: "Welcome aboard!", redirect_url: null },
        branding: { background: "#ffffff", text_color: "#1d1d1f", accent_color: "#0a6cff", font_family: "", border_radius: 12 },
      },
    ],
    incentive: null,
    targeting: { include_pages: [], exclude_pages: [], visitors: "all", devices: [], countries: [], segments: false, members_only: false },
    triggers: { delay_seconds: null, scroll_percent: null, exit_intent: false, page_count: null },
    frequency: { days_after_close: 7 },
    ...over,
  }
}

function pageHtml(url: URL) {
  const embed = url.searchParams.get("embed")
  return `<!doctype html><html><head><meta charset="utf-8"><title>Shop</title>
<style>body { margin: 0; padding: 24px; font-family: Georgia, serif; } [data-marketing-form] { display: block; width: 480px; height: 460px; }
.tall { height: 3000px; }</style>
${url.searchParams.get("fixed") ? "<style>[data-marketing-form] { position: absolute; top: 240px; left: 40px; }</style>" : ""}
${url.searchParams.get("hostile") ? HOSTILE_CSS : ""}</head><body>
<h1>Shop</h1><button id="before">Menu</button><script>document.getElementById("before").focus()</script>
${embed ? `<div data-marketing-form="${embed}"></div>` : ""}
<p id="below">Below the form</p>${url.searchParams.get("tall") ? '<div class="tall"></div>' : ""}
<script src="/marketing-tracker.js"></script>
<script>window.tracker = MarketingTracker.init({ backendUrl: ${JSON.stringify(backendUrl)}, publishableKey: ${JSON.stringify(KEY)},
  consent: ${JSON.stringify(url.searchParams.get("consent") || "granted")}, engagedTime: false, autoPageViews: true })</script></body></html>`
}

function serveSite(req: http.IncomingMessage, res: http.ServerResponse) {
  const url = new URL(req.url || "/", siteUrl)
  if (url.pathname === "/marketing-tracker.js") {
    res.writeHead(200, { "content-type": "text/javascript", "cache-control": "no-store" })
    return res.end(fs.readFileSync(TRACKER))
  }
  if (url.pathname === "/favicon.ico") return res.writeHead(404).end()
  res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" })
  res.end(pageHtml(url))
}

function serveBackend(req: http.IncomingMessage, res: http.ServerResponse) {
  const url = new URL(req.url || "/", backendUrl)
  const cors = {
    "access-control-allow-origin": String(req.headers.origin || "*"),
    "access-control-allow-credentials": "true",
    "access-control-allow-headers": "content-type,x-publishable-api-key",
    "access-control-allow-methods": "GET, POST, OPTIONS",
  }
  if (req.method === "OPTIONS") return res.writeHead(204, cors).end()
  let body = ""
  req.on("data", (c) => (body += c))
  req.on("end", () => {
    const parsed = body ? JSON.parse(body) : null
    calls.push({ method: req.method!, path: url.pathname, body: parsed })
    const json = (status: number, data: unknown) => {
      res.writeHead(status, { ...cors, "content-type": "application/json", "cache-control": "no-store" })
      res.end(data === undefined ? "" : JSON.stringify(data))
    }
    if (url.pathname === "/store/marketing/forms") return json(200, { forms })
    if (url.pathname === "/store/marketing/forms/visibility") return json(200, { hidden, country: null })
    if (/\/views$/.test(url.pathname)) return json(204, undefined)
    if (/\/submissions$/.test(url.pathname)) return json(submissionAnswer.status, submissionAnswer.body)
    json(200, {})
  })
}

function listen(handler: http.RequestListener): Promise<[http.Server, string]> {
  const server = http.createServer(handler)
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve([server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`]))
  )
}

beforeAll(async () => {
  ;[site, siteUrl] = await listen(serveSite)
  ;[backend, backendUrl] = await listen(serveBackend)
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  site?.close()
  backend?.close()
})

beforeEach(() => {
  calls = []
  forms = [form()]
  hidden = []
  submissionAnswer = { status: 201, body: { submission: { id: "mfsub_1" }, status: "subscribed", success_message: "Welcome aboard!", redirect_url: null, incentive: null } }
})

afterEach(async () => {
  await context?.close().catch(() => undefined)
})

const pageTest = screenshotOnFailure({ prefix: "tracker-forms", page: () => context?.pages().slice(-1)[0] })

async function newPage(viewport = { width: 1280, height: 800 }): Promise<Page> {
  context = await browser.newContext({ viewport })
  // The tracker's decision for each page (the `marketing:forms` event), which `open` waits for.
  await context.addInitScript(() => {
    const w = window as any
    w.__formDecisions = []
    addEventListener("marketing:forms", (e: any) => w.__formDecisions.push(e.detail))
  })
  const page = await context.newPage()
  page.on("pageerror", (e) => calls.push({ method: "PAGEERROR", path: e.message, body: null }))
  return page
}

/** Opens a page and waits until the tracker has decided which forms it may show there. */
async function open(page: Page, pathAndQuery: string) {
  await page.goto(siteUrl + pathAndQuery)
  await page.waitForFunction(() => (window as any).__formDecisions.length > 0)
}

/** A visitor seen before: their id is in the tracker's cookie, so the server may know them. */
const RETURNING_ID = "3f9a1c52-7d4e-4b1a-9c0f-2a6b8e5d7c14"
async function returningVisitor() {
  await context.addCookies([{ name: "_mma_aid", value: RETURNING_ID, url: siteUrl }])
}

const hosts = (page: Page) => page.locator("[data-marketing-form-host]").count()
const views = (action: string) => calls.filter((c) => /\/views$/.test(c.path) && c.body.action === action)
/** What has focus, inside the form's shadow root: a field's name, a button's label. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const inner = (document.activeElement as HTMLElement | null)?.shadowRoot?.activeElement as HTMLElement | null
    if (!inner) return `page:${document.activeElement?.id || document.activeElement?.tagName}`
    return inner.getAttribute("name") || inner.getAttribute("aria-label") || inner.textContent || inner.getAttribute("type")
  })

describe("tracker forms", () => {
  pageTest("a pop-up shows after its delay, never on an excluded page, and counts a view", async () => {
    forms = [form({ triggers: { delay_seconds: 3, scroll_percent: null, exit_intent: false, page_count: null }, targeting: { ...form().targeting, exclude_pages: ["/checkout*"] } })]
    const page = await newPage()
    await open(page, "/checkout/payment")
    await page.waitForTimeout(1800)
    expect(await hosts(page)).toBe(0)
    expect(calls.some((c) => c.path.endsWith("/visibility"))).toBe(false)

    await open(page, "/products/shirt")
    expect(await hosts(page)).toBe(0) // armed, the three seconds not yet passed
    const dialog = page.getByRole("dialog", { name: "Join the club" })
    await dialog.waitFor({ state: "visible" })
    expect(await dialog.getAttribute("aria-modal")).toBe("true")
    expect(await page.getByRole("dialog").getAttribute("aria-describedby")).toBeTruthy()
    expect(views("viewed")).toEqual([expect.objectContaining({ body: expect.objectContaining({ variant: "a", anonymous_id: expect.any(String) }) })])
  })

  pageTest("exit intent fires when the pointer leaves through the top, on desktop only", async () => {
    forms = [form({ triggers: { delay_seconds: null, scroll_percent: null, exit_intent: true, page_count: null } })]
    const page = await newPage()
    await open(page, "/")
    await page.mouse.move(640, 400)
    await page.mouse.move(640, 100, { steps: 5 })
    await page.waitForTimeout(500)
    expect(await hosts(page)).toBe(0)
    await page.evaluate(() => document.dispatchEvent(new MouseEvent("mouseout", { clientX: 640, clientY: -1, relatedTarget: null, bubbles: true })))
    await page.getByRole("dialog").waitFor({ state: "visible" })

    // A phone never gets an exit-intent-only pop-up (and does not even ask who may see it).
    const phone = await newPage({ width: 390, height: 800 })
    await open(phone, "/")
    await phone.waitForTimeout(800)
    expect(await hosts(phone)).toBe(0)
  })

  pageTest("scroll depth and page count", async () => {
    forms = [form({ triggers: { delay_seconds: null, scroll_percent: 50, exit_intent: false, page_count: 2 } })]
    const page = await newPage()
    await open(page, "/?tall=1") // first page of the visit: page count not reached
    await page.waitForTimeout(500)
    expect(await hosts(page)).toBe(0)
    await open(page, "/?tall=1")
    await page.mouse.wheel(0, 300)
    await page.waitForTimeout(500)
    expect(await hosts(page)).toBe(0)
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2))
    await page.getByRole("dialog").waitFor({ state: "visible" })
  })

  pageTest("keyboard: focus inside, Tab goes round, Escape closes, focus returns; then not again for the period", async () => {
    forms = [form({ triggers: { delay_seconds: 1, scroll_percent: null, exit_intent: false, page_count: null } })]
    const page = await newPage()
    await open(page, "/")
    // The page's own button has focus (the page gave it) when the pop-up opens.
    await page.getByRole("dialog").waitFor({ state: "visible" })
    expect(await focused(page)).toBe("email")
    const seen: (string | null)[] = []
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press("Tab")
      seen.push(await focused(page))
    }
    expect(seen).toEqual(["first_name", "checkbox", "Sign me up", "Close", "email"])
    await page.keyboard.press("Shift+Tab")
    expect(await focused(page)).toBe("Close")
    await page.keyboard.press("Shift+Tab")
    expect(await focused(page)).toBe("Sign me up")

    await page.keyboard.press("Escape")
    await page.getByRole("dialog").waitFor({ state: "detached" })
    expect(await focused(page)).toBe("page:before")
    expect(views("closed")).toHaveLength(1)

    await open(page, "/other")
    await page.waitForTimeout(1500)
    expect(await hosts(page)).toBe(0)
    // After the period it may show again.
    await page.evaluate(() => {
      const s = JSON.parse(localStorage.getItem("_mma_forms")!)
      s.forms.mform_test.closed_at -= 8 * 86_400_000
      localStorage.setItem("_mma_forms", JSON.stringify(s))
    })
    await open(page, "/again") // the visibility answer is kept for the tab
    await page.getByRole("dialog").waitFor({ state: "visible" })
  })

  pageTest("a keyboard-only submission sends values, consent and hidden fields, then never shows again", async () => {
    const page = await newPage()
    await open(page, "/products/shirt?utm_source=newsletter")
    await page.getByRole("dialog").waitFor({ state: "visible" })
    await page.keyboard.type("kim@example.com")
    await page.keyboard.press("Tab")
    await page.keyboard.type("Kim")
    await page.keyboard.press("Tab")
    await page.keyboard.press("Space")
    await page.keyboard.press("Tab")
    await page.keyboard.press("Enter")
    await page.getByRole("dialog").getByText("Welcome aboard!").waitFor({ state: "visible" })
    const [sub] = calls.filter((c) => c.path.endsWith("/submissions"))
    expect(sub.body).toEqual({
      anonymous_id: expect.any(String),
      variant: "a",
      values: { email: "kim@example.com", first_name: "Kim" },
      consent: { given: true, topics: [] },
      hidden: { utm_source: "newsletter", page: "/products/shirt" },
      page_url: `${siteUrl}/products/shirt?utm_source=newsletter`,
    })
    await open(page, "/")
    await page.waitForTimeout(800)
    expect(await hosts(page)).toBe(0)
  })

  pageTest("a 400 puts the server's message under its field; required fields are checked first", async () => {
    submissionAnswer = { status: 400, body: { field: "values.email", message: "Invalid request: values.email: must be a valid email address" } }
    const page = await newPage()
    await open(page, "/")
    const dialog = page.getByRole("dialog")
    await dialog.getByRole("button", { name: "Sign me up" }).click()
    await dialog.getByText("This field is required.").waitFor({ state: "visible" })
    expect(calls.filter((c) => c.path.endsWith("/submissions"))).toHaveLength(0)

    await dialog.getByLabel("Email *").fill("nope")
    await dialog.getByRole("button", { name: "Sign me up" }).click()
    await dialog.getByText("Must be a valid email address", { exact: true }).waitFor({ state: "visible" })
    expect(await dialog.getByLabel("Email *").getAttribute("aria-invalid")).toBe("true")
    expect(await dialog.getByLabel("Email *").getAttribute("aria-describedby")).toBeTruthy()

    submissionAnswer = { status: 400, body: { field: "consent.given", message: "Invalid request: consent.given: consent is required" } }
    await dialog.getByLabel("Email *").fill("ok@example.com")
    await dialog.getByRole("button", { name: "Sign me up" }).click()
    await dialog.getByText("Consent is required", { exact: true }).waitFor({ state: "visible" })
    expect(await dialog.getByText("Must be a valid email address").count()).toBe(0)
    expect(await dialog.getByRole("checkbox").getAttribute("aria-invalid")).toBe("true")
  })

  pageTest("without analytics consent the visit is not remembered; a close is", async () => {
    forms = [form({ triggers: { delay_seconds: null, scroll_percent: null, exit_intent: false, page_count: 2 } })]
    const page = await newPage()
    await open(page, "/?x=1")
    await open(page, "/?x=2")
    // With consent (the test page's default) the second page is page 2 of the visit.
    await page.getByRole("dialog").waitFor({ state: "visible" })
    await page.keyboard.press("Escape")
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem("_mma_forms")!))
    expect(stored.visitor).toEqual(expect.objectContaining({ pages: 2 }))
    expect(stored.forms.mform_test.closed_at).toEqual(expect.any(Number))

    const refusing = await newPage()
    await open(refusing, "/?consent=denied")
    await open(refusing, "/?consent=denied&again=1")
    await refusing.waitForTimeout(500)
    expect(await hosts(refusing)).toBe(0)
    expect(await refusing.evaluate(() => JSON.parse(localStorage.getItem("_mma_forms") || "{}").visitor)).toBeUndefined()
  })

  pageTest("a visitor the server hides the form from never sees it; the answer is asked once per tab", async () => {
    hidden = ["mform_test"]
    const page = await newPage()
    await returningVisitor()
    await open(page, "/")
    await page.waitForTimeout(800)
    expect(await hosts(page)).toBe(0)
    await open(page, "/next")
    await page.waitForTimeout(800)
    expect(await hosts(page)).toBe(0)
    expect(calls.filter((c) => c.path.endsWith("/visibility"))).toHaveLength(1)
  })

  pageTest("a new visitor is not asked about: forms for segment members stay hidden; once identified, the server is asked", async () => {
    const members = form({ id: "mform_members", targeting: { ...form().targeting, segments: true, members_only: true } })
    forms = [form(), members]
    const page = await newPage()
    await open(page, "/")
    expect(await page.evaluate(() => (window as any).__formDecisions[0].forms)).toEqual(["mform_test"])
    await page.getByRole("dialog", { name: "Join the club" }).waitFor({ state: "visible" })
    expect(calls.some((c) => c.path.endsWith("/visibility"))).toBe(false)

    hidden = ["mform_test", "mform_members"] // a subscriber, who has just logged in
    await page.evaluate(() => (window as any).tracker.identify({ email: "subscriber@example.com" }))
    await open(page, "/next")
    expect(calls.filter((c) => c.path.endsWith("/visibility"))).toHaveLength(1)
    expect(await page.evaluate(() => (window as any).__formDecisions[0].forms)).toEqual([])
    expect(await hosts(page)).toBe(0)
  })

  pageTest("variants: chosen once by weight and kept", async () => {
    const b = { ...form().variants[0], id: "b", weight: 100, content: { ...form().variants[0].content, title: "Variant B" } }
    forms = [form({ variants: [{ ...form().variants[0], weight: 0 }, b] })]
    const page = await newPage()
    await open(page, "/")
    await page.getByRole("dialog", { name: "Variant B" }).waitFor({ state: "visible" })
    await page.keyboard.press("Escape")
    // Even when the weights change, this visitor keeps B.
    forms = [form({ variants: [{ ...form().variants[0], weight: 100 }, { ...b, weight: 0 }] }), ]
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem("_mma_forms")!).forms.mform_test.v)
    expect(stored).toBe("b")
    expect(views("viewed").map((v) => v.body.variant)).toEqual(["b"])
  })

  pageTest("embedded: fills the store's placeholder, no layout shift, and the page's CSS changes nothing (screenshots)", async () => {
    forms = [form({ kind: "embedded" })]
    const page = await newPage()
    await page.addInitScript(() => {
      ;(window as any).__shift = 0
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as any[]) (window as any).__shift += e.value
      }).observe({ type: "layout-shift", buffered: true })
    })
    const capture = async (query: string) => {
      await open(page, `/?embed=mform_test${query}`) // the region shows once the form is there
      const region = page.getByRole("region", { name: "Join the club" })
      await region.waitFor({ state: "visible" })
      await page.evaluate(() => document.fonts.ready)
      return page.locator("[data-marketing-form-host]").screenshot({ animations: "disabled", caret: "hide" })
    }
    const before = await page.goto(`${siteUrl}/?embed=none`).then(() => page.locator("#below").boundingBox())
    await capture("")
    expect(await page.locator("#below").boundingBox()).toEqual(before)
    expect(await page.evaluate(() => (window as any).__shift)).toBe(0)

    // The comparison: square corners (round ones show the store's own background, which is the store's to
    // choose), the placeholder at the same whole-pixel place on both pages.
    const square = { ...form().variants[0], branding: { ...form().variants[0].branding, border_radius: 0 } }
    forms = [form({ kind: "embedded", variants: [square] })]
    const clean = await capture("&fixed=1")
    const hostile = await capture("&fixed=1&hostile=1")
    expect(await page.evaluate(() => getComputedStyle(document.querySelector("h1")!).textTransform)).toBe("uppercase")
    const diff = await compare(page, clean, hostile)
    expect(diff.size).toBe("480x460")
    console.log(`hostile CSS: ${diff.changed} of ${diff.total} pixels differ`)
    expect(diff.changed / diff.total).toBeLessThan(0.005)
    // And the comparison can fail: another branding is far from the same.
    forms = [form({ kind: "embedded", variants: [{ ...square, branding: { ...square.branding, background: "#000000" } }] })]
    const dark = await capture("&fixed=1")
    expect((await compare(page, clean, dark)).changed / diff.total).toBeGreaterThan(0.3)
  })
})

/** Pixels that differ (any channel by more than 24 of 255), decoded by the browser itself. */
async function compare(page: Page, a: Buffer, b: Buffer) {
  return page.evaluate(
    async ([srcA, srcB]) => {
      const load = (src: string) =>
        new Promise<HTMLImageElement>((resolve, reject) => {
          const img = new Image()
          img.onload = () => resolve(img)
          img.onerror = reject
          img.src = src
        })
      const [ia, ib] = await Promise.all([load(srcA), load(srcB)])
      const pixels = (img: HTMLImageElement) => {
        const c = document.createElement("canvas")
        c.width = img.width
        c.height = img.height
        const ctx = c.getContext("2d")!
        ctx.drawImage(img, 0, 0)
        return ctx.getImageData(0, 0, img.width, img.height).data
      }
      if (ia.width !== ib.width || ia.height !== ib.height) return { size: `${ia.width}x${ia.height} vs ${ib.width}x${ib.height}`, changed: 0, total: 1 }
      const pa = pixels(ia), pb = pixels(ib)
      let changed = 0
      for (let i = 0; i < pa.length; i += 4) {
        if (Math.max(Math.abs(pa[i] - pb[i]), Math.abs(pa[i + 1] - pb[i + 1]), Math.abs(pa[i + 2] - pb[i + 2])) > 24) changed++
      }
      return { size: `${ia.width}x${ia.height}`, changed, total: pa.length / 4 }
    },
    [`data:image/png;base64,${a.toString("base64")}`, `data:image/png;base64,${b.toString("base64")}`]
  )
}
