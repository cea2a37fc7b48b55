/**
 * The storefront integration end to end: the test storefront
 * (integration-tests/storefront, Next.js 15 App Router with the starter's
 * patterns) against the real Medusa app with the plugin, in Chromium.
 *
 * A guest accepts cookies, browses, picks a variant (?v_id=), adds to cart
 * (server action + server helper), gives an email at checkout, logs in and
 * out. Every event must land on the customer's one contact, in order, once.
 * A second shopper refuses cookies: nothing but identify leaves the browser,
 * and the server helper sends nothing.
 *
 * The Medusa app comes from the admin fixture (helpers/admin-app.ts); the
 * storefront is built once and cached (helpers/storefront-app.ts).
 */
import type { BrowserContext, Page } from "playwright-core"
import { Client } from "pg"
import { useAdminApp } from "./helpers/admin-app"
import { buildStorefront, startStorefront } from "./helpers/storefront-app"
import { createPublishableKey, pollUntil, registerCustomer } from "./helpers/store"

jest.setTimeout(15 * 60 * 1000)

const SHOPPER = { email: "sam.shopper@example.com", password: "sam-secret-1", first_name: "Sam", last_name: "Shopper" }
const REFUSER_EMAIL = "rita.refuser@example.com"

const app = useAdminApp({ name: "storefront", database: "mma_browser_storefront" })
const { pageTest } = app
let storefront: Awaited<ReturnType<typeof startStorefront>> | null = null
let sql: Client
let customerId: string
const contexts: BrowserContext[] = []

type SentEvent = { type: string; anonymous_id: string; idempotency_key: string; properties: any; consent?: any }

/** A fresh browser profile whose every tracker request is recorded. */
async function shopper(): Promise<{ page: Page; context: BrowserContext; sent: SentEvent[] }> {
  const context = await app.page.context().browser()!.newContext({ viewport: { width: 1280, height: 900 } })
  contexts.push(context)
  const sent: SentEvent[] = []
  context.on("request", (req) => {
    if (!/\/(store\/)?marketing\/events/.test(req.url()) || req.method() !== "POST") return
    try {
      sent.push(...JSON.parse(req.postData() || "{}").events)
    } catch {
      /* not JSON */
    }
  })
  const page = await context.newPage()
  page.setDefaultTimeout(30_000)
  page.on("pageerror", (e) => app.consoleErrors.push(`storefront page error: ${e.message}`))
  return { page, context, sent }
}

/** Calls a method of the page's tracker once the script has loaded and initialised. */
async function tracker(page: Page, method: string) {
  await page.waitForFunction(() => !!(window as any).MarketingTracker?.instance?.())
  return page.evaluate((m) => (window as any).MarketingTracker.instance()[m](), method)
}

async function rows<T = any>(text: string, params: unknown[] = []): Promise<T[]> {
  return (await sql.query(text, params)).rows
}

beforeAll(async () => {
  const { api, adminJwt } = app
  const started = Date.now()
  // A store to shop in: a region, a published product with two sizes, a key, a registered customer.
  const publishableKey = await createPublishableKey(api, adminJwt, "Test storefront")
  const { sales_channels } = await api("GET", "/admin/sales-channels?limit=1", { token: adminJwt })
  await api("POST", "/admin/regions", {
    token: adminJwt,
    body: { name: "Europe", currency_code: "eur", countries: ["fr"] },
  })
  await api("POST", "/admin/products", {
    token: adminJwt,
    body: {
      title: "Trail Shirt",
      handle: "trail-shirt",
      status: "published",
      options: [{ title: "Size", values: ["S", "M"] }],
      variants: ["S", "M"].map((size) => ({
        title: size,
        options: { Size: size },
        manage_inventory: false,
        prices: [{ amount: 25, currency_code: "eur" }],
      })),
      sales_channels: sales_channels.map((c: any) => ({ id: c.id })),
    },
  })
  ;({
    customer: { id: customerId },
  } = await registerCustomer(api, publishableKey, SHOPPER))

  sql = new Client({ connectionString: app.databaseUrl })
  // The fixture drops the database when the spec ends, possibly before this client is closed.
  sql.on("error", () => undefined)
  await sql.connect()

  const build = buildStorefront(app.log)
  storefront = await startStorefront({ backendUrl: app.url(""), publishableKey, log: app.log })
  app.log(`storefront set up in ${((Date.now() - started) / 1000).toFixed(1)} s (next build ${build.cached ? "cached" : `${build.seconds.toFixed(1)} s`})`)
})

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined)
  await storefront?.stop()
  await sql?.end().catch(() => undefined)
})

describe("storefront integration (Next.js 15 test storefront)", () => {
  pageTest("a guest who browses, adds to cart, gives an email, logs in and out ends as one contact with every event once, in order", async () => {
    const { page, context, sent } = await shopper()
    const url = (p: string) => storefront!.url + p
    await page.goto(url("/"))
    await page.getByRole("button", { name: "Accept" }).click()
    await page.getByRole("link", { name: "Trail Shirt" }).click()
    await page.getByRole("heading", { name: "Trail Shirt" }).waitFor()
    // Picking a size writes ?v_id= with router.replace: the same page, not a new view.
    await page.getByTestId("variant-M").click()
    await page.waitForURL(/\?v_id=variant_/)
    await app.waitForText(page.getByTestId("selected-variant"), (t) => t === "M", "the chosen size")
    await page.getByTestId("add-to-cart").click()
    await page.getByTestId("added").waitFor()
    const cartId = (await context.cookies()).find((c) => c.name === "_medusa_cart_id")
    expect(cartId).toMatchObject({ httpOnly: true }) // the browser tracker cannot read it
    await page.getByRole("link", { name: "Cart" }).click()
    await app.waitForText(page.getByTestId("cart-count"), (t) => t.startsWith("1 "), "one item in the cart")
    await page.getByRole("link", { name: "Go to checkout" }).click()
    await page.getByPlaceholder("Email", { exact: true }).fill(SHOPPER.email)
    await page.getByRole("button", { name: "Continue to delivery" }).click()
    await app.waitForText(page.getByTestId("checkout-email"), (t) => t.includes(SHOPPER.email), "the delivery step")
    await page.getByRole("link", { name: "Account" }).click()
    await page.getByPlaceholder("Email", { exact: true }).fill(SHOPPER.email)
    await page.getByPlaceholder("Password").fill(SHOPPER.password)
    await page.getByRole("button", { name: "Sign in" }).click()
    await app.waitForText(page.getByTestId("customer-email"), (t) => t.includes(SHOPPER.email), "the signed-in account")
    await tracker(page, "flush")
    const anonymousId = await tracker(page, "anonymousId")
    expect(anonymousId).toBe((await context.cookies()).find((c) => c.name === "_mma_aid")?.value)
    expect((await context.cookies()).find((c) => c.name === "_mma_consent")?.value).toBe("granted")

    // Logout resets the tracker: what follows belongs to a new visitor.
    await page.getByRole("button", { name: "Sign out" }).click()
    await page.getByRole("button", { name: "Sign in" }).waitFor()
    await page.getByRole("link", { name: "Home" }).click()
    await page.waitForURL(url("/"))
    await pollUntil("the tracker's new id", async () => (await tracker(page, "anonymousId")) !== anonymousId)
    await tracker(page, "flush")
    const afterLogout = await tracker(page, "anonymousId")

    // ---- what the backend recorded ------------------------------------------------------
    const contacts = await pollUntil("the customer's contact", async () => {
      const r = await rows(`SELECT id FROM marketing_contact WHERE customer_id = $1 AND deleted_at IS NULL`, [customerId])
      return r.length ? r : null
    })
    expect(contacts).toHaveLength(1)
    const contactId = contacts[0].id
    expect(
      await rows(`SELECT id FROM marketing_contact WHERE lower(email) = $1 AND deleted_at IS NULL`, [SHOPPER.email])
    ).toEqual([{ id: contactId }])
    const visitors = (await rows(`SELECT anonymous_id, contact_id FROM marketing_visitor`)).filter(
      (v) => v.anonymous_id === anonymousId || v.anonymous_id === afterLogout
    )
    expect(visitors.filter((v) => v.anonymous_id === anonymousId).map((v) => v.contact_id)).toEqual([contactId])
    expect(visitors.filter((v) => v.anonymous_id === afterLogout).map((v) => v.contact_id)).not.toContain(contactId)

    // Every event the browser sent before logout is stored once, on the contact.
    const before = sent.filter((e) => e.anonymous_id === anonymousId)
    const keys = before.map((e) => e.idempotency_key)
    expect(new Set(keys).size).toBe(keys.length)
    const stored = await rows(`SELECT idempotency_key, contact_id FROM marketing_event WHERE idempotency_key = ANY($1)`, [keys])
    expect(stored).toHaveLength(keys.length)
    expect(new Set(stored.map((r) => r.contact_id))).toEqual(new Set([contactId]))

    // The contact's storefront timeline: no double product view, no page view for ?v_id=,
    // the server helper's cart and identify events in their place.
    const timeline = await rows(
      `SELECT type, source, properties, occurred_at FROM marketing_event WHERE contact_id = $1 ORDER BY occurred_at, id`,
      [contactId]
    )
    const recorded = timeline.filter((e) => e.source === "storefront")
    // Engaged time and the session are events of their own: a page_engaged report whenever the shopper stayed a
    // second or more on a page (so their number depends on timing), and one session_started for this visit.
    expect(recorded.filter((e) => e.type === "session_started")).toHaveLength(1)
    for (const e of recorded.filter((e) => e.type === "page_engaged")) expect(e.properties.engaged_ms).toBeGreaterThan(0)
    const storefrontEvents = recorded.filter((e) => e.type !== "page_engaged" && e.type !== "session_started")
    const label = (e: any) => (e.type === "page_viewed" ? `page_viewed ${e.properties.path}` : e.type)
    // Steps in the order they happened; the product page's view and product view share one step.
    const expected: [string, number][] = [
      ["page_viewed /", 0],
      ["page_viewed /products/trail-shirt", 1],
      ["product_viewed", 1],
      ["product_added_to_cart", 2],
      ["page_viewed /cart", 3],
      ["page_viewed /checkout", 4],
      ["identify", 5], // the email step (server helper)
      ["page_viewed /account", 6],
      ["identify", 7], // login (server helper, with the customer's token)
    ]
    app.log(`contact timeline: ${timeline.map((e) => `${e.source}:${label(e)}`).join(", ")}`)
    expect(storefrontEvents.map(label).sort()).toEqual(expected.map(([l]) => l).sort())
    let step = 0
    const remaining = [...expected]
    for (const e of storefrontEvents) {
      const i = remaining.findIndex(([l, s]) => l === label(e) && s >= step)
      expect([label(e), i >= 0 && remaining[i][1] >= step]).toEqual([label(e), true])
      step = remaining[i][1]
      remaining.splice(i, 1)
    }
    const added = storefrontEvents.find((e) => e.type === "product_added_to_cart")
    expect(added.properties).toMatchObject({ cart_id: cartId!.value, quantity: 1 })
    expect(added.properties.variant_id).toMatch(/^variant_/)
    const identifies = storefrontEvents.filter((e) => e.type === "identify")
    expect(identifies.map((e) => e.properties.email)).toEqual([SHOPPER.email, SHOPPER.email])

    // Medusa's own events about the cart (created before any visitor was known) are on the contact too.
    const cartEvents = await pollUntil("the cart's events on the contact", async () => {
      const r = await rows(
        `SELECT type, contact_id, occurred_at FROM marketing_event WHERE source = 'medusa' AND properties->>'cart_id' = $1 ORDER BY occurred_at`,
        [cartId!.value]
      )
      return r.some((e) => e.type === "cart_created") && r.every((e) => e.contact_id === contactId) ? r : null
    })
    expect(cartEvents.filter((e) => e.type === "cart_created")).toHaveLength(1)
    expect(cartEvents[0].occurred_at.getTime()).toBeLessThanOrEqual(new Date(added.occurred_at).getTime())
    // After logout: a page view, from the new visitor, elsewhere (and maybe a report of engaged time, by timing).
    expect(sent.filter((e) => e.anonymous_id === afterLogout && e.type !== "page_engaged").map((e) => e.type)).toEqual(["page_viewed"])
    expect(app.consoleErrors.filter((e) => e.startsWith("storefront"))).toEqual([])
  })

  pageTest("a shopper who refuses cookies sends nothing but identify", async () => {
    const { page, context, sent } = await shopper()
    const url = (p: string) => storefront!.url + p
    await page.goto(url("/"))
    await page.getByRole("button", { name: "Refuse" }).click()
    await page.getByRole("link", { name: "Trail Shirt" }).click()
    await page.getByTestId("variant-S").click()
    await page.waitForURL(/\?v_id=variant_/)
    await page.getByTestId("add-to-cart").click()
    await page.getByTestId("added").waitFor()
    await page.getByPlaceholder("Newsletter email").fill(REFUSER_EMAIL)
    await page.getByRole("button", { name: "Subscribe" }).click()
    await page.getByTestId("newsletter-done").waitFor()
    await tracker(page, "flush")
    // A full load: the refusal holds (read from the cookie), the banner stays away.
    await page.goto(url("/products/trail-shirt"))
    await page.getByRole("heading", { name: "Trail Shirt" }).waitFor()
    expect(await page.getByRole("button", { name: "Refuse" }).count()).toBe(0)
    expect(await tracker(page, "consent")).toBe("denied")
    await tracker(page, "flush")

    const cookies = await context.cookies()
    expect(cookies.find((c) => c.name === "_mma_consent")?.value).toBe("denied")
    expect(cookies.find((c) => c.name === "_mma_aid")).toBeUndefined()
    expect(sent.map((e) => [e.type, e.consent])).toEqual([["identify", { analytics: false }]])
    expect(sent[0].properties).toMatchObject({ email: REFUSER_EMAIL, email_marketing_consent: true })
    // The server helper sent nothing for this cart (no visitor id without consent).
    const cartId = cookies.find((c) => c.name === "_medusa_cart_id")!.value
    expect(
      await rows(`SELECT type FROM marketing_event WHERE source = 'storefront' AND properties->>'cart_id' = $1`, [cartId])
    ).toEqual([])
    const stored = await pollUntil("the identify event", async () => {
      const r = await rows(
        `SELECT e.type, c.email FROM marketing_event e JOIN marketing_contact c ON c.id = e.contact_id WHERE e.idempotency_key = $1`,
        [sent[0].idempotency_key]
      )
      return r.length ? r : null
    })
    expect(stored).toEqual([{ type: "identify", email: REFUSER_EMAIL }])
  })
})
