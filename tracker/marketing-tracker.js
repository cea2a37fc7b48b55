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
    dedupeWindowMs: 1000, queryChangePageViews: false, engagedTime: true, now: Date.now, forms: true }
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

  // ---- Signup forms and pop-ups (option `forms`). Pure decisions first, then the renderer, then the runtime.
  const FORMS_KEY = "_mma_forms", DAY_MS = 86400000

  // A URL path pattern: `*` matches anything (slashes included); a trailing slash never matters.
  function matchPath(pattern, path) {
    const norm = (s) => (String(s || "/").split(/[?#]/)[0].replace(/\/+$/, "") || "/")
    const p = norm(pattern), re = "^" + p.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*") + "$"
    return new RegExp(re).test(norm(path))
  }
  // Excluded pages win; no included page means every page.
  function pageAllowed(t, path) {
    t = t || {}
    if ((t.exclude_pages || []).some((p) => matchPath(p, path))) return false
    const inc = t.include_pages || []
    return !inc.length || inc.some((p) => matchPath(p, path))
  }
  function deviceOf(width, ua, touch) {
    ua = String(ua || "")
    if (/iPad|Tablet/i.test(ua) || (/Android/i.test(ua) && !/Mobile/i.test(ua))) return "tablet"
    if (/Mobi|iPhone|iPod/i.test(ua) || width < 768) return "mobile"
    return width < 1024 && touch ? "tablet" : "desktop"
  }
  // Why a form must not show on this page (null: it may). ctx: { path, device, returning, pages, now, entry }
  function blockedBy(form, ctx) {
    const t = form.targeting || {}, tr = form.triggers || {}, e = ctx.entry || {}
    // An embedded form sits where the store put it: no page patterns, triggers or frequency.
    const embedded = form.kind === "embedded"
    if (e.submitted && !embedded) return "submitted"
    const days = Number((form.frequency || {}).days_after_close) || 0
    if (e.closed_at && !embedded && ctx.now - e.closed_at < days * DAY_MS) return "closed"
    if (!embedded && !pageAllowed(t, ctx.path)) return "page"
    if ((t.devices || []).length && t.devices.indexOf(ctx.device) < 0) return "device"
    if (t.visitors === "new" && ctx.returning) return "visitors"
    if (t.visitors === "returning" && !ctx.returning) return "visitors"
    if (embedded) return null
    if (tr.page_count && ctx.pages < tr.page_count) return "page_count"
    if (!armed(tr, ctx.device)) return "exit_intent"
    return null
  }
  // The contact's country when known, else the browser language's region; a form limited to countries
  // never shows when neither is known.
  function countryAllowed(t, country) {
    const list = ((t || {}).countries || []).map((c) => String(c).toLowerCase())
    return !list.length || (!!country && list.indexOf(String(country).toLowerCase()) >= 0)
  }
  // The triggers to wait for (all of them: AND). Exit intent exists only on desktop: elsewhere it is left out,
  // and a form whose only trigger it is cannot show (null).
  function armed(tr, device) {
    tr = tr || {}
    const out = {}
    if (tr.delay_seconds > 0) out.delay_seconds = Number(tr.delay_seconds)
    if (tr.scroll_percent > 0) out.scroll_percent = Math.min(100, Number(tr.scroll_percent))
    if (tr.exit_intent) {
      if (device === "desktop") out.exit_intent = true
      else if (!Object.keys(out).length) return null
    }
    return out
  }
  function scrolledPercent(scrollY, viewport, height) {
    return height <= viewport ? 100 : Math.min(100, ((scrollY + viewport) / height) * 100)
  }
  // A variant by weight; `r` in [0, 1). Weights that do not add up are scaled; none positive: the first.
  function chooseVariant(variants, r) {
    const list = variants || []
    const total = list.reduce((s, v) => s + Math.max(0, Number(v.weight) || 0), 0)
    if (!list.length) return null
    if (total <= 0) return list[0].id
    let x = r * total
    for (let i = 0; i < list.length; i++) {
      x -= Math.max(0, Number(list[i].weight) || 0)
      if (x < 0) return list[i].id
    }
    return list[list.length - 1].id
  }
  // Visitor memory: a new session after 30 minutes without a page; returning = seen in an earlier session.
  function visit(v, now) {
    v = v && typeof v === "object" ? v : {}
    const fresh = !v.last || now - v.last > SESSION_MS
    return { sessions: (v.sessions || 0) + (fresh ? 1 : 0), pages: fresh ? 1 : (v.pages || 0) + 1, last: now }
  }
  // What the submission says about consent: a checkbox per topic, one checkbox for the text alone, or none
  // (a form without consent text: submitting is the signup).
  function consentOf(consent, ticked) {
    const c = consent || {}, topics = c.topics || []
    if (topics.length) return { given: ticked.length > 0, topics: ticked.slice() }
    if (c.text) return { given: ticked.indexOf("_") >= 0, topics: [] }
    return { given: true, topics: [] }
  }
  // A 400 `{ field, message }` as messages by field: "Invalid request: values.email: must be …; consent.given: …"
  // gives one message per field named, without the path, starting with a capital.
  function errorsOf(field, message) {
    const out = {}, cap = (m) => m.charAt(0).toUpperCase() + m.slice(1)
    String(message || "").replace(/^Invalid request: /, "").split("; ").forEach((part) => {
      const m = /^([\w.[\]]+): (.+)$/.exec(part)
      if (m && !out[m[1]]) out[m[1]] = cap(m[2])
    })
    if (!Object.keys(out).length) out[field || "_"] = cap(String(message || "Something went wrong. Please try again."))
    return out
  }
  const FIELD_TYPES = { email: ["email", "email"], phone: ["tel", "tel"], birth_date: ["date", "bday"],
    first_name: ["text", "given-name"], country_code: ["text", "country"] }

  const CSS = ":host{all:initial!important;display:block!important;visibility:visible!important;opacity:1!important}" +
    ":host([data-embedded]){width:100%!important;height:100%!important}" +
    "*{box-sizing:border-box;margin:0;padding:0;font:inherit;color:inherit;letter-spacing:normal;text-transform:none;text-align:left;text-shadow:none}" +
    ".root{font-family:var(--font);font-size:15px;line-height:1.45;color:var(--fg);-webkit-font-smoothing:antialiased}" +
    ".box{position:relative;background:var(--bg);border-radius:var(--radius);padding:24px;box-shadow:0 10px 40px rgba(0,0,0,.25);width:100%;max-height:calc(100vh - 32px);overflow:auto}" +
    ".overlay{position:fixed;inset:0;z-index:2147483000;display:flex;align-items:center;justify-content:center;padding:16px;background:rgba(0,0,0,.5)}" +
    ".overlay .box{max-width:420px}" +
    ".flyout{position:fixed;bottom:16px;z-index:2147483000;width:360px;max-width:calc(100% - 32px)}.flyout.bottom_left{left:16px}.flyout.bottom_right{right:16px}" +
    ".banner{position:fixed;left:0;right:0;z-index:2147483000}.banner.top{top:0}.banner.bottom{bottom:0}" +
    ".banner .box{border-radius:0;padding:12px 48px 12px 16px;display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center}" +
    ".banner form{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:flex-end}.banner .field,.banner .consent{margin:0}.banner .field{min-width:200px}" +
    ".embedded,.embedded .box{height:100%}.embedded .box{box-shadow:none}" +
    "h2{font-size:22px;font-weight:700;line-height:1.25;margin:0 24px 8px 0}.banner h2{font-size:17px;margin:0}" +
    ".text{margin-bottom:16px}.banner .text{margin:0}" +
    ".field{display:flex;flex-direction:column;gap:4px;margin-bottom:12px}" +
    "label{font-size:13px;font-weight:600}" +
    "input[type=text],input[type=email],input[type=tel],input[type=date]{display:block;width:100%;height:40px;padding:0 12px;font-size:15px;color:#111;background:#fff;border:1px solid #c4c4c4;border-radius:6px;outline:none}" +
    "input[aria-invalid=true]{border-color:#c0392b}" +
    "input:focus-visible,button:focus-visible{outline:2px solid var(--accent);outline-offset:2px}" +
    ".check{display:flex;gap:8px;align-items:flex-start;font-size:13px;margin-bottom:8px}.check input{width:16px;height:16px;margin-top:2px;accent-color:var(--accent);flex:none}" +
    ".check label{font-weight:400}.consent{border:0;margin:0 0 12px}.consent legend{font-size:13px;margin-bottom:6px}" +
    ".error{color:#c0392b;font-size:13px}.error:empty{display:none}" +
    "button.submit{display:block;width:100%;height:42px;padding:0 16px;border:0;border-radius:6px;background:var(--accent);color:#fff;font-size:15px;font-weight:600;cursor:pointer}" +
    ".banner button.submit{width:auto}button.submit[disabled]{opacity:.6;cursor:default}" +
    ".close{position:absolute;top:8px;right:8px;width:32px;height:32px;border:0;border-radius:16px;background:transparent;font-size:22px;line-height:32px;text-align:center;cursor:pointer}" +
    ".status{margin-top:8px;font-size:13px}.status:empty{display:none}" +
    ".done{font-size:16px}.code{display:inline-block;margin-top:8px;padding:4px 10px;border:1px dashed var(--accent);border-radius:4px;font-family:ui-monospace,monospace;font-size:16px}"
  const SAFE_FONT = /^[\w\s,"'-]{1,200}$/
  const SYSTEM_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
  // "inherit": the store's own font, read once from the page's body (later page CSS cannot reach the form).
  function fontOf(family) {
    let f = String(family || "").trim()
    if (f === "inherit") try { f = getComputedStyle(document.body).fontFamily } catch (e) { f = "" }
    return f && SAFE_FONT.test(f) ? f : SYSTEM_FONT
  }
  let formSeq = 0
  const emit = (name, detail) => { try { window.dispatchEvent(new CustomEvent(name, { detail })) } catch (e) { /* old browser */ } }

  function h(tag, attrs, kids) {
    const el = document.createElement(tag)
    Object.keys(attrs || {}).forEach((k) => {
      const v = attrs[k]
      if (v == null || v === false) return
      if (k === "text") el.textContent = v
      else if (k.slice(0, 2) === "on") el.addEventListener(k.slice(2), v)
      else el.setAttribute(k, v === true ? "" : v)
    })
    ;(kids || []).forEach((c) => c && el.appendChild(c))
    return el
  }
  const FOCUSABLE = "button,input,select,textarea,a[href],[tabindex]:not([tabindex='-1'])"

  /**
   * Renders one form (the public shape of GET /store/marketing/forms) in a closed shadow root on `host`.
   * opts: { variant, onSubmit(body) -> Promise<{ ok, data } | { field, message }>, onClose(how), preview }
   * Returns { close(), host }.
   */
  function renderForm(host, form, opts) {
    opts = opts || {}
    const variant = (form.variants || []).filter((v) => v.id === opts.variant)[0] || (form.variants || [])[0] || {}
    const content = variant.content || {}, brand = variant.branding || {}
    const kind = form.kind || "popup", modal = kind === "popup", n = ++formSeq, id = (s) => "mma" + n + "-" + s
    if (kind === "embedded") host.setAttribute("data-embedded", "")
    const shadow = host.attachShadow ? host.attachShadow({ mode: "open" }) : host
    const root = h("div", { class: "root " + kind + " " + (form.position || ""), "data-form": form.id })
    const radius = Number(brand.border_radius)
    const vars = { "--bg": brand.background || "#ffffff", "--fg": brand.text_color || "#111111",
      "--accent": brand.accent_color || "#111111", "--radius": (radius >= 0 ? radius : 8) + "px",
      "--font": fontOf(brand.font_family) }
    Object.keys(vars).forEach((k) => root.style.setProperty(k, vars[k]))
    const previous = document.activeElement
    const inputs = {}, errors = {}
    const status = h("p", { class: "status", role: "status", "aria-live": "polite" })
    const fieldsEls = (form.fields || []).map((f) => {
      const [type, auto] = FIELD_TYPES[f.name] || ["text", "off"]
      const err = h("p", { class: "error", id: id("e-" + f.name) })
      const input = h("input", { id: id("f-" + f.name), name: f.name, type, autocomplete: auto,
        placeholder: f.placeholder || null, required: !!f.required, "aria-required": f.required ? "true" : null,
        "aria-describedby": id("e-" + f.name) })
      inputs[f.name] = input
      errors["values." + f.name] = err
      return h("div", { class: "field" }, [h("label", { for: id("f-" + f.name), text: (f.label || f.name) + (f.required ? " *" : "") }), input, err])
    })
    const consent = form.consent || {}, topics = consent.topics || [], boxes = []
    const consentErr = h("p", { class: "error", id: id("e-consent") })
    errors["consent.given"] = consentErr
    const box = (value, label) => {
      const input = h("input", { type: "checkbox", id: id("c-" + boxes.length), value, "aria-describedby": id("e-consent") })
      boxes.push(input)
      return h("div", { class: "check" }, [input, h("label", { for: input.id, text: label })])
    }
    let consentEl = null
    if (topics.length) {
      consentEl = h("fieldset", { class: "consent" }, [h("legend", { text: consent.text || "" })]
        .concat(topics.map((t) => box(t.id, t.label || t.id))).concat([consentErr]))
    } else if (consent.text) consentEl = h("div", { class: "consent" }, [box("_", consent.text), consentErr])
    const submit = h("button", { type: "submit", class: "submit", text: content.button || "Subscribe" })
    const formEl = h("form", { novalidate: true, "aria-labelledby": id("t"), onsubmit: onSubmit },
      fieldsEls.concat([consentEl, submit, status]))
    const title = h("h2", { id: id("t"), text: content.title || "" })
    const text = content.text ? h("p", { class: "text", id: id("d"), text: content.text }) : null
    const closeBtn = kind === "embedded" ? null : h("button", { type: "button", class: "close", "aria-label": "Close", text: "\u00d7", onclick: () => close("closed") })
    const dialog = h("div", { class: "box", role: kind === "embedded" ? "region" : "dialog", "aria-modal": modal ? "true" : null,
      "aria-labelledby": id("t"), "aria-describedby": text ? id("d") : null }, [closeBtn, h("div", {}, [title, text]), formEl])
    root.appendChild(kind === "popup" ? h("div", { class: "overlay" }, [dialog]) : dialog)
    const style = h("style", { text: CSS })
    shadow.appendChild(style)
    shadow.appendChild(root)
    let closed = false

    function focusables() { return Array.prototype.filter.call(dialog.querySelectorAll(FOCUSABLE), (e) => !e.disabled && e.offsetParent !== null) }
    function onKey(e) {
      if (e.key === "Escape" && kind !== "embedded") { e.stopPropagation(); close("closed"); return }
      if (e.key !== "Tab" || !modal) return
      const list = focusables(), first = list[0], last = list[list.length - 1]
      const active = shadow.activeElement
      if (e.shiftKey && (active === first || !dialog.contains(active))) { e.preventDefault(); last.focus() }
      else if (!e.shiftKey && (active === last || !dialog.contains(active))) { e.preventDefault(); first.focus() }
    }
    root.addEventListener("keydown", onKey)
    function close(how) {
      if (closed) return
      closed = true
      root.removeEventListener("keydown", onKey)
      if (host.parentNode && kind !== "embedded") host.parentNode.removeChild(host)
      if (modal && previous && previous.focus) try { previous.focus() } catch (e) { /* gone */ }
      if (opts.onClose) opts.onClose(how)
    }
    function showErrors(map) {
      Object.keys(errors).forEach((k) => { errors[k].textContent = "" })
      Object.keys(inputs).forEach((k) => inputs[k].removeAttribute("aria-invalid"))
      boxes.forEach((b) => b.removeAttribute("aria-invalid"))
      let firstBad = null
      Object.keys(map).forEach((k) => {
        const slot = errors[k] || status
        slot.textContent = map[k]
        const input = k === "consent.given" ? boxes[0] : inputs[k.replace(/^values\./, "")]
        if (input) { input.setAttribute("aria-invalid", "true"); firstBad = firstBad || input }
      })
      if (firstBad) firstBad.focus()
    }
    function success(data) {
      data = data || {}
      if (data.redirect_url && !opts.preview) { location.assign(data.redirect_url); return }
      const msg = h("p", { class: "done", tabindex: "-1", role: "status", text: data.success_message || content.success_message || "Thank you!" })
      const inc = data.incentive && data.incentive.code ? h("p", {}, [h("span", { class: "code", text: data.incentive.code })]) : null
      formEl.replaceWith(h("div", {}, [msg, inc]))
      msg.focus()
    }
    async function onSubmit(e) {
      e.preventDefault()
      const values = {}, missing = {}
      ;(form.fields || []).forEach((f) => {
        const v = inputs[f.name].value.trim()
        if (v) values[f.name] = v
        else if (f.required) missing["values." + f.name] = "This field is required."
      })
      showErrors(missing)
      if (Object.keys(missing).length) return
      const c = consentOf(consent, boxes.filter((b) => b.checked).map((b) => b.value))
      if (opts.preview || !opts.onSubmit) return success({})
      submit.disabled = true
      status.textContent = ""
      let r
      try { r = await opts.onSubmit({ values, consent: c }) } catch (err) { r = { message: "Something went wrong. Please try again." } }
      submit.disabled = false
      if (r && r.ok) return success(r.data)
      showErrors(errorsOf(r && r.field, r && r.message))
    }
    if (modal && !opts.noFocus) {
      const f = focusables()
      ;(f.filter((x) => x.tagName === "INPUT")[0] || f[0] || dialog).focus()
    }
    return { close, host, root: shadow }
  }

  // The forms of this page: load, filter, ask the server who must not see them, arm triggers, render.
  // `fresh`: the visitor's id was made on this page, so the server knows nothing of them yet.
  function startForms(o, base, getAnon, isStopped, consented, fresh) {
    const headers = { "x-publishable-api-key": o.publishableKey }
    let store = null
    try { store = window.localStorage } catch (e) { /* blocked */ }
    const load = () => { try { return JSON.parse(store.getItem(FORMS_KEY)) || {} } catch (e) { return {} } }
    // The visit counts (new or returning, pages) are kept only with analytics consent; without it they live in
    // this page's memory. What the shopper did with a form (closed, submitted, the variant seen) is always kept.
    let memoryVisitor = null
    const saveState = (s) => {
      if (!consented()) { memoryVisitor = s.visitor; s = Object.assign({}, s); delete s.visitor }
      try { store.setItem(FORMS_KEY, JSON.stringify(s)) } catch (e) { /* quota */ }
    }
    const loadWithVisitor = () => { const s = load(); if (!consented()) s.visitor = memoryVisitor || s.visitor; return s }
    const update = (formId, patch) => { const s = loadWithVisitor(); s.forms = s.forms || {}; s.forms[formId] = Object.assign({}, s.forms[formId], patch); saveState(s) }
    const now = () => Date.now()
    let state = loadWithVisitor()
    state.visitor = visit(state.visitor, now())
    saveState(state)
    let forms = null, cleanups = [], shown = {}, visibility = null
    const device = deviceOf(window.innerWidth, navigator.userAgent, "ontouchstart" in window)
    const send = (path, body) => fetch(base + path, { method: "POST", credentials: o.credentials, keepalive: true,
      headers: Object.assign({ "content-type": "application/json" }, headers), body: JSON.stringify(body) })
    const view = (f, variant, action) => send("/store/marketing/forms/" + encodeURIComponent(f.id) + "/views",
      { anonymous_id: getAnon(), variant, action }).catch(() => {})
    const variantOf = (f) => {
      const e = (load().forms || {})[f.id] || {}
      if (e.v && (f.variants || []).some((v) => v.id === e.v)) return e.v
      const v = chooseVariant(f.variants, Math.random())
      update(f.id, { v })
      return v
    }
    function submitter(f, variant) {
      return async (body) => {
        const hidden = {}
        const q = new URLSearchParams(location.search)
        ;(f.hidden_fields || []).forEach((k) => {
          const v = k === "page" ? location.pathname : q.get(k) || (k.indexOf("utm_") === 0 ? (utmOf(k) || null) : null)
          if (v) hidden[k] = String(v).slice(0, 200)
        })
        const res = await send("/store/marketing/forms/" + encodeURIComponent(f.id) + "/submissions", Object.assign(
          { anonymous_id: getAnon(), variant, hidden, page_url: cleanUrl(location.href) }, body))
        const data = await res.json().catch(() => ({}))
        if (res.ok) {
          update(f.id, { submitted: true })
          try { sessionStorage.removeItem(VIS_KEY) } catch (e) { /* blocked */ }
          return { ok: true, data }
        }
        if (res.status === 429) return { message: "Too many attempts. Please wait a moment and try again." }
        return { field: data.field, message: data.message }
      }
    }
    // The visibility answer, kept for the tab's next pages (10 minutes, this visitor only; a submission forgets it).
    const VIS_KEY = "_mma:" + o.cookieName + ":forms_vis", VIS_MS = 600000
    function cachedVisibility() {
      try {
        const v = JSON.parse(sessionStorage.getItem(VIS_KEY))
        return v && v.anon === getAnon() && now() - v.at < VIS_MS ? v.answer : null
      } catch (e) { return null }
    }
    function cacheVisibility(answer) {
      try { sessionStorage.setItem(VIS_KEY, JSON.stringify({ anon: getAnon(), at: now(), answer })) } catch (e) { /* quota */ }
    }
    // Started at once, while the rest of the tracker starts, so neither waits on the other: the config and,
    // for a visitor the server may know (when the last config had forms), the visibility answer. A visitor whose
    // id is new gets the answer the server would give for an unknown visitor (the forms for segment members
    // hidden) without asking; `identified()` ends that.
    let known = !fresh, configP = null, visibilityP = null
    // XMLHttpRequest rather than fetch: its answer comes whole in one task, where fetch's body is read in later
    // tasks, which a busy page runs late (about 100 ms on a 4x throttled CPU).
    const request = (method, path, body) => new Promise((resolve, reject) => {
      const x = new XMLHttpRequest()
      x.open(method, base + path)
      x.setRequestHeader("x-publishable-api-key", o.publishableKey)
      if (body) x.setRequestHeader("content-type", "application/json")
      x.responseType = "json"
      x.onload = () => resolve({ ok: x.status >= 200 && x.status < 300, data: x.response || {} })
      x.onerror = () => reject(new Error("the store did not answer " + path))
      x.send(body ? JSON.stringify(body) : null)
    })
    const loadConfig = () => request("GET", "/store/marketing/forms").then((r) => (r.ok ? r.data.forms || [] : []))
    const askVisibility = () => request("POST", "/store/marketing/forms/visibility", { anonymous_id: getAnon() })
      .then((r) => { if (!r.ok) return { hidden: [], country: null }; cacheVisibility(r.data); return r.data })
      .catch(() => null) // unreachable: no form on this page rather than one a subscriber must not see
    function visibilityFor(list) {
      if (visibility) return visibility
      const cached = cachedVisibility()
      if (cached) return cached
      if (known) return visibilityP || (visibilityP = askVisibility())
      const answer = { hidden: list.filter((f) => (f.targeting || {}).members_only).map((f) => f.id), country: null }
      cacheVisibility(answer)
      return answer
    }
    function utmOf(k) { try { const u = JSON.parse(sessionStorage.getItem("_mma:" + o.cookieName + ":utm")); return u && u[k.slice(4)] } catch (e) { return null } }
    function show(f, host) {
      if (shown[f.id] || isStopped()) return
      shown[f.id] = true
      const variant = variantOf(f)
      if (!host) { host = document.createElement("div"); host.setAttribute("data-marketing-form-host", f.id); document.body.appendChild(host) }
      renderForm(host, f, { variant, onSubmit: submitter(f, variant),
        onClose: (how) => { update(f.id, { closed_at: now() }); view(f, variant, how) } })
      // For the store's own analytics (and the benchmark): the form is on screen and usable.
      emit("marketing:form", { id: f.id, variant, action: "shown" })
      // Counted in a task of its own, so the browser paints the form first.
      setTimeout(() => view(f, variant, "viewed"), 0)
    }
    function arm(f) {
      const t = armed(f.triggers, device)
      const pending = Object.keys(t)
      const fire = (k) => { const i = pending.indexOf(k); if (i >= 0) pending.splice(i, 1); if (!pending.length) show(f) }
      if (!pending.length) return show(f)
      if (t.delay_seconds) { const id = setTimeout(() => fire("delay_seconds"), t.delay_seconds * 1000); cleanups.push(() => clearTimeout(id)) }
      if (t.scroll_percent) {
        const onScroll = () => {
          const d = document.documentElement
          if (scrolledPercent(window.scrollY, window.innerHeight, d.scrollHeight) >= t.scroll_percent) { window.removeEventListener("scroll", onScroll); fire("scroll_percent") }
        }
        window.addEventListener("scroll", onScroll, { passive: true })
        cleanups.push(() => window.removeEventListener("scroll", onScroll))
        onScroll()
      }
      if (t.exit_intent) {
        const onOut = (e) => { if (!e.relatedTarget && e.clientY <= 0) { document.removeEventListener("mouseout", onOut); fire("exit_intent") } }
        document.addEventListener("mouseout", onOut)
        cleanups.push(() => document.removeEventListener("mouseout", onOut))
      }
    }
    async function evaluate() {
      cleanups.splice(0).forEach((c) => c())
      if (isStopped()) return
      if (!forms) {
        configP = configP || loadConfig()
        forms = await configP
      }
      state = loadWithVisitor()
      if (state.has_forms !== forms.length > 0) { state.has_forms = forms.length > 0; saveState(state) } // for the next page's prefetch
      const ctx = { path: location.pathname, device, returning: (state.visitor || {}).sessions > 1,
        pages: (state.visitor || {}).pages || 1, now: now() }
      const slots = {}
      Array.prototype.forEach.call(document.querySelectorAll("[data-marketing-form]"), (el) => { slots[el.getAttribute("data-marketing-form")] = el })
      const candidates = forms.filter((f) => !shown[f.id] && (f.kind !== "embedded" || slots[f.id]) &&
        !blockedBy(f, Object.assign({ entry: (state.forms || {})[f.id] }, ctx)))
      if (!candidates.length) return emit("marketing:forms", { path: ctx.path, forms: [] })
      try { visibility = await visibilityFor(forms) } finally { visibilityP = null }
      if (!visibility) return
      const lang = (navigator.language || "").split("-")[1]
      const country = visibility.country || (lang ? lang.toLowerCase() : null)
      const placed = candidates.filter((f) => (visibility.hidden || []).indexOf(f.id) < 0 && countryAllowed(f.targeting, country))
      placed.forEach((f) => {
        if (f.kind === "embedded") {
          const el = slots[f.id]
          if (!el.__mma) {
            el.__mma = true
            const host = document.createElement("div")
            host.setAttribute("data-marketing-form-host", f.id)
            el.appendChild(host)
            show(f, host)
          }
          shown[f.id] = false // an embedded form may fill the next page's slot too
        } else arm(f)
      })
      // This page's decision: the forms shown or waiting for their triggers.
      emit("marketing:forms", { path: ctx.path, forms: placed.map((f) => f.id) })
    }
    const run = () => evaluate().catch(warn)
    if (known && state.has_forms !== false && !cachedVisibility()) visibilityP = askVisibility()
    run()
    return {
      // SPA navigation: a new page view, new targeting; forms already shown stay as they are.
      navigate() { state = loadWithVisitor(); state.visitor = visit(state.visitor, now()); saveState(state); run() },
      stop() { cleanups.splice(0).forEach((c) => c()) },
      // identify(): the server may know this visitor now; the next decision asks it.
      identified() {
        known = true
        visibility = null
        try { sessionStorage.removeItem(VIS_KEY) } catch (e) { /* blocked */ }
      },
    }
  }

  // ---- End of signup forms.

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

    const fresh = !readCookie()
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
    // The forms start first: their requests then run while the rest of the tracker starts.
    let forms = null
    if (o.forms && o.backendUrl && o.publishableKey) forms = startForms(o, base, () => anon, () => stopped, allowed, fresh)

    function sessionId() {
      const now = Date.now()
      if (!session || typeof session.id !== "string" || now - session.last > SESSION_MS) session = { id: uuid(), last: now }
      session.last = now
      if (allowed()) sset("sid", session)
      return session.id
    }

    let timezone // read once: the first read loads the time zone data (tens of ms on a slow phone)
    function context(full) {
      const c = { page_url: cleanUrl(location.href), locale: navigator.language }
      if (timezone === undefined) try { timezone = Intl.DateTimeFormat().resolvedOptions().timeZone } catch (e) { timezone = null }
      if (timezone) c.timezone = timezone
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
      if (!sameDocument) { page(); if (forms) forms.navigate() }
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
        const sent = track("identify", p)
        if (sent && forms) forms.identified()
        return sent
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
        if (forms) forms.stop()
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
    // The form renderer (the admin's preview uses it) and the pure decisions behind it (unit tested).
    renderForm(host, form, opts) {
      if (typeof document === "undefined") return null
      try { return renderForm(host, form, opts) } catch (e) { warn(e); return null }
    },
    forms: { matchPath, pageAllowed, deviceOf, blockedBy, countryAllowed, armed, scrolledPercent, chooseVariant, visit, consentOf, errorsOf },
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
          if (d.forms) opts.forms = d.forms !== "false"
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
