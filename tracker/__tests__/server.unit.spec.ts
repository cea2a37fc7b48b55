/**
 * The storefront server helper (tracker/server.js) against a tiny local HTTP
 * server standing in for Medusa's POST /store/marketing/events: what it sends,
 * with which headers, and what it keeps back without consent.
 */
import http from "http"
import type { AddressInfo } from "net"
import path from "path"

// Through the package's export map, as a storefront imports it.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { createStorefrontTracker, readVisitor } = require("medusa-marketing-automation/storefront")

type Hit = { method: string; url: string; headers: http.IncomingHttpHeaders; body: any }
let hits: Hit[] = []
let status = 200
let delayMs = 0
let retryAfter: string | null = null
let server: http.Server
let backendUrl = ""

const ANON = "0b6c1f9e-2a4d-4c1e-9f3a-5d7e8b9a0c1d"
const KEY = "pk_test_server"

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = ""
    req.on("data", (c) => (raw += c))
    req.on("end", () => {
      hits.push({ method: req.method!, url: req.url!, headers: req.headers, body: raw ? JSON.parse(raw) : null })
      setTimeout(() => {
        res.writeHead(status, { "content-type": "application/json", ...(retryAfter ? { "retry-after": retryAfter } : {}) })
        res.end(JSON.stringify(status === 200 ? { recorded: 1, duplicates: 0, dropped: 0 } : { message: "nope" }))
      }, delayMs)
    })
  })
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()))
  backendUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
})

afterAll(() => new Promise((r) => server.close(r)))

beforeEach(() => {
  hits = []
  status = 200
  delayMs = 0
  retryAfter = null
})

/** Next's cookies() store shape: get(name) -> { value } | undefined. */
const nextCookies = (values: Record<string, string>) => ({
  get: (name: string) => (name in values ? { name, value: values[name] } : undefined),
})

describe("storefront server helper", () => {
  it("is the package's ./storefront export and no server action", () => {
    expect(require.resolve("medusa-marketing-automation/storefront")).toBe(path.resolve(__dirname, "..", "server.js"))
    const fs = require("fs")
    const source = fs.readFileSync(path.resolve(__dirname, "..", "server.js"), "utf8")
    expect(source).not.toMatch(/^\s*["']use server["']/m)
    expect(source).not.toMatch(/@medusajs/)
  })

  it("sends an event with the anonymous id, the cart id, the publishable key and the customer's token", async () => {
    const t = createStorefrontTracker({ backendUrl, publishableKey: KEY })
    const r = await t.track(
      nextCookies({ _mma_aid: ANON, _mma_consent: "granted", _medusa_cart_id: "cart_01", _medusa_jwt: "jwt.abc" }),
      "product_added_to_cart",
      { product_id: "prod_1", variant_id: "variant_1", quantity: 2 },
      { userAgent: "Mozilla/5.0 test" }
    )
    expect(r).toMatchObject({ sent: true, status: 200 })
    expect(hits).toHaveLength(1)
    const [hit] = hits
    expect(hit.method).toBe("POST")
    expect(hit.url).toBe("/store/marketing/events") // trailing slash of backendUrl trimmed
    expect(hit.headers["x-publishable-api-key"]).toBe(KEY)
    expect(hit.headers.authorization).toBe("Bearer jwt.abc")
    expect(hit.headers["content-type"]).toBe("application/json")
    expect(hit.body.events).toHaveLength(1)
    const [e] = hit.body.events
    expect(e).toMatchObject({
      type: "product_added_to_cart",
      anonymous_id: ANON,
      properties: { product_id: "prod_1", variant_id: "variant_1", quantity: 2, cart_id: "cart_01" },
      consent: { analytics: true },
      context: { user_agent: "Mozilla/5.0 test" },
    })
    expect(new Date(e.occurred_at).toISOString()).toBe(e.occurred_at)
    expect(e.idempotency_key).toMatch(/^[0-9a-f-]{36}$/)
  })

  it("reads plain objects and Cookie headers, and takes overrides for a cart or token made in this request", async () => {
    const t = createStorefrontTracker({ backendUrl, publishableKey: KEY })
    await t.identify(`_mma_aid=${ANON}; _medusa_jwt=old`, { email: "jane@example.com" }, {
      customerToken: "fresh-login-token",
      cartId: "cart_new",
      idempotencyKey: "login:cus_1:1",
    })
    await t.track({ _mma_aid: ANON, _medusa_cart_id: "cart_cookie" }, "checkout_started", { cart_id: "cart_explicit" }, {
      customerToken: null,
    })
    expect(hits.map((h) => h.headers.authorization)).toEqual(["Bearer fresh-login-token", undefined])
    expect(hits[0].body.events[0]).toMatchObject({
      type: "identify",
      properties: { email: "jane@example.com", cart_id: "cart_new" },
      idempotency_key: "login:cus_1:1",
    })
    // No consent choice and no requireConsent: nothing claimed, as in the browser.
    expect(hits[0].body.events[0]).not.toHaveProperty("consent")
    expect(hits[1].body.events[0].properties).toEqual({ cart_id: "cart_explicit" })
  })

  it("with consent denied sends only identify, marked as without analytics consent", async () => {
    const t = createStorefrontTracker({ backendUrl, publishableKey: KEY })
    const cookies = nextCookies({ _mma_aid: ANON, _mma_consent: "denied", _medusa_cart_id: "cart_01" })
    const denied = await t.track(cookies, "product_added_to_cart", { product_id: "prod_1" }, { userAgent: "UA" })
    expect(denied).toEqual({ sent: false, reason: "no_consent" })
    const id = await t.identify(cookies, { email: "jane@example.com" }, { userAgent: "UA" })
    expect(id.sent).toBe(true)
    expect(hits).toHaveLength(1)
    expect(hits[0].body.events[0]).toMatchObject({ type: "identify", consent: { analytics: false } })
    expect(hits[0].body.events[0]).not.toHaveProperty("context") // no user agent without consent
  })

  it("with requireConsent, no choice yet counts as denied; a granted cookie allows everything", async () => {
    const t = createStorefrontTracker({ backendUrl, publishableKey: KEY, requireConsent: true })
    expect(await t.track({ _mma_aid: ANON }, "page_viewed", {})).toEqual({ sent: false, reason: "no_consent" })
    expect((await t.track({ _mma_aid: ANON, _mma_consent: "granted" }, "page_viewed", {})).sent).toBe(true)
    expect(hits[0].body.events[0].consent).toEqual({ analytics: true })
    expect(t.readVisitor({ _mma_aid: ANON, _mma_consent: "maybe" })).toEqual({
      anonymousId: ANON,
      consent: "unknown",
      analyticsAllowed: false,
      cartId: null,
      customerToken: null,
    })
  })

  it("sends nothing without a visitor cookie, a valid type or a configuration", async () => {
    const t = createStorefrontTracker({ backendUrl, publishableKey: KEY })
    expect(await t.track({}, "page_viewed", {})).toEqual({ sent: false, reason: "no_visitor" })
    expect(await t.track({ _mma_aid: "bad id!" }, "page_viewed", {})).toEqual({ sent: false, reason: "no_visitor" })
    expect(await t.track({ _mma_aid: ANON }, "nope", {})).toEqual({ sent: false, reason: "unknown_type" })
    const unconfigured = createStorefrontTracker({ backendUrl: "", publishableKey: KEY })
    expect(await unconfigured.track({ _mma_aid: ANON }, "page_viewed", {})).toEqual({ sent: false, reason: "not_configured" })
    expect(hits).toHaveLength(0)
    // Custom names follow the store route's pattern.
    expect((await t.track({ _mma_aid: ANON }, "custom:size_guide_opened", {})).sent).toBe(true)
    expect(readVisitor(`_mma_consent=granted; _mma_aid=${ANON}`).consent).toBe("granted")
  })

  it("never throws: a refused batch, a dead backend and a slow one resolve with the reason", async () => {
    const errors: string[] = []
    const t = createStorefrontTracker({ backendUrl, publishableKey: KEY, timeoutMs: 200, onError: (e: Error) => errors.push(e.message) })
    status = 400
    expect(await t.track({ _mma_aid: ANON }, "page_viewed", {})).toMatchObject({ sent: false, reason: "http_400", status: 400 })
    status = 200
    delayMs = 1000
    const started = Date.now()
    expect(await t.track({ _mma_aid: ANON }, "page_viewed", {})).toMatchObject({ sent: false, reason: "network" })
    expect(Date.now() - started).toBeLessThan(900)
    const dead = createStorefrontTracker({ backendUrl: "http://127.0.0.1:1", publishableKey: KEY, onError: () => { throw new Error("x") } })
    expect(await dead.track({ _mma_aid: ANON }, "page_viewed", {})).toMatchObject({ sent: false, reason: "network" })
    expect(errors).toHaveLength(2)
    expect(errors[0]).toMatch(/HTTP 400/)
  })

  it("identifies the storefront server with the rate-limit secret, and hands up the Retry-After of a 429", async () => {
    const t = createStorefrontTracker({ backendUrl, publishableKey: KEY, serverSecret: "a-secret-of-sixteen+" })
    status = 429
    retryAfter = "7"
    expect(await t.track({ _mma_aid: ANON }, "page_viewed", {})).toMatchObject({ sent: false, reason: "http_429", status: 429, retryAfterSeconds: 7 })
    expect(hits[0].headers["x-marketing-server-secret"]).toBe("a-secret-of-sixteen+")
    // Without the option, no such header.
    await createStorefrontTracker({ backendUrl, publishableKey: KEY }).track({ _mma_aid: ANON }, "page_viewed", {})
    expect(hits[1].headers["x-marketing-server-secret"]).toBeUndefined()
  })
})
