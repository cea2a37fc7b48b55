/*! medusa-marketing-automation storefront server helper. Plain ES2017 (CommonJS), no dependencies. MIT. */
"use strict"
/**
 * Sends marketing events from a storefront's server (Next.js server components,
 * route handlers, server actions; any runtime with `fetch`) on behalf of the
 * visitor whose request it is serving: the anonymous id and the consent choice
 * come from the cookies the browser tracker writes, the cart id and the
 * customer's token from the storefront's own cookies.
 *
 * This module only builds and posts requests: it imports nothing from Medusa's
 * server, and is not a server action (it has no "use server" directive). Call
 * it from server code; it never throws and never waits longer than `timeoutMs`.
 */

const TYPES = ["product_viewed", "category_viewed", "page_viewed", "search_performed",
  "product_added_to_cart", "checkout_started", "identify", "appointment_booked"]
const CUSTOM = /^custom:[a-z0-9][a-z0-9_.-]{0,63}$/
const ANON = /^[A-Za-z0-9-]{8,64}$/
const CHOICES = ["granted", "denied"]

const DEFAULTS = {
  backendUrl: "",
  publishableKey: "",
  requireConsent: false,
  cookieName: "_mma_aid",
  consentCookieName: "_mma_consent",
  cartCookieName: "_medusa_cart_id",
  customerTokenCookieName: "_medusa_jwt",
  timeoutMs: 3000,
  serverSecret: "",
}

function uuid() {
  const c = typeof globalThis !== "undefined" ? globalThis.crypto : undefined
  if (c && typeof c.randomUUID === "function") return c.randomUUID()
  let h = ""
  for (let i = 0; i < 32; i++) h += ((Math.random() * 16) | 0).toString(16)
  return h.slice(0, 8) + "-" + h.slice(8, 12) + "-4" + h.slice(13, 16) + "-a" + h.slice(17, 20) + "-" + h.slice(20)
}

function report(o, e) {
  if (typeof o.onError === "function") { try { o.onError(e) } catch (ignored) { /* never throws */ } }
}

/** Reads one cookie from Next's cookies() store, a Map, a plain object or a Cookie header string. */
function cookieValue(cookies, name) {
  if (!cookies || !name) return undefined
  try {
    if (typeof cookies === "string") {
      const hit = cookies.split(/;\s*/).find((c) => c.indexOf(name + "=") === 0)
      return hit ? decodeURIComponent(hit.slice(name.length + 1)) : undefined
    }
    if (typeof cookies.get === "function") {
      const v = cookies.get(name)
      return v && typeof v === "object" ? v.value : v == null ? undefined : String(v)
    }
    const v = cookies[name]
    return v == null ? undefined : String(v)
  } catch (e) {
    return undefined
  }
}

/**
 * What the request's cookies say about the visitor: the anonymous id the
 * browser tracker keeps, the consent choice, the cart and the customer token.
 */
function readVisitor(cookies, options) {
  const o = Object.assign({}, DEFAULTS, options || {})
  const anon = cookieValue(cookies, o.cookieName)
  const choice = cookieValue(cookies, o.consentCookieName)
  const consent = CHOICES.indexOf(choice) >= 0 ? choice : "unknown"
  return {
    anonymousId: anon && ANON.test(anon) ? anon : null,
    consent,
    // The browser tracker's rule: everything with consent, only identify without it.
    analyticsAllowed: consent === "granted" || (consent === "unknown" && !o.requireConsent),
    cartId: cookieValue(cookies, o.cartCookieName) || null,
    customerToken: cookieValue(cookies, o.customerTokenCookieName) || null,
  }
}

/**
 * Creates a sender bound to one backend and publishable key:
 *
 *   const marketing = createStorefrontTracker({ backendUrl, publishableKey })
 *   await marketing.track(await cookies(), "product_added_to_cart", { product_id, variant_id, quantity })
 *   await marketing.identify(await cookies(), { email })
 */
function createStorefrontTracker(options) {
  const o = Object.assign({}, DEFAULTS, options || {})
  const base = String(o.backendUrl || "").replace(/\/+$/, "")
  const fetchImpl = o.fetch || (typeof fetch === "function" ? fetch : null)

  async function send(cookies, type, properties, extra) {
    const x = extra || {}
    type = String(type)
    if (TYPES.indexOf(type) < 0 && !CUSTOM.test(type)) return { sent: false, reason: "unknown_type" }
    if (!base || !o.publishableKey || !fetchImpl) return { sent: false, reason: "not_configured" }
    const visitor = readVisitor(cookies, o)
    // No id cookie: the browser tracker has not run, or consent was denied (it then keeps the id in memory only).
    const anonymousId = x.anonymousId && ANON.test(x.anonymousId) ? x.anonymousId : visitor.anonymousId
    if (!anonymousId) return { sent: false, reason: "no_visitor" }
    if (type !== "identify" && !visitor.analyticsAllowed) return { sent: false, reason: "no_consent" }

    const props = Object.assign({}, properties && typeof properties === "object" ? properties : {})
    const cartId = x.cartId !== undefined ? x.cartId : visitor.cartId
    if (cartId && props.cart_id === undefined) props.cart_id = cartId
    const event = {
      type,
      anonymous_id: anonymousId,
      properties: props,
      occurred_at: new Date().toISOString(),
      idempotency_key: x.idempotencyKey || uuid(),
    }
    // As in the browser: no choice and no requireConsent claims nothing.
    if (visitor.consent !== "unknown" || o.requireConsent) event.consent = { analytics: visitor.analyticsAllowed }
    const context = {}
    if (x.pageUrl) context.page_url = String(x.pageUrl).slice(0, 2048)
    if (x.userAgent && visitor.analyticsAllowed) context.user_agent = String(x.userAgent).slice(0, 512)
    if (Object.keys(context).length) event.context = context

    const token = x.customerToken !== undefined ? x.customerToken : visitor.customerToken
    const headers = { "content-type": "application/json", "x-publishable-api-key": o.publishableKey }
    if (token) headers.authorization = "Bearer " + token
    // Every shopper's events come from this server's address: with the secret it counts against the server's own limit.
    if (o.serverSecret) headers["x-marketing-server-secret"] = o.serverSecret

    const controller = typeof AbortController === "function" ? new AbortController() : null
    const timer = controller ? setTimeout(() => controller.abort(), Math.max(1, Number(o.timeoutMs) || 3000)) : null
    try {
      const res = await fetchImpl(base + "/store/marketing/events", {
        method: "POST",
        headers,
        body: JSON.stringify({ events: [event] }),
        signal: controller ? controller.signal : undefined,
        cache: "no-store",
      })
      const body = await res.json().catch(() => null)
      if (!res.ok) {
        report(o, new Error("events rejected (HTTP " + res.status + ")"))
        const retryAfter = Number(res.headers && res.headers.get ? res.headers.get("retry-after") : NaN)
        const failure = { sent: false, reason: "http_" + res.status, status: res.status, body, event }
        return retryAfter > 0 ? Object.assign(failure, { retryAfterSeconds: retryAfter }) : failure
      }
      return { sent: true, status: res.status, body, event }
    } catch (e) {
      report(o, e)
      return { sent: false, reason: "network", error: e && e.message, event }
    } finally {
      if (timer) clearTimeout(timer)
    }
  }

  return {
    /** Sends one event; resolves with `{ sent, reason?, status?, event? }` and never rejects. */
    track: (cookies, type, properties, extra) => send(cookies, type, properties, extra),
    /** `identify` with what the shopper typed (email, names...); sent whatever the analytics consent. */
    identify: (cookies, profile, extra) => send(cookies, "identify", profile, extra),
    readVisitor: (cookies) => readVisitor(cookies, o),
  }
}

module.exports = { createStorefrontTracker, readVisitor }
