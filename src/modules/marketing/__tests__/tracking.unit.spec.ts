import { analyticsAllowed } from "../tracking/consent"
import { buildCartEvent, buildOrderEvent, toAmount } from "../tracking/medusa-events"
import { clampTimestamp, prepareStorefrontEvents } from "../tracking/prepare"
import { parseUserAgent } from "../tracking/user-agent"
import { parseMarketingOptions } from "../options"
import validateOptionsLoader from "../loaders/validate-options"

const NOW = "2026-06-01T12:00:00.000Z"

describe("clampTimestamp", () => {
  it("never accepts a time in the future", () => {
    expect(clampTimestamp("2026-06-01T12:00:01Z", NOW, 24)).toBe(NOW)
  })
  it("keeps a recent past time", () => {
    expect(clampTimestamp("2026-06-01T11:00:00Z", NOW, 24)).toBe("2026-06-01T11:00:00.000Z")
  })
  it("clamps an old time to the oldest accepted", () => {
    expect(clampTimestamp("2020-01-01T00:00:00Z", NOW, 24)).toBe("2026-05-31T12:00:00.000Z")
  })
  it("uses the server's time when the client sent none", () => {
    expect(clampTimestamp(undefined, NOW, 24)).toBe(NOW)
  })
})

describe("parseUserAgent", () => {
  it("reads phones, tablets and desktops", () => {
    expect(
      parseUserAgent("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1")
    ).toEqual({ device_type: "mobile", os: "iOS", browser: "Mobile Safari" })
    expect(
      parseUserAgent("Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1")?.device_type
    ).toBe("tablet")
    expect(
      parseUserAgent("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36")
    ).toEqual({ device_type: "desktop", os: "Linux", browser: "Chrome" })
  })
  it("answers a repeated user agent the same from its memory, and a caller's change does not reach the next answer", () => {
    const chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0 Safari/537.36"
    const first = parseUserAgent(chrome)!
    first.device_type = "other"
    expect(parseUserAgent(chrome)).toEqual({ device_type: "desktop", os: "Linux", browser: "Chrome" })
    expect(parseUserAgent("curl/8.5.0")).toBeUndefined()
    expect(parseUserAgent("curl/8.5.0")).toBeUndefined()
  })
  it("ignores servers and bots, which say nothing about the shopper", () => {
    expect(parseUserAgent("axios/1.13.1")).toBeUndefined()
    expect(parseUserAgent("node")).toBeUndefined()
    expect(parseUserAgent(undefined)).toBeUndefined()
  })
})

describe("analyticsAllowed", () => {
  const optOut = { requireOptIn: false, strictlyNecessaryEvents: ["identify"] }
  const optIn = { requireOptIn: true, strictlyNecessaryEvents: ["identify"] }
  it("lets the event's own flag win", () => {
    expect(analyticsAllowed(optOut, false, "granted")).toBe(false)
    expect(analyticsAllowed(optIn, true, "denied")).toBe(true)
  })
  it("falls back to what the contact said, then to the policy", () => {
    expect(analyticsAllowed(optOut, undefined, "denied")).toBe(false)
    expect(analyticsAllowed(optIn, undefined, "granted")).toBe(true)
    expect(analyticsAllowed(optOut, undefined, "unknown")).toBe(true)
    expect(analyticsAllowed(optIn, undefined, "unknown")).toBe(false)
  })
})

describe("prepareStorefrontEvents", () => {
  const ctx = { received_at: NOW, maxEventAgeHours: 24, customer_id: "cus_1", user_agent: "axios/1" }

  it("turns identify properties into a normalised profile patch with consent", () => {
    const [event] = prepareStorefrontEvents(
      [
        {
          type: "identify",
          anonymous_id: "anon-12345678",
          properties: { email: " Ada@Example.COM ", country_code: "FR", first_name: " Ada ", email_marketing_consent: true },
          occurred_at: "2026-06-01T11:59:00Z",
          consent: { analytics: true },
        },
      ],
      ctx
    )
    expect(event.customer_id).toBe("cus_1")
    expect(event.profile).toMatchObject({
      email: "ada@example.com",
      country_code: "fr",
      first_name: "Ada",
      email_marketing_consent: { status: "granted", source: "storefront", at: "2026-06-01T11:59:00.000Z" },
      analytics_consent: { status: "granted", source: "storefront" },
    })
    expect(event.profile.device_type).toBeUndefined()
  })

  it("keeps only external referrers and takes utm and cart from the event", () => {
    const [internal, external] = prepareStorefrontEvents(
      [
        {
          type: "product_added_to_cart",
          anonymous_id: "anon-12345678",
          properties: { cart_id: "cart_1" },
          context: { page_url: "https://shop.test/p/1", referrer: "https://shop.test/", utm: { source: "Google" } },
        },
        {
          type: "page_viewed",
          anonymous_id: "anon-12345678",
          properties: {},
          context: { page_url: "https://shop.test/", referrer: "https://news.test/a" },
        },
      ],
      ctx
    )
    expect(internal.profile.referrer).toBeUndefined()
    expect(internal.profile.utm_source).toBe("google")
    expect(internal.profile.cart_id).toBe("cart_1")
    expect(external.profile.referrer).toBe("https://news.test/a")
  })
})

describe("Medusa events", () => {
  it("reads amounts in every shape Medusa returns", () => {
    expect(toAmount(12.5)).toBe(12.5)
    expect(toAmount("7")).toBe(7)
    expect(toAmount({ numeric: 3 })).toBe(3)
    expect(toAmount({ value: "4.2" })).toBe(4.2)
    expect(toAmount(null)).toBe(0)
  })

  it("keys cart events by content, since a cart's updated_at does not move", () => {
    const cart = { id: "cart_1", customer_id: null, currency_code: "eur", total: 10, items: [{ product_id: "p", quantity: 1, unit_price: 10 }] }
    const a = buildCartEvent("cart.updated", cart, NOW)
    const b = buildCartEvent("cart.customer_updated", cart, NOW)
    const c = buildCartEvent("cart.updated", { ...cart, items: [{ product_id: "p", quantity: 2, unit_price: 10 }], total: 20 }, NOW)
    expect(a.idempotency_key).toBe(b.idempotency_key)
    expect(c.idempotency_key).not.toBe(a.idempotency_key)
    expect(a).toMatchObject({ type: "cart_updated", cart_id: "cart_1", properties: { item_count: 1, total: 10 } })
  })

  it("summarises an order with its products and categories", () => {
    const event = buildOrderEvent(
      "order.placed",
      {
        id: "order_1",
        display_id: 7,
        customer_id: "cus_1",
        currency_code: "usd",
        total: { numeric: 99 },
        created_at: "2026-06-01T10:00:00Z",
        shipping_address: { country_code: "us" },
        items: [
          { product_id: "p1", title: "Shoe", quantity: 2, unit_price: 40 },
          { product_id: "p1", title: "Shoe", quantity: 1, unit_price: 19 },
        ],
      },
      [{ id: "p1", categories: [{ id: "c1", name: "Shoes" }] }],
      NOW
    )
    expect(event).toMatchObject({
      type: "order_placed",
      customer_id: "cus_1",
      occurred_at: "2026-06-01T10:00:00.000Z",
      idempotency_key: "order.placed:order_1",
      properties: { total: 99, item_count: 3, product_ids: ["p1"], category_ids: ["c1"], category_names: ["Shoes"] },
      profile: { country_code: "us" },
    })
  })
})

describe("plugin options", () => {
  it("fills defaults", () => {
    const options = parseMarketingOptions(undefined)
    expect(options).toMatchObject({
      consent: { requireOptIn: false, strictlyNecessaryEvents: ["identify"] },
      tracking: { maxEventAgeHours: 24, pendingCartEventDays: 30, retentionDays: 730 },
      email: {
        requireConsent: true,
        doubleOptIn: false,
        confirmationLinkHours: 72,
        retry: { maxAttempts: 6, baseDelaySeconds: 60 },
        concurrency: 100,
        leaseSeconds: 300,
        inFlightSeconds: 3600,
        branding: {},
        webhooks: {},
      },
    })
    expect(options.email.topics.map((t) => t.id)).toEqual(["newsletter", "offers", "recommendations"])
    expect(() => parseMarketingOptions({ email: { secret: "short" } })).toThrow(/options\.email\.secret/)
  })
  it("takes tracking.retentionDays: a number of days, 0 or null (off)", () => {
    expect(parseMarketingOptions({ tracking: { retentionDays: 365 } }).tracking).toMatchObject({ retentionDays: 365, pendingCartEventDays: 30 })
    expect(parseMarketingOptions({ tracking: { retentionDays: 0 } }).tracking.retentionDays).toBe(0)
    expect(parseMarketingOptions({ tracking: { retentionDays: null } }).tracking.retentionDays).toBeNull()
    expect(() => parseMarketingOptions({ tracking: { retentionDays: -1 } })).toThrow(/options\.tracking\.retentionDays/)
    expect(() => parseMarketingOptions({ tracking: { retentionDays: 1.5 } })).toThrow(/options\.tracking\.retentionDays/)
  })
  it("ignores the connection Medusa adds to module options", () => {
    expect(() => parseMarketingOptions({ database: { clientUrl: "x" } })).not.toThrow()
  })
  it("stops the module from loading with a bad option", async () => {
    await expect(
      validateOptionsLoader({ options: { consent: { strictlyNecessaryEvents: "identify" } } } as any)
    ).rejects.toThrow(/options\.consent\.strictlyNecessaryEvents/)
  })
  it("names the bad option", () => {
    expect(() => parseMarketingOptions({ consent: { requireOptIn: "yes" } })).toThrow(/options\.consent\.requireOptIn/)
    expect(() => parseMarketingOptions({ tracking: { maxEventAgeHours: 0 } })).toThrow(/options\.tracking\.maxEventAgeHours/)
    expect(() => parseMarketingOptions({ tracking: { pendingCartEventDays: 0 } })).toThrow(/options\.tracking\.pendingCartEventDays/)
    expect(() => parseMarketingOptions({ tracking: { pendingCartEventDays: 1.5 } })).toThrow(/options\.tracking\.pendingCartEventDays/)
    expect(parseMarketingOptions({ tracking: { pendingCartEventDays: 7 } }).tracking).toEqual({ maxEventAgeHours: 24, pendingCartEventDays: 7, retentionDays: 730 })
    expect(() => parseMarketingOptions({ tracknig: {} })).toThrow(/tracknig/)
    expect(() => parseMarketingOptions({ email: { leaseSeconds: 1 } })).toThrow(/options\.email\.leaseSeconds/)
    expect(() => parseMarketingOptions({ email: { inFlightSeconds: "1h" } })).toThrow(/options\.email\.inFlightSeconds/)
  })
})
