/*! medusa-marketing-automation storefront tracker. Plain ES2017, no dependencies. MIT. */
(function (root, factory) {
  var script = typeof document !== "undefined" ? document.currentScript : null
  var api = factory()
  if (typeof module === "object" && module && module.exports) module.exports = api
  else if (root) {
    var stub = root.MarketingTracker
    if (stub && typeof stub.init === "function") return // loaded twice: keep the first copy
    root.MarketingTracker = api
    api._boot(stub, script)
  }
})(typeof window !== "undefined" ? window : null, function () {
  "use strict"

  const TYPES = ["product_viewed", "category_viewed", "page_viewed", "search_performed",
    "product_added_to_cart", "checkout_started", "identify", "appointment_booked", "page_engaged"]
  const CUSTOM = /^custom:[a-z0-9][a-z0-9_.-]{0,63}$/
  const PROFILE = ["email", "first_name", "last_name", "phone", "country_code", "city", "birth_date",
    "gender", "occupation", "company", "industry", "job_title", "email_marketing_consent", "consent_source"]
  const DEFAULTS = { backendUrl: "", publishableKey: "", consent: "unknown", requireConsent: false,
    flushIntervalMs: 5000, maxBatchSize: 20, cookieName: "_mma_aid", cookieDomain: undefined,
    cookieDays: 365, credentials: "include", autoPageViews: true, consentCookieName: "_mma_consent",
    dedupeWindowMs: 1000, queryChangePageViews: false, engagedTime: true, now: Date.now }
  const MAX_QUEUE = 500, MAX_HELD = 100, MAX_PROPS = 8192, SESSION_MS = 30 * 60 * 1000, MAX_BODY = 60000, IDLE_MS = 30000
  const METHODS = ["track", "page", "productViewed", "identify", "setConsent", "flush", "reset", "shutdown"]

  const warn = (...a) => { try { console.warn("[MarketingTracker]", ...a) } catch (e) { /* no console */ } }
  const bytes = (s) => (typeof TextEncoder !== "undefined" ? new TextEncoder().encode(s).length : s.length * 3)

  function uuid() {
    const c = typeof crypto !== "undefined" ? crypto : null
    if (c && typeof c.randomUUID === "function") return c.randomUUID()
    const b = new Uint8Array(16)
    if (c && c.getRandomValues) c.getRandomValues(b)
    else for (let i = 0; i < 16; i++) b[i] = (Math.random() * 256) | 0
    b[6] = (b[6] & 15) | 64
    b[8] = (b[8] & 63) | 128
    let h = ""
    for (let i = 0; i < 16; i++) h += (b[i] + 256).toString(16).slice(1)
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20)
  }

  // Secrets and personal data some pages carry in the query string (password reset links, magic links).
  const SECRET = /token|password|secret|email|auth/i
  function cleanUrl(u) {
    try {
      const url = new URL(u)
      const keys = Array.from(url.searchParams.keys()).filter((k) => SECRET.test(k))
      keys.forEach((k) => url.searchParams.set(k, "redacted"))
      return keys.length ? url.href : u
    } catch (e) { return u }
  }

  // History is patched once per page and shared by every instance (SPA navigation).
  const navListeners = []
  let historyPatched = false
  function onNavigate(fn) {
    navListeners.push(fn)
    if (historyPatched) return
    historyPatched = true
    const notify = () => navListeners.slice().forEach((l) => { try { l() } catch (e) { warn(e) } })
    ;["pushState", "replaceState"].forEach((m) => {
      const orig = history[m]
      history[m] = function () { const r = orig.apply(this, arguments); notify(); return r }
    })
    window.addEventListener("popstate", notify)
  }

  const noop = () => false
  const NOOP = { track: noop, page: noop, productViewed: noop, identify: noop, setConsent: noop,
    flush: () => Promise.resolve(), reset: noop, shutdown: () => Promise.resolve(),
    anonymousId: () => null, sessionId: () => null, consent: () => "unknown", pending: () => 0 }

  function create(options) {
    if (typeof window === "undefined" || typeof document === "undefined") return Object.assign({}, NOOP)
    const o = Object.assign({}, DEFAULTS, options || {})
    if (!o.backendUrl || !o.publishableKey) warn("backendUrl and publishableKey are required")
    const base = String(o.backendUrl).replace(/\/+$/, "")
    const batchSize = Math.max(1, Math.min(100, Number(o.maxBatchSize) || 20))
    const prefix = "_mma:" + o.cookieName + ":"
    let ss = null
    try { ss = window.sessionStorage } catch (e) { /* blocked */ }
    const sget = (k) => { try { return JSON.parse(ss.getItem(prefix + k)) } catch (e) { return null } }
    const sset = (k, v) => { try { v == null ? ss.removeItem(prefix + k) : ss.setItem(prefix + k, JSON.stringify(v)) } catch (e) { /* quota */ } }

    // Cookies: the anonymous id, and the consent choice (both first-party, readable by the storefront's server).
    const cookieValue = (name) => {
      const hit = document.cookie.split("; ").find((c) => c.indexOf(name + "=") === 0)
      try { return hit ? decodeURIComponent(hit.slice(name.length + 1)) : null } catch (e) { return null }
    }
    const readCookie = () => {
      const v = cookieValue(o.cookieName)
      return v && /^[A-Za-z0-9-]{8,64}$/.test(v) ? v : null
    }
    const maxAge = () => Math.round(Number(o.cookieDays) * 86400) || 31536000
    const setCookie = (value, age, name) => {
      let c = (name || o.cookieName) + "=" + encodeURIComponent(value) + "; Max-Age=" + age + "; Path=/; SameSite=Lax"
      if (o.cookieDomain) c += "; Domain=" + o.cookieDomain
      if (location.protocol === "https:") c += "; Secure"
      document.cookie = c
    }
    const CHOICES = ["granted", "denied"]
    const storedConsent = () => {
      const v = o.consentCookieName ? cookieValue(o.consentCookieName) : null
      return CHOICES.indexOf(v) >= 0 ? v : null
    }
    const saveConsent = (state) => {
      if (!o.consentCookieName) return
      if (CHOICES.indexOf(state) >= 0) setCookie(state, maxAge(), o.consentCookieName)
      else if (storedConsent()) setCookie("", 0, o.consentCookieName)
    }

    // An explicit `consent` option wins; otherwise the choice remembered in the consent cookie.
    let consent = CHOICES.indexOf(o.consent) >= 0 ? o.consent : storedConsent() || "unknown"
    const allowed = () => consent === "granted" || (consent === "unknown" && !o.requireConsent)
    // requireConsent and no answer yet: events wait in memory (never sent or stored) until the choice.
    const pendingChoice = () => consent === "unknown" && !!o.requireConsent
    let held = []

    const persist = () => {
      setCookie(anon, maxAge())
      sset("sid", session)
      sset("utm", utm)
    }
    const forget = () => { if (readCookie()) setCookie("", 0); sset("sid", null); sset("utm", null) }

    let anon = readCookie() || uuid()
    let session = sget("sid")
    const q = new URLSearchParams(location.search)
    const landing = {}
    ;["source", "medium", "campaign"].forEach((k) => { const v = q.get("utm_" + k); if (v) landing[k] = v.slice(0, 200) })
    let utm = Object.keys(landing).length ? landing : sget("utm")
    let current = location.href, referrer = document.referrer || undefined
    let queue = (sget("q") || []).filter((e) => e && typeof e.type === "string" && e.idempotency_key)
    let sending = null, retryTimer = null, failures = 0, retryAt = 0, retryAfterMs = 0, stopped = false
    const warned = {}
    const recent = {} // dedupe: type + properties -> last time tracked
    const warnOnce = (k, ...a) => { if (!warned[k]) { warned[k] = true; warn(...a) } }

    // Engaged time: listeners only note when the shopper was last active; a stretch of activity ends at
    // the tab's hiding or 30 s after the last activity, computed from the gaps (no timer wakes the page).
    const clock = () => Number(o.now()) || Date.now()
    const visible = () => document.visibilityState !== "hidden"
    let engaged = 0, since = visible() ? clock() : null, lastActive = since || 0
    let pageInfo = { path: location.pathname, page_type: "page" }
    const stretchEnd = (t) => Math.min(t, lastActive + IDLE_MS)
    function active() {
      const t = clock()
      if (!visible()) return
      if (since == null || t - lastActive > IDLE_MS) {
        if (since != null) engaged += stretchEnd(t) - since
        since = t
      }
      lastActive = t
    }
    function pause() {
      if (since != null) engaged += Math.max(0, stretchEnd(clock()) - since)
      since = null
    }
    // The engaged time since the last report, as a page_engaged event for the page it was spent on.
    function report() {
      if (!o.engagedTime) return
      const t = clock()
      const idle = since != null && t - lastActive > IDLE_MS
      const ms = Math.round(engaged + (since != null ? Math.max(0, stretchEnd(t) - since) : 0))
      if (ms < 1000) return
      engaged = 0
      since = since == null || idle ? null : t
      track("page_engaged", Object.assign({ engaged_ms: ms }, pageInfo))
    }

    if (consent === "denied") forget()
    else if (allowed()) persist()

    function sessionId() {
      const now = Date.now()
      if (!session || typeof session.id !== "string" || now - session.last > SESSION_MS) session = { id: uuid(), last: now }
      session.last = now
      if (allowed()) sset("sid", session)
      return session.id
    }

    function context(full) {
      const c = { page_url: cleanUrl(location.href), locale: navigator.language }
      try { c.timezone = Intl.DateTimeFormat().resolvedOptions().timeZone } catch (e) { /* old browser */ }
      if (full || allowed()) {
        if (referrer) c.referrer = cleanUrl(referrer)
        c.user_agent = navigator.userAgent
        if (utm) c.utm = utm
      }
      return c
    }

    const save = () => sset("q", queue.length ? queue : null)
    const remove = (batch) => { queue = queue.filter((e) => batch.indexOf(e) < 0); save() }

    function track(type, properties) {
      if (stopped) return false
      type = String(type)
      if (TYPES.indexOf(type) < 0 && !CUSTOM.test(type)) { warn("unknown event type, dropped:", type); return false }
      const hold = type !== "identify" && pendingChoice()
      if (type !== "identify" && !allowed() && !hold) return false
      const json = JSON.stringify(properties && typeof properties === "object" ? properties : {})
      if (bytes(json) > MAX_PROPS) { warn("properties over 8 KB, event dropped:", type); return false }
      if (duplicate(type + " " + json)) return false
      if (type !== "page_engaged") {
        report()
        const p = properties || {}, str = (v) => (typeof v === "string" && v ? v.slice(0, 256) : undefined)
        if (type === "product_viewed") pageInfo = { path: location.pathname, page_type: "product", product_id: str(p.product_id), category: str(p.category) }
        if (type === "category_viewed") pageInfo = { path: location.pathname, page_type: "category", category: str(p.name) || str(p.handle) }
      }
      const ev = { type, anonymous_id: anon, properties: JSON.parse(json), occurred_at: new Date().toISOString(),
        session_id: sessionId(), idempotency_key: uuid(), context: context(hold) }
      if (hold) {
        held.push(ev)
        if (held.length > MAX_HELD) held.shift()
        return false
      }
      // "unknown" without requireConsent: no consent was expressed, so none is claimed.
      if (consent !== "unknown" || o.requireConsent) ev.consent = { analytics: allowed() }
      enqueue(ev)
      if (type === "identify" || (queue.length >= batchSize && Date.now() >= retryAt)) flush()
      return true
    }

    // The same event (type and properties) again within dedupeWindowMs: a double effect or a double click.
    function duplicate(key) {
      const win = Number(o.dedupeWindowMs) || 0
      if (win <= 0) return false
      const now = Date.now()
      Object.keys(recent).forEach((k) => { if (now - recent[k] >= win) delete recent[k] })
      if (recent[key] !== undefined) return true
      recent[key] = now
      return false
    }

    function enqueue(ev) {
      queue.push(ev)
      if (queue.length > MAX_QUEUE) {
        queue.splice(0, queue.length - MAX_QUEUE)
        warnOnce("cap", "queue over " + MAX_QUEUE + " events, oldest dropped")
      }
      save()
    }

    // The shopper answered: events held while waiting are sent (granted) or forgotten (denied).
    function releaseHeld() {
      const list = held
      held = []
      if (consent !== "granted") return
      list.forEach((ev) => { ev.anonymous_id = anon; ev.consent = { analytics: true }; enqueue(ev) })
      if (list.length) flush()
    }

    // Batches of at most `max` events and ~60 KB: under sendBeacon/keepalive quotas and express's 100 KB body limit.
    function split(list, max) {
      const out = []
      let cur = [], size = 20
      list.forEach((e) => {
        const n = bytes(JSON.stringify(e)) + 1
        if (cur.length && (cur.length >= max || size + n > MAX_BODY)) { out.push(cur); cur = []; size = 20 }
        cur.push(e)
        size += n
      })
      if (cur.length) out.push(cur)
      return out
    }

    async function post(batch) {
      if (navigator.onLine === false) return "retry"
      let res
      try {
        res = await fetch(base + "/store/marketing/events", { method: "POST", credentials: o.credentials,
          headers: { "content-type": "application/json", "x-publishable-api-key": o.publishableKey },
          body: JSON.stringify({ events: batch }) })
      } catch (e) { return "retry" }
      if (res.ok) return "ok"
      if (res.status >= 500 || res.status === 408 || res.status === 429) {
        // Rate limited (429) or the database away (503): the server says how long to wait.
        const after = Number(res.headers.get("retry-after"))
        retryAfterMs = after > 0 ? Math.min(after, 3600) * 1000 : 0
        return "retry"
      }
      const text = await res.text().catch(() => "")
      warnOnce("4xx", "events rejected (HTTP " + res.status + "), batch dropped:", text.slice(0, 300))
      return "drop"
    }

    async function drain() {
      while (queue.length) {
        const batch = split(queue.slice(0, batchSize), batchSize)[0]
        const r = await post(batch)
        if (r === "retry") {
          failures++
          const delay = Math.max(retryAfterMs, Math.min(60000, 1000 * Math.pow(2, failures - 1)) * (0.8 + Math.random() * 0.4))
          retryAfterMs = 0
          retryAt = Date.now() + delay
          clearTimeout(retryTimer)
          retryTimer = setTimeout(flush, delay)
          return
        }
        failures = 0
        retryAt = 0
        remove(batch)
      }
    }

    function flush() {
      if (!sending) sending = drain().catch(warn).then(() => { sending = null })
      return sending
    }

    // Page hide: hand everything (in-flight included; the server dedupes on idempotency_key) to sendBeacon.
    function flushOnHide() {
      if (!queue.length) return
      const url = base + "/marketing/events/beacon?publishable_key=" + encodeURIComponent(o.publishableKey)
      split(queue, 100).forEach((batch) => {
        const body = JSON.stringify({ events: batch })
        let ok = false
        try { ok = !!(navigator.sendBeacon && navigator.sendBeacon(url, body)) } catch (e) { /* fall back */ }
        if (ok) return remove(batch)
        // Kept in the mirrored queue until the request resolves: if the page dies first, the next page resends.
        try {
          fetch(url, { method: "POST", body, keepalive: true, mode: "no-cors", credentials: o.credentials,
            headers: { "content-type": "text/plain;charset=UTF-8" } }).then(() => remove(batch), () => {})
        } catch (e) { /* next page will resend */ }
      })
    }

    function page(properties) {
      return track("page_viewed", Object.assign({ path: location.pathname, title: document.title, url: cleanUrl(location.href) }, properties))
    }

    const stripHash = (u) => u.split("#")[0]
    const pathOf = (u) => { try { const x = new URL(u); return x.origin + x.pathname } catch (e) { return stripHash(u).split("?")[0] } }
    const onNav = () => setTimeout(() => {
      if (stopped || stripHash(location.href) === stripHash(current)) return
      // A query-only change (a variant picker writing ?v_id=, a filter) is the same page unless configured.
      const sameDocument = !o.queryChangePageViews && pathOf(location.href) === pathOf(current)
      if (!sameDocument) { referrer = current; report(); pageInfo = { path: location.pathname, page_type: "page" } }
      current = location.href
      if (!sameDocument) page()
    }, 0)
    const onVisibility = () => { if (visible()) return active(); pause(); report(); flushOnHide() }
    const onPageHide = () => { pause(); report(); flushOnHide() }
    const onOnline = () => { if (queue.length) flush() }
    const safe = (fn) => function () { try { return fn.apply(null, arguments) } catch (e) { warn(e) } }
    const listeners = [[document, "visibilitychange", safe(onVisibility)], [window, "pagehide", safe(onPageHide)],
      [window, "online", safe(onOnline)]]
    if (o.engagedTime) ["pointerdown", "pointermove", "keydown", "scroll", "touchstart"].forEach((n) => listeners.push([window, n, active]))
    listeners.forEach(([t, n, f]) => t.addEventListener(n, f, { capture: true, passive: true }))
    const timer = setInterval(safe(() => { if (queue.length && Date.now() >= retryAt) flush() }), Math.max(200, Number(o.flushIntervalMs) || 5000))
    if (o.autoPageViews) { onNavigate(onNav); page() }
    if (queue.length) flush()

    const api = {
      track,
      page,
      productViewed(p) {
        if (!p || !p.product_id) warn("productViewed needs a product_id")
        return track("product_viewed", p)
      },
      identify(profile) {
        const p = {}
        PROFILE.forEach((k) => {
          let v = profile ? profile[k] : null
          if (v == null || v === "") return
          if (k === "email_marketing_consent") p[k] = v === true || v === "true"
          else p[k] = (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim()).slice(0, 320)
        })
        if (!Object.keys(p).length) { warn("identify needs at least one profile field"); return false }
        return track("identify", p)
      },
      setConsent(state) {
        if (["granted", "denied", "unknown"].indexOf(state) < 0) return warn("setConsent expects granted or denied")
        consent = state
        saveConsent(state)
        if (state === "denied") forget()
        else if (allowed()) persist()
        if (!pendingChoice()) releaseHeld()
      },
      flush,
      reset() {
        anon = uuid()
        session = null
        held = []
        Object.keys(recent).forEach((k) => delete recent[k])
        if (allowed()) persist()
      },
      shutdown() {
        const done = flush()
        stopped = true
        clearInterval(timer)
        clearTimeout(retryTimer)
        listeners.forEach(([t, n, f]) => t.removeEventListener(n, f, { capture: true }))
        const i = navListeners.indexOf(onNav)
        if (i >= 0) navListeners.splice(i, 1)
        if (main === wrapped) main = null
        return done
      },
      anonymousId: () => anon,
      sessionId: () => (session ? session.id : null),
      consent: () => consent,
      pending: () => queue.length,
    }
    const wrapped = {}
    Object.keys(api).forEach((k) => {
      wrapped[k] = function () {
        try { return api[k].apply(null, arguments) } catch (e) {
          warn(e)
          return k === "flush" || k === "shutdown" ? Promise.resolve() : undefined
        }
      }
    })
    return wrapped
  }

  // Static API: a default instance, plus calls buffered until init().
  let main = null
  const early = []
  const MarketingTracker = {
    version: "0.1.0",
    create(opts) {
      try { return create(opts) } catch (e) { warn(e); return Object.assign({}, NOOP) }
    },
    init(opts) {
      if (main) { warn("already initialised"); return main }
      main = MarketingTracker.create(opts)
      early.splice(0).forEach(([m, a]) => main[m].apply(null, a))
      return main
    },
    instance: () => main,
    anonymousId: () => (main ? main.anonymousId() : null),
    // Command-queue form: MarketingTracker.push(["productViewed", { product_id }])
    push(cmd) {
      if (!Array.isArray(cmd) || typeof MarketingTracker[cmd[0]] !== "function") return warn("bad command", cmd)
      return MarketingTracker[cmd[0]].apply(null, cmd.slice(1))
    },
    _boot(stub, script) {
      try {
        if (Array.isArray(stub)) stub.forEach(MarketingTracker.push)
        const d = script && script.dataset
        if (!main && d && d.backendUrl && d.publishableKey) {
          const opts = { backendUrl: d.backendUrl, publishableKey: d.publishableKey,
            consent: d.consent || "unknown", requireConsent: d.requireConsent === "true" }
          if (d.consentCookieName) opts.consentCookieName = d.consentCookieName
          if (d.cookieName) opts.cookieName = d.cookieName
          if (d.cookieDomain) opts.cookieDomain = d.cookieDomain
          if (d.dedupeWindowMs) opts.dedupeWindowMs = Number(d.dedupeWindowMs)
          if (d.queryChangePageViews) opts.queryChangePageViews = d.queryChangePageViews === "true"
          MarketingTracker.init(opts)
        }
      } catch (e) { warn(e) }
    },
  }
  METHODS.forEach((m) => {
    MarketingTracker[m] = function () {
      if (main) return main[m].apply(null, arguments)
      if (early.length < 100) early.push([m, [].slice.call(arguments)])
      return m === "flush" || m === "shutdown" ? Promise.resolve() : undefined
    }
  })
  return MarketingTracker
})
