/**
 * Signup forms and pop-ups end to end: the real Medusa app with the plugin
 * (admin fixture, helpers/admin-app.ts) and a tiny storefront on another
 * origin whose pages load the tracker from the backend's
 * GET /marketing/tracker.js, exactly as a store adds it. Forms are created
 * through the admin API; what the shopper does happens in Chromium; what it
 * wrote is read back from Postgres.
 *
 * The fixture's database lives for the whole file: each test makes its own
 * form(s), turns every other form off, and uses a fresh browser profile
 * (its own cookies, localStorage and HTTP cache).
 */
import http from "http"
import type { AddressInfo } from "net"
import type { BrowserContext, Page, Response } from "playwright-core"
import { Client } from "pg"
import { useTestSmtpServer } from "../smtp-server"
import { useAdminApp, UI_TIMEOUT } from "./helpers/admin-app"
import { createPublishableKey, pollUntil } from "./helpers/store"

jest.setTimeout(10 * 60 * 1000)

// A real SMTP server on loopback for the double opt-in test (the app sends to it only while that test runs).
const received = useTestSmtpServer({ authOptional: true })
const app = useAdminApp({ name: "forms", database: "mma_browser_forms", viewport: { width: 1440, height: 1000 } })
const { pageTest, shot, waitForText } = app
let sql: Client
let publishableKey = ""
let shop: http.Server
let shopUrl = ""
const contexts: BrowserContext[] = []

// The page's own CSS at its most aggressive: every element, !important, inherited properties included.
const HOSTILE_CSS = `<style>
  html { font-size: 31px !important; }
  * { font-family: "Courier New", monospace !important; color: #e0115f !important; background-color: #fff35c !important;
      letter-spacing: 4px !important; line-height: 3 !important; text-transform: uppercase !important; text-align: right !important;
      font-weight: 900 !important; word-spacing: 12px !important; font-style: italic !important; direction: ltr; }
  input, button, label, h2, p, form, fieldset { all: unset !important; border: 5px dotted blue !important; padding: 30px !important; }
  div:not([data-marketing-form]) { border: 7px solid green !important; padding: 25px !important; margin: 10px !important; }
  [role=dialog] { display: none !important; }
</style>`

function pageHtml(path: string, query: URLSearchParams) {
  const hostile = query.get("hostile") === "1"
  const formsOn = query.get("forms") !== "0"
  const embed = query.get("embed")
  return `<!doctype html><html><head><meta charset="utf-8"><title>Shop ${path}</title>
<style>body { margin: 0; padding: 24px; font-family: Georgia, serif; } [data-marketing-form] { display: block; width: 480px; height: 460px; }</style>
${query.get("fixed") ? "<style>[data-marketing-form] { position: absolute; top: 240px; left: 40px; }</style>" : ""}
${hostile ? HOSTILE_CSS : ""}</head><body>
<h1>Shop</h1><button id="before">Menu</button><script>document.getElementById("before").focus()</script><a href="/products/shirt">A shirt</a>
${embed ? `<div data-marketing-form="${embed}"></div>` : ""}
<p id="below">Below the form</p>
<script src="${app.url("/marketing/tracker.js")}"></script>
<script>window.tracker = MarketingTracker.init({ backendUrl: ${JSON.stringify(app.url(""))},
  publishableKey: ${JSON.stringify(publishableKey)}, consent: "granted", forms: ${formsOn} })</script>
</body></html>`
}

beforeAll(async () => {
  sql = new Client({ connectionString: app.databaseUrl })
  await sql.connect()
  sql.on("error", () => undefined)
  publishableKey = await createPublishableKey(app.api, app.adminJwt, "Forms storefront")
  shop = http.createServer((req, res) => {
    const url = new URL(req.url || "/", "http://127.0.0.1")
    if (url.pathname === "/favicon.ico") return res.writeHead(404).end()
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" })
    res.end(pageHtml(url.pathname, url.searchParams))
  })
  await new Promise<void>((resolve) => shop.listen(0, "127.0.0.1", resolve))
  shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}`
})

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined)
  await new Promise((resolve) => shop?.close(resolve))
  await sql?.end().catch(() => undefined)
})

type FormOver = Record<string, any>

/** Creates an active form (every other form paused, so the page has only this one). */
async function activeForm(over: FormOver = {}) {
  const { forms } = await app.api("GET", "/admin/marketing/forms?limit=100", { token: app.adminJwt })
  for (const f of forms.filter((f: any) => f.status === "active")) {
    await app.api("POST", `/admin/marketing/forms/${f.id}`, { token: app.adminJwt, body: { status: "paused" } })
  }
  const body = {
    name: `Newsletter ${Math.random().toString(36).slice(2, 8)}`,
    status: "active",
    kind: "popup",
    fields: [
      { name: "email", label: "Email", required: true, placeholder: "you@example.com" },
      { name: "first_name", label: "First name", required: false },
    ],
    consent: { required: true, text: "Send me news and offers by email.", topics: [] },
    hidden_fields: ["utm_source", "utm_campaign", "page"],
    variants: [
      {
        id: "a",
        weight: 100,
        content: { title: "Join the club", text: "10% off your first order.", button: "Sign me up", success_message: "Welcome aboard!", redirect_url: null },
        branding: { background: "#ffffff", text_color: "#1d1d1f", accent_color: "#0a6cff", font_family: "", border_radius: 12 },
      },
    ],
    triggers: { delay_seconds: null, scroll_percent: null, exit_intent: false, page_count: null },
    frequency: { days_after_close: 7 },
    ...over,
  }
  const { form } = await app.api("POST", "/admin/marketing/forms", { token: app.adminJwt, body })
  return form
}

/** A fresh shopper: its own cookies, storage and cache. */
async function shopper(viewport = { width: 1280, height: 800 }): Promise<Page> {
  const context = await app.page.context().browser()!.newContext({ viewport })
  contexts.push(context)
  // The tracker's decision for each page (the `marketing:forms` event), which `open` waits for.
  await context.addInitScript(() => {
    const w = window as any
    w.__formDecisions = []
    addEventListener("marketing:forms", (e: any) => w.__formDecisions.push(e.detail))
  })
  const page = await context.newPage()
  page.setDefaultTimeout(UI_TIMEOUT)
  page.on("pageerror", (e) => app.consoleErrors.push(`shop page error: ${e.message}`))
  return page
}

const isVisibility = (r: Response) => r.url().endsWith("/store/marketing/forms/visibility")

/** Opens a shop page and waits until the tracker has decided which forms it may show there. */
async function open(page: Page, path: string) {
  await page.goto(shopUrl + path)
  await page.waitForFunction(() => (window as any).__formDecisions.length > 0)
}

const dialog = (page: Page) => page.getByRole("dialog")
/** How many form hosts the tracker has put on the page. */
const hosts = (page: Page) => page.locator("[data-marketing-form-host]").count()

async function contactByEmail(email: string) {
  const { rows } = await sql.query(
    `SELECT id, email, first_name, email_marketing_consent, email_marketing_consent_source FROM marketing_contact WHERE email = $1 AND deleted_at IS NULL`,
    [email]
  )
  return rows[0] ?? null
}

async function submissionsOf(formId: string) {
  return (await sql.query(`SELECT * FROM marketing_form_submission WHERE form_id = $1`, [formId])).rows
}

describe("signup forms on the storefront", () => {
  pageTest("a pop-up appears after its delay, and never on an excluded page", async () => {
    const form = await activeForm({
      triggers: { delay_seconds: 3, scroll_percent: null, exit_intent: false, page_count: null },
      targeting: { exclude_pages: ["/checkout*"] },
    })
    const page = await shopper()

    await open(page, "/checkout/payment")
    await page.waitForTimeout(3000)
    expect(await hosts(page)).toBe(0)

    await open(page, "/products/shirt")
    // Armed, not shown: the delay has not passed yet.
    expect(await hosts(page)).toBe(0)
    await dialog(page).waitFor({ state: "visible" })
    expect(await dialog(page).getAttribute("aria-modal")).toBe("true")
    expect(await page.getByRole("heading", { name: "Join the club" }).isVisible()).toBe(true)
    // Shown means counted.
    await pollUntil("the view counted", async () => {
      const { form: f } = await app.api("GET", `/admin/marketing/forms/${form.id}`, { token: app.adminJwt })
      return f.stats.views >= 1
    })
  })

  pageTest("exit intent: shows when the pointer leaves the page at the top", async () => {
    await activeForm({ triggers: { delay_seconds: null, scroll_percent: null, exit_intent: true, page_count: null } })
    const page = await shopper()
    await open(page, "/")
    await page.mouse.move(640, 400)
    await page.mouse.move(640, 200, { steps: 4 })
    await page.waitForTimeout(1000)
    expect(await hosts(page)).toBe(0)
    // The pointer leaves through the top edge (towards the tabs and the address bar).
    await page.evaluate(() => document.dispatchEvent(new MouseEvent("mouseout", { clientX: 640, clientY: -2, relatedTarget: null, bubbles: true })))
    await dialog(page).waitFor({ state: "visible" })
  })

  pageTest("closed, it stays away for the period; the keyboard alone works: trap, Escape, focus back", async () => {
    const form = await activeForm({ triggers: { delay_seconds: 1, scroll_percent: null, exit_intent: false, page_count: null } })
    const page = await shopper()
    await open(page, "/")
    // The page's own button has focus (the page gave it) when the pop-up opens.
    await dialog(page).waitFor({ state: "visible" })
    // Focus moved into the dialog, on the first field.
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).getAttribute("data-marketing-form-host"))).toBe(form.id)
    const focused = () => page.evaluate(() => {
      const host = document.activeElement as HTMLElement
      const inner = host.shadowRoot?.activeElement as HTMLElement | null
      return inner ? inner.getAttribute("name") || inner.getAttribute("aria-label") || inner.textContent : null
    })
    expect(await focused()).toBe("email")
    // Tab goes round inside the dialog: email, first name, consent, submit, close, then email again.
    const seen: (string | null)[] = []
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press("Tab")
      seen.push(await focused())
    }
    expect(seen).toEqual(["first_name", "" /* the consent box */, "Sign me up", "Close", "email"])
    await page.keyboard.press("Shift+Tab")
    expect(await focused()).toBe("Close")

    await page.keyboard.press("Escape")
    await dialog(page).waitFor({ state: "detached" })
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("before")
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem("_mma_forms") || "{}"))
    expect(stored.forms[form.id].closed_at).toEqual(expect.any(Number))
    await pollUntil("the close counted", async () => {
      const { rows } = await sql.query(`SELECT coalesce(sum(closes), 0)::int AS closes FROM marketing_form_stat WHERE form_id = $1`, [form.id])
      return rows[0].closes >= 1
    })

    // Within the 7 days: the next page does not bring it back.
    await open(page, "/products/shirt")
    await page.waitForTimeout(2500)
    expect(await hosts(page)).toBe(0)
  })

  pageTest("a keyboard-only signup creates the contact with consent and the hidden fields", async () => {
    const form = await activeForm()
    const page = await shopper()
    await open(page, "/products/shirt?utm_source=newsletter&utm_campaign=spring")
    await dialog(page).waitFor({ state: "visible" })
    await page.keyboard.type("kim.keys@example.com")
    await page.keyboard.press("Tab")
    await page.keyboard.type("Kim")
    await page.keyboard.press("Tab")
    await page.keyboard.press("Space") // ticks the consent box
    await page.keyboard.press("Tab")
    await page.keyboard.press("Enter") // the submit button
    await waitForText(dialog(page), (t) => t.includes("Welcome aboard!"), "the success message")
    await shot("forms-popup-success", dialog(page))

    const contact = await pollUntil("the contact", () => contactByEmail("kim.keys@example.com"))
    expect(contact).toMatchObject({ first_name: "Kim", email_marketing_consent: "granted", email_marketing_consent_source: "form" })
    const [submission] = await submissionsOf(form.id)
    expect(submission).toMatchObject({
      email: "kim.keys@example.com",
      variant: "a",
      contact_id: contact.id,
      consent_given: true,
      consent_text: "Send me news and offers by email.",
      hidden: { utm_source: "newsletter", utm_campaign: "spring", page: "/products/shirt" },
    })
    // Never again after a submission.
    await open(page, "/")
    await page.waitForTimeout(1500)
    expect(await hosts(page)).toBe(0)
  })

  pageTest("double opt-in: the signup shows its success, the confirmation arrives by SMTP, consent is pending until its link is followed", async () => {
    // Double opt-in is a plugin option, read at boot: the app starts again with it (and its SMTP provider) for this test.
    const backend = app.url("")
    await app.restart({
      MMA_SMTP_PORT: process.env.MMA_SMTP_TEST_PORT!,
      MMA_EXTRA_PLUGIN_OPTIONS: JSON.stringify({ email: { doubleOptIn: true, publicUrl: backend } }),
    })
    try {
      const email = "olive.optin@example.com"
      const form = await activeForm()
      const page = await shopper()
      await page.goto(shopUrl + "/products/shirt?utm_source=newsletter&utm_campaign=spring")
      await dialog(page).waitFor({ state: "visible" })
      await dialog(page).getByLabel("Email *").fill(email)
      await dialog(page).getByLabel("First name").fill("Olive")
      await dialog(page).getByRole("checkbox").check()
      await dialog(page).getByRole("button", { name: "Sign me up" }).click()
      await waitForText(dialog(page), (t) => t.includes("Welcome aboard!"), "the success message")

      const contact = await pollUntil("the contact", () => contactByEmail(email))
      expect(contact).toMatchObject({ first_name: "Olive", email_marketing_consent: "pending", email_marketing_consent_source: "form" })
      const [submission] = await submissionsOf(form.id)
      expect(submission).toMatchObject({
        email,
        contact_id: contact.id,
        consent_given: true,
        hidden: { utm_source: "newsletter", utm_campaign: "spring", page: "/products/shirt" },
      })

      const mail = await pollUntil("the confirmation email", async () => received.find((m) => m.envelope.to.includes(email)))
      expect(mail.parsed.subject).toMatch(/^Please confirm your subscription/)
      expect(received.filter((m) => m.envelope.to.includes(email))).toHaveLength(1)
      const escaped = backend.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
      const link = (mail.parsed.html as string).match(new RegExp(`href="(${escaped}/marketing/confirm/[^"]+)"`))?.[1]
      expect(link).toBeTruthy()

      // The link's page asks for a click (mail scanners follow GETs): still pending after it.
      const shown = await fetch(link!)
      expect([shown.status, await shown.text()]).toEqual([200, expect.stringContaining('<form method="post">')])
      expect((await contactByEmail(email)).email_marketing_consent).toBe("pending")
      const confirmed = await fetch(link!, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "confirm=1" })
      expect([confirmed.status, await confirmed.text()]).toEqual([200, expect.stringContaining("You are subscribed")])
      expect(await contactByEmail(email)).toMatchObject({ email_marketing_consent: "granted", email_marketing_consent_source: "double_opt_in" })
    } finally {
      // The rest of the file runs against the app as it started: single opt-in, the local email provider.
      await app.restart({})
    }
  })

  pageTest("a contact already subscribed never sees a signup form", async () => {
    const form = await activeForm()
    const page = await shopper()
    // Subscribed first, on a page whose tracker shows no form.
    await page.goto(shopUrl + "/?forms=0")
    await page.waitForFunction(() => !!(window as any).tracker)
    await page.evaluate(() => (window as any).tracker.identify({ email: "sue.subscribed@example.com", email_marketing_consent: true, consent_source: "checkout" }))
    await pollUntil("the subscribed contact", async () => (await contactByEmail("sue.subscribed@example.com"))?.email_marketing_consent === "granted")

    // Known to the server now (the tracker's cookie), so the tracker asks it.
    const asked = page.waitForResponse(isVisibility)
    await open(page, "/")
    const visibility = await (await asked).json()
    expect(visibility.hidden).toContain(form.id)
    await page.waitForTimeout(1500)
    expect(await hosts(page)).toBe(0)
  })

  pageTest("bad submissions: the server's message at the field, nothing written", async () => {
    const form = await activeForm({ kind: "embedded" })
    const page = await shopper()
    await open(page, `/?embed=${form.id}`)
    const region = page.getByRole("region", { name: "Join the club" })
    await region.waitFor({ state: "visible" })
    const email = region.getByLabel("Email *")
    const submit = region.getByRole("button", { name: "Sign me up" })

    await email.fill("not-an-address")
    await region.getByRole("checkbox").check()
    await submit.click()
    await waitForText(region, (t) => /valid email/i.test(t), "the email's error")
    expect(await email.getAttribute("aria-invalid")).toBe("true")

    // Consent required and not given.
    await email.fill("nora.noconsent@example.com")
    await region.getByRole("checkbox").uncheck()
    await submit.click()
    await waitForText(region, (t) => /consent/i.test(t) && !/valid email/i.test(t), "the consent's error")
    expect(await region.getByRole("checkbox").getAttribute("aria-invalid")).toBe("true")

    // A field far too long.
    await region.getByRole("checkbox").check()
    await region.getByLabel("First name").fill("x".repeat(1500))
    await submit.click()
    await waitForText(region, (t) => /at most 1000 characters/i.test(t), "the first name's error")
    await shot("forms-embedded-error", region)

    expect(await submissionsOf(form.id)).toEqual([])
    expect(await contactByEmail("nora.noconsent@example.com")).toBeNull()
  })

  pageTest("the page's own CSS does not change the form's look (screenshots compared)", async () => {
    // Square corners (round ones show the store's own background, the store's to choose), and the
    // placeholder at the same whole-pixel place on both pages.
    const form = await activeForm({ kind: "embedded", variants: [{ id: "a", weight: 100,
      content: { title: "Join the club", text: "10% off your first order.", button: "Sign me up", success_message: "Welcome aboard!", redirect_url: null },
      branding: { background: "#ffffff", text_color: "#1d1d1f", accent_color: "#0a6cff", font_family: "", border_radius: 0 } }] })
    const page = await shopper()
    const capture = async (query: string) => {
      await open(page, `/?embed=${form.id}${query}`) // the heading shows once the form is there
      const host = page.locator(`[data-marketing-form-host="${form.id}"]`)
      await host.getByRole("heading", { name: "Join the club" }).waitFor({ state: "visible" })
      await page.evaluate(() => document.fonts.ready)
      return host.screenshot({ animations: "disabled", caret: "hide" })
    }
    const clean = await capture("&fixed=1")
    const hostile = await capture("&fixed=1&hostile=1")
    // The page itself did change: its own heading is in the hostile font.
    expect(await page.evaluate(() => getComputedStyle(document.querySelector("h1")!).textTransform)).toBe("uppercase")
    const diff = await page.evaluate(
      async ([a, b]) => {
        const load = (src: string) => new Promise<HTMLImageElement>((resolve, reject) => {
          const img = new Image()
          img.onload = () => resolve(img)
          img.onerror = reject
          img.src = src
        })
        const [ia, ib] = await Promise.all([load(a), load(b)])
        if (ia.width !== ib.width || ia.height !== ib.height) return { size: `${ia.width}x${ia.height} vs ${ib.width}x${ib.height}`, changed: -1, total: 0 }
        const pixels = (img: HTMLImageElement) => {
          const c = document.createElement("canvas")
          c.width = img.width
          c.height = img.height
          const ctx = c.getContext("2d")!
          ctx.drawImage(img, 0, 0)
          return ctx.getImageData(0, 0, img.width, img.height).data
        }
        const pa = pixels(ia), pb = pixels(ib)
        let changed = 0
        for (let i = 0; i < pa.length; i += 4) {
          const d = Math.max(Math.abs(pa[i] - pb[i]), Math.abs(pa[i + 1] - pb[i + 1]), Math.abs(pa[i + 2] - pb[i + 2]))
          if (d > 24) changed++
        }
        return { size: `${ia.width}x${ia.height}`, changed, total: pa.length / 4 }
      },
      [`data:image/png;base64,${clean.toString("base64")}`, `data:image/png;base64,${hostile.toString("base64")}`]
    )
    app.log(`screenshot comparison: ${JSON.stringify(diff)}`)
    expect(diff.size).toBe("480x460")
    // At most 0.5% of the pixels may differ (anti-aliasing).
    expect(diff.changed / diff.total).toBeLessThan(0.005)
    await shot("forms-hostile-css", page.locator(`[data-marketing-form-host="${form.id}"]`))
  })

  pageTest("an embedded form fills its placeholder without moving the page", async () => {
    const form = await activeForm({ kind: "embedded" })
    const page = await shopper()
    await page.addInitScript(() => {
      ;(window as any).__shift = 0
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as any[]) if (!e.hadRecentInput) (window as any).__shift += e.value
      }).observe({ type: "layout-shift", buffered: true })
    })
    await open(page, `/?embed=${form.id}`)
    const below = await page.locator("#below").boundingBox()
    await page.getByRole("region", { name: "Join the club" }).waitFor({ state: "visible" })
    expect(await page.locator("#below").boundingBox()).toEqual(below)
    expect(await page.evaluate(() => (window as any).__shift)).toBe(0)
  })
})

describe("admin: Marketing → Forms", () => {
  pageTest("lists forms with their numbers, creates one in the editor with the live preview, and saves a change", async () => {
    const page = app.page
    await app.openMarketingSection("forms", "Forms")
    await waitForText(page.getByTestId("forms-table"), (t) => t.includes("Newsletter"), "the forms made above")

    await page.getByTestId("form-create").click()
    await page.waitForURL(/\/app\/marketing\/forms\/create$/)
    await page.getByTestId("form-name").fill("Spring pop-up")
    await page.getByTestId("form-a-title").fill("Spring is here")
    // The preview is the tracker's own renderer in a frame.
    const preview = page.frameLocator('[data-testid="form-preview-frame"]')
    await preview.getByRole("heading", { name: "Spring is here" }).waitFor({ state: "visible" })
    await page.getByTestId("form-preview-mobile").click()
    await page.frameLocator('[data-testid="form-preview-frame"]').getByRole("heading", { name: "Spring is here" }).waitFor({ state: "visible" })
    await shot("forms-editor-mobile", page.getByTestId("form-preview"))
    await page.getByTestId("form-save").click()
    await page.waitForURL(/\/app\/marketing\/forms\/mform_/)
    const id = page.url().split("/").pop()!
    // The saved form's own editor (it shows the id).
    await waitForText(page.getByTestId("form-id"), (t) => t === id, "the saved form's editor")

    // The server's 400 names the field; nothing is saved.
    await page.getByTestId("form-exclude-pages").fill("checkout")
    await page.getByTestId("form-save").click()
    await waitForText(page.getByTestId("form-save-error"), (t) => t.includes("targeting.exclude_pages[0]"), "the server's error")
    const { rows: unchanged } = await sql.query(`SELECT targeting FROM marketing_form WHERE id = $1`, [id])
    expect(unchanged[0].targeting.exclude_pages).toEqual(["/checkout*", "/cart"])

    await page.getByTestId("form-exclude-pages").fill("/checkout*")
    await page.getByTestId("form-a-button").fill("Count me in")
    await page.getByTestId("form-save").click()
    await pollUntil("the change saved", async () => {
      const { rows } = await sql.query(`SELECT name, variants FROM marketing_form WHERE id = $1`, [id])
      return rows[0]?.variants?.[0]?.content?.button === "Count me in" && rows[0]
    })
    await shot("forms-editor", page.getByTestId("form-editor"))
    await page.getByTestId("form-submissions").waitFor({ state: "visible" })

    // Back to the list: the new form with its (empty) numbers.
    await page.goto(app.url("/app/marketing/forms"))
    const row = page.getByTestId("forms-table").getByRole("row").filter({ hasText: "Spring pop-up" })
    await row.waitFor({ state: "visible" })
    expect(await row.innerText()).toMatch(/Draft/)
  })
})
