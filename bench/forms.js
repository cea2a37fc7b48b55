"use strict"
/**
 * Signup forms (issue #24): what the forms add to the storefront tracker.
 *
 * - Size: the tracker script gzipped, with and without its forms section
 *   (between the "Signup forms and pop-ups" and "End of signup forms" markers).
 * - Time, in Debian's Chromium with the CPU throttled 4× (CDP
 *   Emulation.setCPUThrottlingRate), on a storefront page served from another
 *   origin that loads the tracker from the bench store (GET /marketing/tracker.js):
 *   the tracker's own start (script start → `init()` returned) with
 *   `forms: false`, and with one active pop-up (no trigger: at once) the time
 *   from `init()` returned to the form shown and focusable (the tracker's
 *   `marketing:form` event), on three pages: a new visitor's first page (GET
 *   /store/marketing/forms on loopback; a new visitor is not asked about),
 *   their next page (the config from the HTTP cache, the visibility answer
 *   from the tab's storage), and a returning visitor's page in a new tab (the
 *   cookie known: POST /store/marketing/forms/visibility beside the config).
 *   Each round is a fresh browser profile (no HTTP cache, no stored state).
 *   Medians of BENCH_FORMS_ROUNDS (15).
 * Target: under 100 ms added to the tracker's own start.
 */
const fs = require("fs")
const http = require("http")
const path = require("path")
const zlib = require("zlib")
const { adminApi, median } = require("./common")

const ROUNDS = Number(process.env.BENCH_FORMS_ROUNDS || 15)
const TARGET_MS = 100
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium"
const TRACKER = path.join(__dirname, "..", "tracker", "marketing-tracker.js")

function sizes() {
  const full = fs.readFileSync(TRACKER, "utf8")
  const start = full.indexOf("  // ---- Signup forms and pop-ups")
  const end = full.indexOf("  // ---- End of signup forms.")
  const without = start >= 0 && end > start ? full.slice(0, start) + full.slice(end) : full
  const gz = (s) => zlib.gzipSync(Buffer.from(s), { level: 9 }).length
  return { raw: Buffer.byteLength(full), gzip: gz(full), gzip_without_forms: gz(without), gzip_added: gz(full) - gz(without) }
}

function page(url, publishableKey, forms) {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Bench shop</title></head><body>
<h1>Shop</h1><p>${"Lorem ipsum dolor sit amet. ".repeat(40)}</p>
<script>window.__t0 = performance.now(); addEventListener("marketing:form", function () { window.__shown = performance.now(); console.log("mma:form-shown") })</script>
<script src="${url}/marketing/tracker.js"></script>
<script>MarketingTracker.init({ backendUrl: ${JSON.stringify(url)}, publishableKey: ${JSON.stringify(publishableKey)}, consent: "granted", forms: ${forms} });
window.__ready = performance.now()</script></body></html>`
}

async function run({ url, token, publishableKey, log }) {
  const { chromium } = require("playwright-core")
  const admin = adminApi(url, token)
  const { forms } = await admin("GET", "/admin/marketing/forms?limit=100&status=active")
  for (const f of forms) await admin("POST", `/admin/marketing/forms/${f.id}`, { status: "paused" })
  const { form } = await admin("POST", "/admin/marketing/forms", {
    name: "Bench pop-up",
    status: "active",
    kind: "popup",
    fields: [{ name: "email", label: "Email", required: true }, { name: "first_name", label: "First name", required: false }],
    consent: { required: true, text: "Send me news and offers.", topics: [] },
    variants: [{ id: "a", weight: 100, content: { title: "Join us", text: "10% off", button: "Subscribe", success_message: "Thanks!", redirect_url: null } }],
  })

  const shop = http.createServer((req, res) => {
    const forms = new URL(req.url, "http://x").searchParams.get("forms") !== "0"
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" })
    res.end(page(url, publishableKey, forms))
  })
  await new Promise((r) => shop.listen(0, "127.0.0.1", r))
  const shopUrl = `http://127.0.0.1:${shop.address().port}`
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu"] })
  // One page load: the tracker's own start (its script received → init() returned), and with forms the time
  // from init() returned to the form shown, with the two requests' durations (resource timing).
  // The page says when the form is shown on its console: polling it (waitForFunction) would inject and run
  // Playwright's own script on the page's main thread while the form is on its way, and count it.
  const load = async (p, forms, pathname) => {
    let shown = null
    if (forms) {
      shown = new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no form shown on ${pathname} within 30 s`)), 30_000)
        const on = (m) => { if (m.text() === "mma:form-shown") { clearTimeout(timer); p.off("console", on); resolve() } }
        p.on("console", on)
      })
    }
    await p.goto(`${shopUrl}${pathname}?forms=${forms ? 1 : 0}`)
    if (shown) await shown
    return p.evaluate(() => {
      const entry = (part) => performance.getEntriesByType("resource").find((e) => e.name.includes(part))
      const script = entry("/marketing/tracker.js")
      const took = (e) => (e ? e.responseEnd - e.startTime : null)
      return {
        start: window.__ready - (script ? script.responseEnd : window.__t0),
        added: window.__shown ? window.__shown - window.__ready : null,
        config_ms: took(entry("/store/marketing/forms")),
        visibility_ms: took(entry("/forms/visibility")),
      }
    })
  }
  const profile = async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    const p = await context.newPage()
    const cdp = await context.newCDPSession(p)
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 })
    return { context, p }
  }
  const own = []
  const cold = []
  const warm = []
  const tab = []
  try {
    { const { context, p } = await profile(); await load(p, true, "/"); await context.close() } // warm the server
    for (let round = 1; round <= ROUNDS; round++) {
      let { context, p } = await profile()
      own.push((await load(p, false, "/")).start)
      await context.close()
      ;({ context, p } = await profile())
      // A new visitor's first page (nothing cached), then their next page (the config from the HTTP cache, the
      // visibility answer from the tab's storage).
      cold.push(await load(p, true, "/"))
      warm.push(await load(p, true, "/next"))
      // The same visitor in a new tab: no tab storage, so the visibility is asked (the config may be in the HTTP cache).
      const p2 = await context.newPage()
      await (await context.newCDPSession(p2)).send("Emulation.setCPUThrottlingRate", { rate: 4 })
      tab.push(await load(p2, true, "/other"))
      await context.close()
      const f = (x) => (x == null ? "–" : x.toFixed(1))
      log(`round ${round}: tracker start ${f(own.at(-1))} ms; form interactive after it: first page ${f(cold.at(-1).added)} ms ` +
        `(config ${f(cold.at(-1).config_ms)} ms), next page ${f(warm.at(-1).added)} ms, ` +
        `new tab ${f(tab.at(-1).added)} ms (visibility ${f(tab.at(-1).visibility_ms)} ms)`)
    }
  } finally {
    await browser.close()
    await new Promise((r) => shop.close(r))
    await admin("DELETE", `/admin/marketing/forms/${form.id}`).catch(() => undefined)
  }
  const m = (list, k) => median(list.map((x) => x[k]).filter((x) => x != null))
  return {
    scenario: "forms",
    target: `form interactive under ${TARGET_MS} ms after the tracker's own start (CPU 4× throttled)`,
    rounds: ROUNDS,
    cpu_throttling: 4,
    tracker_start_ms: own,
    first_page: cold,
    next_page: warm,
    new_tab: tab,
    median_tracker_start_ms: median(own),
    median_added_first_page_ms: m(cold, "added"),
    median_config_ms: m(cold, "config_ms"),
    median_visibility_ms: m(tab, "visibility_ms"),
    median_added_next_page_ms: m(warm, "added"),
    median_added_new_tab_ms: m(tab, "added"),
    size: sizes(),
  }
}

function toMarkdown(r) {
  const ms = (x) => (x == null ? "–" : `${x.toFixed(1)} ms`)
  const kb = (b) => `${(b / 1024).toFixed(1)} KB`
  return [
    `### Forms: tracker start to form interactive (${r.rounds} rounds, medians, Chromium CPU throttled ${r.cpu_throttling}×; target: ${r.target})`,
    ``,
    `| tracker's own start | added, new visitor's first page | its config request | added, next page | added, returning visitor's new tab | its visibility request | tracker gzip | forms' share (gzip) |`,
    `|---:|---:|---:|---:|---:|---:|---:|---:|`,
    `| ${ms(r.median_tracker_start_ms)} | **${ms(r.median_added_first_page_ms)}** | ${ms(r.median_config_ms)} | **${ms(r.median_added_next_page_ms)}** | **${ms(r.median_added_new_tab_ms)}** | ${ms(r.median_visibility_ms)} | ${kb(r.size.gzip)} | ${kb(r.size.gzip_added)} |`,
    ``,
    `"Added": from \`init()\` returned to the pop-up shown and focusable. The tracker starts its requests first thing in \`init()\`, so they run while it starts (request times are from the resource timing, CORS preflight included). A new visitor is not asked about; their next page takes the config from the HTTP cache and the visibility answer from the tab's storage; a returning visitor's new tab asks for the visibility beside the config.`,
  ].join("\n")
}

module.exports = { run, toMarkdown, sizes }
