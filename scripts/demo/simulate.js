"use strict"
/**
 * Shopper simulation for the demo store. Everything goes through the real
 * store API over HTTP, as a storefront would send it:
 *   - POST /store/marketing/events     (the plugin's tracking route)
 *   - /auth/customer/emailpass[/register], POST /store/customers
 *   - /store/carts, line items, shipping methods, payment collections, complete
 * Logged-in shoppers who leave a cart come back later and, half the time, buy it.
 *
 * Usage (from scripts/demo.js):
 *   const sim = createSimulation({ baseUrl, publishableKey, log })
 *   await sim.ensureCustomers()
 *   await sim.runWave(30)
 *   sim.startTrickle({ everyMs: 4000 }); ... sim.stop()
 */
const crypto = require("crypto")
const data = require("./data")
const { HttpError, createClient, rand, pick, chance, sleep } = require("./client")

function createSimulation({ baseUrl, publishableKey, inbox = null, log = (m) => console.log(m), concurrency = 3 }) {
  const request = createClient(baseUrl, publishableKey)
  const stats = {
    visitors: 0,
    eventsSent: 0,
    recorded: 0,
    duplicates: 0,
    dropped: 0,
    rejected: 0,
    carts: 0,
    logins: 0,
    orders: 0,
    returns: 0,
    appointments: 0,
    mailOpened: 0,
    mailClicked: 0,
    errors: 0,
  }
  let routeMissingWarned = false
  let catalog = null
  let customers = [] // { ...data.CUSTOMERS[i], id }
  let trickleTimer = null
  let stopped = false
  // Carts customers left without buying, by email: coming back, some finish them.
  const openCarts = new Map()

  async function loadCatalog() {
    if (catalog) return catalog
    const { regions } = await request("GET", "/store/regions?limit=50")
    const { product_categories } = await request(
      "GET",
      "/store/product-categories?limit=100&fields=id,name,handle"
    )
    const { products } = await request(
      "GET",
      "/store/products?limit=100&fields=id,title,handle,*variants,*categories"
    )
    if (!products.length) throw new Error("The store has no products: was the seed run?")
    const priceOf = Object.fromEntries(data.PRODUCTS.map((p) => [p.handle, p.prices]))
    catalog = {
      regions,
      regionByCountry: Object.fromEntries(
        regions.flatMap((r) => (r.countries || []).map((c) => [c.iso_2, r]))
      ),
      categories: product_categories,
      products: products.map((p) => ({
        ...p,
        prices: priceOf[p.handle] || { eur: 50, usd: 55 },
        category: (p.categories && p.categories[0]) || null,
      })),
    }
    return catalog
  }

  // ---- tracking -----------------------------------------------------------------

  /** Posts a batch to the plugin's store route; never throws. */
  async function sendEvents(events, token) {
    if (!events.length) return null
    stats.eventsSent += events.length
    try {
      const res = await request("POST", "/store/marketing/events", { body: { events }, token })
      stats.recorded += res.recorded || 0
      stats.duplicates += res.duplicates || 0
      stats.dropped += res.dropped || 0
      return res
    } catch (e) {
      stats.rejected += events.length
      if (e.status === 404) {
        if (!routeMissingWarned) {
          routeMissingWarned = true
          log(
            "WARNING: POST /store/marketing/events answered 404: the plugin build in this app has no tracking route yet. " +
              "Events are skipped; carts and orders still go through Medusa's own events."
          )
        }
      } else if (!stopped) {
        stats.errors++
        log(`WARNING: tracking batch rejected: ${e.message}`)
      }
      return null
    }
  }

  function newVisitor(overrides = {}) {
    const device = pick(["desktop", "desktop", "mobile", "mobile", "tablet"])
    const utmKey = pick(Object.keys(data.UTM_SOURCES))
    const country = overrides.country || pick(Object.keys(data.LOCALES))
    const [locale, timezone] = data.LOCALES[country]
    const utm = data.UTM_SOURCES[utmKey]
    const denies = chance(0.06)
    return {
      anonymousId: `anon-${crypto.randomUUID()}`,
      sessionId: `sess-${crypto.randomBytes(6).toString("hex")}`,
      device,
      userAgent: pick(data.USER_AGENTS[device]),
      utm,
      country,
      locale,
      timezone,
      consent: denies ? { analytics: false } : chance(0.85) ? { analytics: true } : undefined,
      seq: 0,
      clock: Date.now() - 90 * 1000,
      ...overrides,
    }
  }

  function event(visitor, type, properties, path) {
    visitor.seq++
    visitor.clock += 2000 + rand(15000)
    const at = Math.min(visitor.clock, Date.now())
    const pageUrl = `https://demo-shop.example.com${path || "/"}`
    const first = visitor.seq === 1
    const utm = visitor.utm
    return {
      type,
      anonymous_id: visitor.anonymousId,
      session_id: visitor.sessionId,
      occurred_at: new Date(at).toISOString(),
      idempotency_key: `${visitor.anonymousId}:${visitor.seq}`,
      properties,
      ...(visitor.consent ? { consent: visitor.consent } : {}),
      context: {
        page_url: first ? landingUrl(pageUrl, utm) : pageUrl,
        referrer: first ? (utm ? utm.referrer : "") : "https://demo-shop.example.com/",
        user_agent: visitor.userAgent,
        locale: visitor.locale,
        timezone: visitor.timezone,
        ...(utm && utm.source ? { utm: { source: utm.source, medium: utm.medium, campaign: utm.campaign } } : {}),
      },
    }
  }

  /** The first page's URL: with its UTM parameters and ad click id, if the visit has them. */
  function landingUrl(pageUrl, utm) {
    const params = new URLSearchParams()
    if (utm && utm.source) {
      params.set("utm_source", utm.source)
      params.set("utm_medium", utm.medium)
      params.set("utm_campaign", utm.campaign)
    }
    if (utm && utm.click) params.set(utm.click, crypto.randomBytes(6).toString("hex"))
    const query = params.toString()
    return query ? `${pageUrl}?${query}` : pageUrl
  }

  /** A landing URL's UTM parameters (store owners tag their email links), else a visit from email without them. */
  function utmOf(url) {
    const q = new URL(url, "https://demo-shop.example.com").searchParams
    const source = q.get("utm_source")
    return source
      ? { source, medium: q.get("utm_medium") || "email", campaign: q.get("utm_campaign") || "", referrer: "" }
      : { source: "newsletter", medium: "email", campaign: "flows", referrer: "" }
  }

  function currencyFor(visitor) {
    const region = catalog.regionByCountry[visitor.country]
    return region ? region.currency_code : "eur"
  }

  function productEvent(visitor, type, product, extra = {}) {
    const currency = currencyFor(visitor)
    return event(
      visitor,
      type,
      {
        product_id: product.id,
        product_handle: product.handle,
        product_title: product.title,
        category: product.category ? product.category.name : undefined,
        category_id: product.category ? product.category.id : undefined,
        price: product.prices[currency],
        currency_code: currency,
        ...extra,
      },
      `/products/${product.handle}`
    )
  }

  /** A browsing session: landing page, categories, products, maybe a search. */
  function browseEvents(visitor, { interest } = {}) {
    const events = []
    events.push(event(visitor, "page_viewed", { path: "/", title: "Home" }, "/"))
    if (chance(0.3)) {
      const path = pick(data.CONTENT_PAGES)
      events.push(event(visitor, "page_viewed", { path, title: path.split("/").pop() || "Home" }, path))
    }
    const favourite = interest || pick(catalog.categories)
    const categoriesSeen = [favourite, ...(chance(0.4) ? [pick(catalog.categories)] : [])]
    for (const c of categoriesSeen) {
      events.push(
        event(
          visitor,
          "category_viewed",
          { category_id: c.id, category_name: c.name, category_handle: c.handle, path: `/categories/${c.handle}` },
          `/categories/${c.handle}`
        )
      )
    }
    if (chance(0.35)) {
      const q = pick(data.SEARCH_TERMS)
      events.push(event(visitor, "search_performed", { query: q, result_count: 1 + rand(8) }, `/search?q=${encodeURIComponent(q)}`))
    }
    const inCategory = catalog.products.filter((p) => p.category && p.category.id === favourite.id)
    const viewed = []
    const n = 1 + rand(4)
    for (let i = 0; i < n; i++) {
      const p = chance(0.75) && inCategory.length ? pick(inCategory) : pick(catalog.products)
      viewed.push(p)
      events.push(productEvent(visitor, "product_viewed", p))
    }
    return { events, viewed }
  }

  // ---- customers ------------------------------------------------------------------

  async function login(email, password) {
    const { token } = await request("POST", "/auth/customer/emailpass", { body: { email, password } })
    return token
  }

  /** Registers the demo customers (emailpass identity + customer); idempotent. */
  async function ensureCustomers() {
    const created = []
    customers = []
    for (const c of data.CUSTOMERS) {
      let token = null
      try {
        const res = await request("POST", "/auth/customer/emailpass/register", {
          body: { email: c.email, password: data.CUSTOMER_PASSWORD },
        })
        token = res.token
      } catch (e) {
        if (!(e.status === 401 || e.status === 400) || !/exist/i.test(e.message)) throw e
        token = await login(c.email, data.CUSTOMER_PASSWORD)
      }
      let me = null
      try {
        me = (await request("GET", "/store/customers/me", { token })).customer
      } catch (e) {
        if (e.status !== 401 && e.status !== 404 && e.status !== 400) throw e
      }
      if (!me) {
        me = (
          await request("POST", "/store/customers", {
            token,
            body: { email: c.email, first_name: c.first_name, last_name: c.last_name, phone: c.phone },
          })
        ).customer
        created.push(c.email)
      }
      customers.push({ ...c, id: me.id })
    }
    return { created, customers }
  }

  function identifyEvent(visitor, c, { consent = true } = {}) {
    return event(
      visitor,
      "identify",
      {
        email: c.email,
        first_name: c.first_name,
        last_name: c.last_name,
        phone: c.phone,
        country_code: c.country_code,
        city: c.city,
        birth_date: c.birth_date,
        gender: c.gender,
        occupation: c.occupation,
        email_marketing_consent: consent,
        consent_source: "account_signup_form",
      },
      "/account"
    )
  }

  // ---- carts and checkout ------------------------------------------------------------

  async function createCart(visitor, products, token) {
    const region = catalog.regionByCountry[visitor.country] || catalog.regions[0]
    const { cart } = await request("POST", "/store/carts", {
      token,
      body: { region_id: region.id, ...(visitor.customer ? { email: visitor.customer.email } : {}) },
    })
    stats.carts++
    const events = []
    for (const p of products) {
      const variant = pick(p.variants)
      const quantity = 1 + (chance(0.2) ? 1 : 0)
      await request("POST", `/store/carts/${cart.id}/line-items`, {
        token,
        body: { variant_id: variant.id, quantity },
      })
      events.push(
        productEvent(visitor, "product_added_to_cart", p, {
          variant_id: variant.id,
          variant_title: variant.title,
          quantity,
          cart_id: cart.id,
        })
      )
    }
    return { cart, events }
  }

  async function checkout(visitor, cartId, token) {
    const person = visitor.customer || {
      email: `guest-${visitor.anonymousId.slice(5, 13)}@example.com`,
      first_name: "Guest",
      last_name: "Shopper",
      phone: "+10000000000",
      city: pick(data.CITIES[visitor.country]),
    }
    const address = {
      first_name: person.first_name,
      last_name: person.last_name,
      phone: person.phone,
      city: person.city || pick(data.CITIES[visitor.country]),
      country_code: visitor.country,
      ...data.ADDRESSES[visitor.country],
    }
    const { cart } = await request("POST", `/store/carts/${cartId}`, {
      token,
      body: { email: person.email, shipping_address: address, billing_address: address },
    })
    const started = event(
      visitor,
      "checkout_started",
      {
        cart_id: cart.id,
        total: cart.total,
        currency_code: cart.currency_code,
        items: (cart.items || []).map((i) => ({ product_id: i.product_id, title: i.product_title, quantity: i.quantity })),
      },
      "/checkout"
    )
    await sendEvents([started], token)
    const { shipping_options } = await request("GET", `/store/shipping-options?cart_id=${cart.id}`, { token })
    if (!shipping_options || !shipping_options.length) throw new Error(`no shipping option for ${visitor.country}`)
    const option = shipping_options.find((o) => /standard/i.test(o.name)) || shipping_options[0]
    await request("POST", `/store/carts/${cart.id}/shipping-methods`, { token, body: { option_id: option.id } })
    const { payment_collection } = await request("POST", "/store/payment-collections", {
      token,
      body: { cart_id: cart.id },
    })
    await request("POST", `/store/payment-collections/${payment_collection.id}/payment-sessions`, {
      token,
      body: { provider_id: "pp_system_default" },
    })
    const done = await request("POST", `/store/carts/${cart.id}/complete`, { token })
    if (done.type !== "order") {
      throw new Error(`cart ${cart.id} did not complete: ${JSON.stringify(done.error || done).slice(0, 200)}`)
    }
    stats.orders++
    return done.order
  }

  // ---- mail ----------------------------------------------------------------------------

  /**
   * A known shopper goes through the mail the store sent them (the demo mailbox):
   * opens most of it, from their own browser and never within seconds of delivery
   * (the plugin counts such opens as machines), and clicks through some. Resolves
   * the page the last click landed on, or null.
   */
  async function readMail(customer, userAgent) {
    if (!inbox) return null
    let landing = null
    for (const mail of inbox.unread(customer.email)) {
      if (Date.now() - mail.receivedAt < 10_000) continue
      mail.read = true
      if (!mail.openUrl || !chance(0.65)) continue
      await fetch(mail.openUrl, { headers: { "user-agent": userAgent } }).then((r) => r.arrayBuffer())
      stats.mailOpened++
      if (mail.clickUrls.length && chance(0.45)) {
        const res = await fetch(pick(mail.clickUrls), { redirect: "manual", headers: { "user-agent": userAgent } })
        await res.arrayBuffer()
        landing = res.headers.get("location") || landing
        stats.mailClicked++
      }
    }
    return landing
  }

  // ---- one visitor ---------------------------------------------------------------------

  async function simulateVisitor(opts = {}) {
    await loadCatalog()
    const loginAs = opts.customer === undefined ? (customers.length && chance(0.35) ? pick(customers) : null) : opts.customer
    const visitor = newVisitor(loginAs ? { country: loginAs.country_code } : {})
    stats.visitors++
    // A click in an email brings the shopper in: that visit lands where the link pointed, and buys more often.
    const landing = loginAs ? await readMail(loginAs, visitor.userAgent) : null
    if (landing) visitor.utm = utmOf(landing)
    // Known shoppers keep coming back to "their" category.
    const customerIndex = loginAs ? data.CUSTOMERS.findIndex((c) => c.email === loginAs.email) : -1
    const interest =
      customerIndex >= 0 && chance(0.7) ? catalog.categories[customerIndex % catalog.categories.length] : undefined
    const { events, viewed } = browseEvents(visitor, { interest })
    await sendEvents(events)

    let token = null
    if (loginAs) {
      token = await login(loginAs.email, data.CUSTOMER_PASSWORD)
      stats.logins++
      visitor.customer = loginAs
      // The identify call carries the customer's token: this stitches the
      // anonymous visitor to the Medusa customer.
      await sendEvents([identifyEvent(visitor, loginAs, { consent: !loginAs.email.startsWith("noah") })], token)
      // Back for the cart they left (after a reminder, perhaps): the order ends their cart abandonment flow.
      const left = openCarts.get(loginAs.email)
      if (left && opts.cart === undefined && chance(0.5)) {
        openCarts.delete(loginAs.email)
        stats.returns++
        const order = await checkout(visitor, left, token)
        return { visitor, cart: { id: left }, order }
      }
    }

    // Now and then a known shopper books a showroom visit or a sales call: an appointment the
    // dashboard credits to the email that led to it, like an order.
    if (loginAs && opts.appointment !== false && chance(0.15)) {
      await sendEvents([event(visitor, "appointment_booked", { kind: chance(0.5) ? "showroom" : "sales_call" }, "/book")], token)
      stats.appointments++
    }

    const wantsCart = opts.cart !== undefined ? opts.cart : chance(loginAs ? 0.7 : 0.35)
    if (!wantsCart) return { visitor, cart: null, order: null }
    const toBuy = [...new Set([pick(viewed), ...(chance(0.3) ? [pick(viewed)] : [])])]
    const { cart, events: cartEvents } = await createCart(visitor, toBuy, token)
    await sendEvents(cartEvents, token)

    const wantsOrder = opts.order !== undefined ? opts.order : chance(landing ? 0.8 : loginAs ? 0.6 : 0.2)
    if (!wantsOrder) {
      if (loginAs) openCarts.set(loginAs.email, cart.id)
      return { visitor, cart, order: null }
    }
    const order = await checkout(visitor, cart.id, token)
    return { visitor, cart, order }
  }

  async function safeVisitor(opts) {
    try {
      return await simulateVisitor(opts)
    } catch (e) {
      // Requests cut off by a shutdown are not worth a warning.
      if (!stopped) {
        stats.errors++
        log(`WARNING: a simulated visitor failed: ${e.message}`)
      }
      return null
    }
  }

  /**
   * `count` visitors, `concurrency` at a time. Resolves a summary.
   * With everyCustomer, the first visitors are each known customer once
   * (logging in), so every customer has a profile after the first wave.
   */
  async function runWave(count = 30, { everyCustomer = false } = {}) {
    await loadCatalog()
    const before = { ...stats }
    const t0 = Date.now()
    const plan = Array.from({ length: count }, (_, i) =>
      everyCustomer && i < customers.length ? { customer: customers[i] } : {}
    )
    let next = 0
    const worker = async () => {
      while (!stopped && next < plan.length) {
        const opts = plan[next++]
        await safeVisitor(opts)
      }
    }
    await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker))
    const d = (k) => stats[k] - before[k]
    return {
      visitors: d("visitors"),
      events: d("eventsSent"),
      recorded: d("recorded"),
      duplicates: d("duplicates"),
      dropped: d("dropped"),
      rejected: d("rejected"),
      carts: d("carts"),
      logins: d("logins"),
      orders: d("orders"),
      returns: d("returns"),
      appointments: d("appointments"),
      mailOpened: d("mailOpened"),
      mailClicked: d("mailClicked"),
      errors: d("errors"),
      seconds: (Date.now() - t0) / 1000,
    }
  }

  /** A slow stream of visitors so the admin shows live data. */
  function startTrickle({ everyMs = 4000, onWave } = {}) {
    let wave = 0
    const tick = async () => {
      if (stopped) return
      wave++
      const summary = await runWave(1 + rand(2))
      if (onWave) onWave(wave, summary)
      if (!stopped) trickleTimer = setTimeout(tick, everyMs + rand(everyMs))
    }
    trickleTimer = setTimeout(tick, everyMs)
  }

  function stop() {
    stopped = true
    if (trickleTimer) clearTimeout(trickleTimer)
  }

  return {
    loadCatalog,
    ensureCustomers,
    simulateVisitor,
    runWave,
    startTrickle,
    stop,
    sendEvents,
    stats,
    get customers() {
      return customers
    },
  }
}

function formatSummary(s) {
  return (
    `${s.visitors} visitors, ${s.events} events (${s.recorded} recorded, ${s.duplicates} duplicates, ${s.dropped} dropped` +
    `${s.rejected ? `, ${s.rejected} rejected` : ""}), ${s.logins} logins, ${s.carts} carts, ${s.orders} orders` +
    `${s.returns ? ` (${s.returns} from carts left earlier)` : ""}` +
    `${s.appointments ? `, ${s.appointments} appointments` : ""}` +
    `${s.mailOpened ? `, ${s.mailOpened} emails opened (${s.mailClicked} clicked through)` : ""}` +
    `${s.errors ? `, ${s.errors} errors` : ""} in ${s.seconds.toFixed(1)} s`
  )
}

module.exports = { createSimulation, formatSummary, HttpError }
