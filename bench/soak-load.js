#!/usr/bin/env node
"use strict"
/**
 * The soak scenario's load generator (bench/soak.js), a process of its own so
 * that it shares no event loop with the server it measures. Reads its plan as
 * JSON on stdin and sends a mix of storefront, email-link and admin requests:
 *
 *   closed  `connections` workers, each sending its next request when the last
 *           one answered: what the server can do (its capacity)
 *   open    `rate` requests/s on a fixed schedule, whether or not earlier ones
 *           have answered, as real shoppers arrive
 *
 * Latency runs from the moment a request was due, not from when a socket
 * was free: a server that falls behind shows it in the latency instead of
 * quietly slowing the load down. A request counts as an error when it gets
 * anything but 2xx/3xx, times out or fails on the socket. Statistics are kept
 * per window of `windowSeconds` (by the time a request was due) and printed as
 * one JSON line at the end; progress goes to stderr.
 */
const http = require("http")
const { randomUUID } = require("crypto")

const readStdin = () =>
  new Promise((resolve) => {
    let s = ""
    process.stdin.setEncoding("utf8")
    process.stdin.on("data", (d) => (s += d))
    process.stdin.on("end", () => resolve(JSON.parse(s)))
  })

const BROWSER_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"
const UAS = [
  BROWSER_UA,
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
]
const CATEGORIES = ["shoes", "shirts", "pants", "jackets", "accessories", "bags"]
const PAGES = ["/", "/pricing", "/about", "/blog/care-guide", "/help/shipping", "/help/size-guide"]
const QUERIES = ["running shoes", "rain jacket", "gift card", "black jeans", "backpack"]
const SOURCES = ["google", "facebook", "newsletter", "bing", "instagram"]
const pick = (xs) => xs[Math.floor(Math.random() * xs.length)]

/** What shoppers do on a storefront, roughly in the shares a shop sees. */
function storefrontEvent(anonymous_id, v) {
  const r = Math.random()
  const product_id = `prod_${1 + Math.floor(Math.random() * 300)}`
  let type
  let properties
  if (r < 0.4) {
    type = "page_viewed"
    properties = { path: pick(PAGES), title: "Page", url: "https://shop.example.com/" }
  } else if (r < 0.75) {
    type = "product_viewed"
    properties = { product_id, category: pick(CATEGORIES), price: Math.round(1500 + Math.random() * 23500) / 100, currency_code: "eur" }
  } else if (r < 0.88) {
    type = "category_viewed"
    const handle = pick(CATEGORIES)
    properties = { category_id: `pcat_${handle}`, handle, name: handle }
  } else if (r < 0.96) {
    type = "search_performed"
    properties = { query: pick(QUERIES), results: Math.floor(Math.random() * 40) }
  } else {
    type = "product_added_to_cart"
    properties = { product_id, variant_id: `variant_${product_id.slice(5)}`, quantity: 1, price: 25 }
  }
  return {
    type,
    anonymous_id,
    properties,
    occurred_at: new Date().toISOString(),
    session_id: `s-${anonymous_id}`,
    idempotency_key: randomUUID(),
    context: { page_url: "https://shop.example.com/products/p", utm: { source: SOURCES[v % SOURCES.length], medium: "cpc" } },
  }
}

function makeRequests(plan) {
  const visitors = Array.from({ length: plan.visitors || 5000 }, () => `soak-${randomUUID()}`)
  let n = 0
  const events = (size) => {
    const v = n++ % visitors.length
    return JSON.stringify({ events: Array.from({ length: size }, () => storefrontEvent(visitors[v], v)) })
  }
  const store = { "x-publishable-api-key": plan.publishableKey, "content-type": "application/json" }
  const admin = { authorization: `Bearer ${plan.adminToken}` }
  let a = 0
  let l = 0
  /** Each kind builds its next request: method, path, headers, body. */
  return {
    event: () => ({ method: "POST", path: "/store/marketing/events", headers: { ...store, "user-agent": pick(UAS) }, body: events(1) }),
    batch: () => ({ method: "POST", path: "/store/marketing/events", headers: { ...store, "user-agent": pick(UAS) }, body: events(plan.batchSize) }),
    beacon: () => ({
      method: "POST",
      path: `/marketing/events/beacon?publishable_key=${encodeURIComponent(plan.publishableKey)}`,
      headers: { "content-type": "text/plain;charset=UTF-8", "user-agent": pick(UAS) },
      body: events(3),
    }),
    open: () => ({ method: "GET", path: plan.links[l++ % plan.links.length].open, headers: { "user-agent": BROWSER_UA } }),
    click: () => ({ method: "GET", path: plan.links[l++ % plan.links.length].click, headers: { "user-agent": BROWSER_UA } }),
    admin: () => ({ method: "GET", path: plan.adminPaths[a++ % plan.adminPaths.length], headers: admin }),
  }
}

/** Picks a request kind by the mix's weights. */
function chooser(mix) {
  const entries = Object.entries(mix).filter(([, w]) => w > 0)
  const total = entries.reduce((s, [, w]) => s + w, 0)
  return () => {
    let r = Math.random() * total
    for (const [kind, w] of entries) if ((r -= w) < 0) return kind
    return entries[entries.length - 1][0]
  }
}

function percentile(sorted, p) {
  if (!sorted.length) return null
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}
const r1 = (x) => (x === null ? null : Math.round(x * 10) / 10)

function summarize(entries, seconds) {
  const latencies = entries.map((e) => e.ms).sort((x, y) => x - y)
  const statuses = {}
  let errors = 0
  for (const e of entries) {
    statuses[e.status] = (statuses[e.status] || 0) + 1
    if (!e.ok) errors++
  }
  return {
    requests: entries.length,
    per_second: seconds ? r1(entries.length / seconds) : null,
    errors,
    error_rate: entries.length ? errors / entries.length : 0,
    statuses,
    latency_p50_ms: r1(percentile(latencies, 50)),
    latency_p99_ms: r1(percentile(latencies, 99)),
    latency_max_ms: r1(latencies[latencies.length - 1] ?? null),
  }
}

async function main() {
  const plan = await readStdin()
  const agent = new http.Agent({ keepAlive: true, maxSockets: plan.maxSockets || 256 })
  const base = new URL(plan.url)
  const build = makeRequests(plan)
  const nextKind = chooser(plan.mix)
  const entries = []
  let inFlight = 0

  /** Sends one request due at `due` (ms, performance clock); resolves when it is settled. */
  function send(due, record) {
    const kind = nextKind()
    const r = build[kind]()
    inFlight++
    return new Promise((resolve) => {
      let done = false
      const finish = (status, ok) => {
        if (done) return
        done = true
        clearTimeout(timer)
        inFlight--
        if (record) entries.push({ due, kind, status, ok, ms: performance.now() - due })
        resolve()
      }
      const body = r.body === undefined ? undefined : Buffer.from(r.body)
      const req = http.request(
        {
          host: base.hostname,
          port: base.port,
          method: r.method,
          path: r.path,
          agent,
          headers: body ? { ...r.headers, "content-length": body.length } : r.headers,
        },
        (res) => {
          res.on("data", () => {})
          res.on("end", () => finish(res.statusCode, res.statusCode >= 200 && res.statusCode < 400))
          res.on("error", (e) => finish(e.code || "response_error", false))
        }
      )
      // The time limit counts from when the request was due, queueing included.
      const timer = setTimeout(() => {
        finish("timeout", false)
        req.destroy()
      }, Math.max(1, due + plan.timeoutMs - performance.now()))
      req.on("error", (e) => finish(e.code || "socket_error", false))
      if (body) req.end(body)
      else req.end()
    })
  }

  const started = performance.now()
  const pending = new Set()
  const track = (p) => {
    pending.add(p)
    p.then(() => pending.delete(p))
  }
  const progress = setInterval(() => {
    const t = (performance.now() - started) / 1000
    const recent = entries.filter((e) => e.due >= performance.now() - 10_000 - plan.timeoutMs)
    const errs = entries.filter((e) => !e.ok).length
    process.stderr.write(
      `[soak-load] ${plan.mode} ${t.toFixed(0)} s: ${entries.length} answered, ${errs} errors, ${inFlight} in flight` +
        (recent.length ? `, recent p99 ${r1(percentile(recent.map((e) => e.ms).sort((x, y) => x - y), 99))} ms` : "") +
        "\n"
    )
  }, (plan.progressSeconds || 30) * 1000)

  if (plan.mode === "closed") {
    // Warm-up first (not recorded), then the measured stretch.
    const warmEnd = started + plan.warmupSeconds * 1000
    const end = warmEnd + plan.seconds * 1000
    const worker = async () => {
      while (performance.now() < end) {
        const now = performance.now()
        await send(now, now >= warmEnd)
      }
    }
    await Promise.all(Array.from({ length: plan.connections }, worker))
    clearInterval(progress)
    const measured = entries.filter((e) => e.due >= warmEnd)
    const ok = measured.filter((e) => e.ok).length
    const overall = summarize(measured, plan.seconds)
    const byKind = {}
    for (const kind of Object.keys(plan.mix)) byKind[kind] = summarize(measured.filter((e) => e.kind === kind), plan.seconds)
    process.stdout.write(JSON.stringify({ mode: "closed", ok_per_second: ok / plan.seconds, overall, by_kind: byKind }) + "\n")
  } else {
    // Open loop: every tick sends whatever has come due since the last one.
    const interval = 1000 / plan.rate
    const total = Math.floor(plan.rate * plan.seconds)
    let sent = 0
    await new Promise((resolve) => {
      const tick = () => {
        const now = performance.now()
        while (sent < total && started + sent * interval <= now) {
          track(send(started + sent * interval, true))
          sent++
        }
        if (sent >= total) return resolve()
        setTimeout(tick, Math.max(0, Math.min(5, started + sent * interval - performance.now())))
      }
      tick()
    })
    await Promise.all([...pending])
    clearInterval(progress)
    const windowMs = plan.windowSeconds * 1000
    const windows = []
    for (let w = 0; w * windowMs < plan.seconds * 1000; w++) {
      const from = started + w * windowMs
      const inWindow = entries.filter((e) => e.due >= from && e.due < from + windowMs)
      const seconds = Math.min(plan.windowSeconds, plan.seconds - w * plan.windowSeconds)
      windows.push({ window: w + 1, from_second: w * plan.windowSeconds, seconds, ...summarize(inWindow, seconds) })
    }
    const byKind = {}
    for (const kind of Object.keys(plan.mix)) byKind[kind] = summarize(entries.filter((e) => e.kind === kind), plan.seconds)
    process.stdout.write(
      JSON.stringify({ mode: "open", rate: plan.rate, scheduled: total, overall: summarize(entries, plan.seconds), windows, by_kind: byKind }) + "\n"
    )
  }
  agent.destroy()
}

main().catch((e) => {
  process.stderr.write(`[soak-load] ${e.stack || e.message}\n`)
  process.exit(1)
})
