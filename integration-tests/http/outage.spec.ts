/**
 * Postgres going away under tracking load, and coming back (issue 20).
 *
 * The app reaches Postgres through a TCP proxy in this process
 * (integration-tests/postgres-proxy.ts): the shared Postgres other specs use
 * keeps running, while this app sees what a stopped and restarted Postgres
 * looks like: answers that never come and connections cut mid-query, refused
 * connections, then "the database system is starting up", then Postgres again.
 *
 * The load: the real tracker (tracker/marketing-tracker.js) in three Debian
 * Chromium pages, and four Node clients with the tracker's retry rules (two on
 * the store route, two on the beacon route, one batch at a time, retried until
 * a 2xx). Every event carries an idempotency_key. Expected: 503 with
 * Retry-After during the outage (never a 500, never a hang), 200 again without
 * a restart once Postgres is back, and every event stored exactly once.
 */
import { randomUUID } from "crypto"
import fs from "fs"
import http from "http"
import path from "path"
import type { AddressInfo } from "net"
import { Client } from "pg"
import { chromium, type Browser, type Page, type Request } from "playwright-core"
import { CHROMIUM, waitForChromium } from "../browser/helpers/chromium"
import { createPublishableKey, TEST_APP_DIR } from "../helpers"
import { PostgresProxy } from "../postgres-proxy"
import { marketingTestRunner } from "../runner"

jest.setTimeout(240_000)

const TRACKER = path.resolve(__dirname, "..", "..", "tracker", "marketing-tracker.js")
const EVENT_TYPE = "custom:outage_tick"
const PAGES = 3
const NODE_CLIENTS: Array<{ source: string; route: Route }> = [
  { source: "node-store-1", route: "events" },
  { source: "node-store-2", route: "events" },
  { source: "node-beacon-1", route: "beacon" },
  { source: "node-beacon-2", route: "beacon" },
]
// Generous bounds, for a shared two-core machine: a request unanswered this long is a hang.
const REQUEST_LIMIT_MS = 20_000
const RECOVERY_LIMIT_MS = 60_000

type Route = "events" | "beacon"
type Exchange = {
  source: string
  route: Route
  keys: string[]
  started: number
  ended?: number
  status?: number
  retryAfter?: string | null
  body?: string
  error?: string
}

// The runner's own database work (create, template copy, snapshots) goes straight to Postgres: those helpers read
// DB_PORT when first loaded. Only the URL the app is given (read once, here, when the runner is made) names the proxy.
const proxy = new PostgresProxy({ host: process.env.DB_HOST || "localhost", port: Number(process.env.DB_PORT || 5432) })
const realPort = process.env.DB_PORT
process.env.DB_PORT = String(proxy.port)

afterAll(async () => {
  await proxy.close()
})

function restoreEnv(name: string, value: string | undefined) {
  if (value === undefined) delete process.env[name]
  else process.env[name] = value
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function until<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, limitMs: number, report: () => string): Promise<T> {
  const end = Date.now() + limitMs
  for (;;) {
    const value = await check()
    if (value) return value
    if (Date.now() > end) throw new Error(`${what}: not within ${limitMs / 1000} s\n${report()}`)
    await sleep(100)
  }
}

marketingTestRunner({
  cwd: TEST_APP_DIR,
  testSuite: ({ api, getContainer, dbConfig }) => {
    restoreEnv("DB_PORT", realPort)
    let pk: string
    let backendUrl: string
    let browser: Browser
    let storefront: http.Server
    let siteUrl: string

    beforeAll(async () => {
      pk = await createPublishableKey(getContainer())
      backendUrl = api.defaults.baseURL
      await waitForChromium()
      // CORS is the tracker spec's subject. The test app's storeCors "*" becomes the origin list ["*"], which matches
      // no page's origin, so the page would be refused its cross-origin calls.
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ["--no-sandbox", "--disable-gpu", "--disable-web-security", "--no-first-run", "--disable-background-networking",
          "--disable-background-timer-throttling", "--disable-renderer-backgrounding"],
      })
      storefront = http.createServer((req, res) => {
        if (req.url === "/marketing-tracker.js") {
          res.writeHead(200, { "content-type": "text/javascript", "cache-control": "no-store" })
          return res.end(fs.readFileSync(TRACKER))
        }
        if (req.url?.startsWith("/shop")) {
          res.writeHead(200, { "content-type": "text/html; charset=utf-8" })
          return res.end(shopPage(backendUrl, pk, new URL(req.url, "http://x").searchParams.get("name") || "page"))
        }
        res.writeHead(404).end()
      })
      await new Promise<void>((r) => storefront.listen(0, "127.0.0.1", r))
      siteUrl = `http://127.0.0.1:${(storefront.address() as AddressInfo).port}`
    })

    afterAll(async () => {
      await proxy.restore() // the app's shutdown needs its database
      await browser?.close().catch(() => undefined)
      await new Promise((r) => (storefront ? storefront.close(r) : r(null)))
    })

    it("answers 503 with Retry-After while Postgres is away, recovers without a restart, and stores every event once", async () => {
      const exchanges: Exchange[] = []
      const t0 = Date.now()
      const at = (t: number) => `${((t - t0) / 1000).toFixed(1)}s`
      const marks: Record<string, number> = {}
      const summary = () => describeExchanges(exchanges, marks, at)

      // --- the Chromium pages, each with the real tracker sending a steady stream
      const pages: Page[] = []
      for (let i = 1; i <= PAGES; i++) {
        const source = `page-${i}`
        const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": shopperAddress(i) } })
        const page = await context.newPage()
        const open = new Map<Request, Exchange>()
        page.on("request", (req) => {
          const route = routeOf(req.url())
          if (req.method() !== "POST" || !route) return
          const keys = (JSON.parse(req.postData() || "{}").events || []).map((e: any) => e.idempotency_key)
          const ex: Exchange = { source, route, keys, started: Date.now() }
          open.set(req, ex)
          exchanges.push(ex)
        })
        page.on("response", async (res) => {
          const ex = open.get(res.request())
          if (!ex) return
          ex.ended = Date.now()
          ex.status = res.status()
          ex.retryAfter = res.headers()["retry-after"] ?? null
          ex.body = await res.text().catch(() => "")
        })
        page.on("requestfailed", (req) => {
          const ex = open.get(req)
          if (!ex) return
          ex.ended = Date.now()
          ex.error = req.failure()?.errorText || "failed"
        })
        page.on("console", (m) => {
          // Failed requests are in the exchanges already; anything else the page complains about is shown.
          if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) process.stdout.write(`[outage] ${source} console: ${m.text()}\n`)
        })
        await page.goto(`${siteUrl}/shop?name=${source}`)
        pages.push(page)
      }

      // --- the Node clients: one batch at a time, retried with the tracker's backoff and at least Retry-After
      let stopping = false
      const nodeKeys = new Map<string, string[]>()
      const send = async (source: string, route: Route, batch: any[]): Promise<Exchange> => {
        const ex: Exchange = { source, route, keys: batch.map((e) => e.idempotency_key), started: Date.now() }
        exchanges.push(ex)
        const url = route === "events" ? `${backendUrl}/store/marketing/events` : `${backendUrl}/marketing/events/beacon?publishable_key=${pk}`
        const headers: Record<string, string> = {
          "x-forwarded-for": shopperAddress(10 + NODE_CLIENTS.findIndex((c) => c.source === source)),
          ...(route === "events" ? { "content-type": "application/json", "x-publishable-api-key": pk } : { "content-type": "text/plain;charset=UTF-8" }),
        }
        try {
          const res = await fetch(url, { method: "POST", headers, body: JSON.stringify({ events: batch }), signal: AbortSignal.timeout(REQUEST_LIMIT_MS) })
          ex.status = res.status
          ex.retryAfter = res.headers.get("retry-after")
          ex.body = await res.text()
        } catch (e: any) {
          ex.error = e?.name === "TimeoutError" ? `no answer within ${REQUEST_LIMIT_MS / 1000} s` : String(e?.cause?.code || e?.message || e)
        }
        ex.ended = Date.now()
        return ex
      }
      const nodeClient = async (source: string, route: Route) => {
        const anon = `outage-${source}-${randomUUID().slice(0, 8)}`
        const keys: string[] = []
        nodeKeys.set(source, keys)
        let failures = 0
        for (let seq = 0; !stopping; ) {
          const batch = Array.from({ length: 5 }, () => ({
            type: EVENT_TYPE,
            anonymous_id: anon,
            properties: { source, seq: seq++ },
            occurred_at: new Date().toISOString(),
            idempotency_key: randomUUID(),
          }))
          keys.push(...batch.map((e) => e.idempotency_key))
          for (;;) {
            const ex = await send(source, route, batch)
            if (ex.status !== undefined && ex.status < 300) break
            // The tracker drops a batch the server rejects (4xx other than 408/429); the assertions then find it missing.
            if (ex.status !== undefined && ex.status < 500 && ex.status !== 408 && ex.status !== 429) break
            failures++
            const backoff = Math.min(60_000, 1000 * 2 ** (failures - 1)) * (0.8 + Math.random() * 0.4)
            const retryAfter = Number(ex.retryAfter) > 0 ? Number(ex.retryAfter) * 1000 : 0
            await sleep(Math.max(backoff, retryAfter))
          }
          failures = 0
          await sleep(400)
        }
      }
      let nodeFinished = false
      const nodeDone = Promise.all(NODE_CLIENTS.map((c) => nodeClient(c.source, c.route))).then(() => (nodeFinished = true))

      try {
        // --- before: steady 200s from every source
        const sources = [...pages.map((_, i) => `page-${i + 1}`), ...NODE_CLIENTS.map((c) => c.source)]
        await until("every source answered 200 before the outage", () =>
          sources.every((s) => exchanges.filter((e) => e.source === s && e.status === 200).length >= 3), 60_000, summary)

        // --- the outage. First Postgres goes on committing but stops answering a connection once it has committed
        // a transaction storing events, until a request in flight has had its events stored without the app hearing
        // so; then every connection is cut and new ones are refused; then Postgres is "starting up"; then back.
        marks.hold = Date.now()
        proxy.holdRepliesAfterCommit(/insert into "?marketing_event"?\s/i)
        let committedUnanswered: Exchange[] = []
        await until("a request in flight had its events stored while Postgres held the answer", async () => {
          const inFlight = exchanges.filter((e) => e.ended === undefined)
          const stored = await storedKeys(dbConfig.dbName, inFlight.flatMap((e) => e.keys))
          const candidates = inFlight.filter((e) => e.keys.some((k) => stored.has(k)))
          // A browser's answer is seen a moment after it arrives: a held request is still unanswered a while later.
          await sleep(500)
          committedUnanswered = candidates.filter((e) => e.ended === undefined)
          return committedUnanswered.length > 0
        }, 20_000, summary)
        marks.cut = Date.now()
        const inFlightAtCut = exchanges.filter((e) => e.ended === undefined)
        committedUnanswered = committedUnanswered.filter((e) => e.ended === undefined)
        const dropped = await proxy.cut()
        process.stdout.write(`[outage] ${at(marks.cut)}: cut ${dropped} database connections with ${inFlightAtCut.length} requests in flight, ` +
          `${committedUnanswered.length} of them (at least) with their events already stored\n`)

        // Every public route, once, while Postgres is away: an answer (never a hang), never a 5xx other than 503.
        const probes = probeRoutes(backendUrl, pk)
        await sleep(6000)
        marks.startingUp = Date.now()
        await proxy.startingUp()
        await sleep(5000)
        marks.restored = Date.now()
        await proxy.restore()

        // --- after: every source gets a 200 for a request sent after Postgres came back, without a restart
        await until("every source answered 200 after Postgres came back", () =>
          sources.every((s) => exchanges.some((e) => e.source === s && e.started > marks.restored && e.status === 200)),
          RECOVERY_LIMIT_MS, summary)
        await sleep(3000)
        marks.stop = Date.now()

        // --- stop making events; everything queued is sent
        stopping = true
        await Promise.all(pages.map((p) => p.evaluate(() => { (window as any).stopped = true })))
        await until("the Node clients delivered their last batches", () => nodeFinished, RECOVERY_LIMIT_MS, summary)
        await until("the trackers' queues emptied", async () => {
          const pending = await Promise.all(pages.map((p) => p.evaluate(() => (window as any).tracker.pending())))
          if (pending.some((n) => n > 0)) await Promise.all(pages.map((p) => p.evaluate(() => (window as any).tracker.flush())))
          return pending.every((n) => n === 0) && exchanges.every((e) => e.ended !== undefined)
        }, RECOVERY_LIMIT_MS, summary)

        const probeResults = await probes
        process.stdout.write(`[outage] timeline (s from start): ${Object.entries(marks).map(([k, v]) => `${k} ${at(v)}`).join(", ")}\n`)
        process.stdout.write(`${summary()}\n`)
        process.stdout.write(`[outage] public routes during the outage:\n${probeResults.map((p) => `  ${p.name}: ${p.status ?? p.error} at ${at(p.ended!)}${p.retryAfter ? ` Retry-After ${p.retryAfter}` : ""}${p.status && p.status >= 500 ? ` ${brief(p.body)}` : ""}`).join("\n")}\n`)
        // The batches Postgres had stored when the connections were cut, and what their retries were told.
        for (const cut of committedUnanswered) {
          const retry = exchanges.find((e) => e.started > cut.started && e.source === cut.source && e.status === 200 && e.keys.includes(cut.keys[0]))
          process.stdout.write(`[outage] stored before the cut: ${show(cut, at)}; retried: ${retry ? `${at(retry.started)} 200 ${retry.body}` : "never"}\n`)
        }

        // Every check below adds what it found to one list, so a failing run shows all that went wrong at once.
        const problems: Record<string, unknown> = {}
        const check = (what: string, found: unknown[]) => void (found.length && (problems[what] = found))

        // --- statuses: 200 before and after; during the outage 503 with Retry-After and the "unavailable" type;
        // never a 500, a 4xx, or a request without an answer.
        check("answers other than 200 or 503 + Retry-After + type unavailable", exchanges.filter((e) => e.status !== 200 && !isUnavailable(e)).map((e) => show(e, at)))
        check("not 200 before the outage", exchanges.filter((e) => e.ended! < marks.hold && e.status !== 200).map((e) => show(e, at)))
        // A request made while Postgres is away is told so, not held until it comes back. (Its last 5 s are left
        // out: a request may wait that long for a connection and then find Postgres back.)
        const during = exchanges.filter((e) => e.started >= marks.cut && e.started < marks.restored - 5000)
        check("sent during the outage and not answered 503", during.filter((e) => e.status !== 503).map((e) => show(e, at)))
        // Both kinds of client, and both routes, met the outage.
        const outage = exchanges.filter((e) => e.started >= marks.cut && e.started < marks.restored)
        check("kinds of client that sent nothing during the outage", ["page-", "node-store-", "node-beacon-"].filter((s) => !outage.some((e) => e.source.startsWith(s))))
        // The requests in flight when the connections were cut: 503 (or 200 when they had just finished).
        check("in flight at the cut and not answered 200 or 503", inFlightAtCut.filter((e) => e.status !== 200 && e.status !== 503).map((e) => show(e, at)))
        check(
          "public routes answering 5xx other than 503 + Retry-After, or not answering, while Postgres was away",
          probeResults
            .filter((p) => !(p.status && (p.status < 500 || (p.status === 503 && Number(p.retryAfter) >= 1)) && p.ended! < marks.restored))
            .map((p) => `${p.name}: ${p.status ?? p.error} at ${at(p.ended!)} ${brief(p.body)}`)
        )
        check("store events probe not answered 503 during the outage", probeResults.filter((p) => p.name === "store events" && p.status !== 503).map((p) => `${p.status ?? p.error} at ${at(p.ended!)}`))
        check("not 200 once recovered", exchanges.filter((e) => e.started > marks.stop - 3000 && e.status !== 200).map((e) => show(e, at)))

        // --- the real tracker waited at least Retry-After before sending again
        for (let i = 1; i <= PAGES; i++) {
          const mine = exchanges.filter((e) => e.source === `page-${i}` && e.route === "events").sort((a, b) => a.started - b.started)
          check(`page-${i}: the tracker sent again before Retry-After`, mine.flatMap((e, n) => {
            const next = mine[n + 1]
            const wait = Number(e.retryAfter) * 1000
            return next && e.status !== 200 && wait > 0 && next.started - e.ended! < wait - 100
              ? [`told Retry-After ${e.retryAfter} at ${at(e.ended!)}, sent again ${next.started - e.ended!} ms later`]
              : []
          }))
        }

        // --- every event made is stored exactly once (by idempotency_key), and nothing else was
        const made = await Promise.all(pages.map((p) => p.evaluate(() => (window as any).made as number)))
        const allKeys = [...new Set([...exchanges.filter((e) => e.source.startsWith("page-")).flatMap((e) => e.keys), ...[...nodeKeys.values()].flat()])]
        const db = new Client({ host: process.env.DB_HOST || "localhost", port: Number(realPort || 5432), user: process.env.DB_USERNAME || "postgres", password: process.env.DB_PASSWORD || undefined, database: dbConfig.dbName })
        await db.connect()
        try {
          const { rows } = await db.query(
            `SELECT idempotency_key, properties->>'page' AS page, (properties->>'seq')::int AS seq, count(*)::int AS n
               FROM marketing_event WHERE type = $1 GROUP BY 1, 2, 3`,
            [EVENT_TYPE]
          )
          process.stdout.write(`[outage] events made: ${made.join(" + ")} in Chromium, ${[...nodeKeys.values()].map((k) => k.length).join(" + ")} from Node; stored: ${rows.length}\n`)
          check("idempotency keys stored more than once", rows.filter((r) => r.n !== 1))
          // Every key any client sent, of any type: the pages' trackers also report engaged time (page_engaged).
          const { rows: byKey } = await db.query(
            `SELECT idempotency_key, count(*)::int AS n FROM marketing_event WHERE idempotency_key = ANY($1) GROUP BY 1`,
            [allKeys]
          )
          check("sent keys stored more than once", byKey.filter((r) => r.n !== 1))
          const stored = new Set(byKey.map((r) => r.idempotency_key))
          check("events sent and never stored", allKeys.filter((k) => !stored.has(k)))
          const sent = new Set(allKeys)
          check("events stored that no client sent", rows.filter((r) => !sent.has(r.idempotency_key)))
          // Each page's events, by sequence number: none lost before it was ever sent, none twice.
          made.forEach((n, i) => {
            const seqs = rows.filter((r) => r.page === `page-${i + 1}`).map((r) => r.seq)
            const wanted = Array.from({ length: n }, (_, s) => s)
            check(`page-${i + 1}: events made and not stored once`, wanted.filter((s) => seqs.filter((x) => x === s).length !== 1))
          })
        } finally {
          await db.end()
        }
        expect(problems).toEqual({})
      } finally {
        stopping = true
        await proxy.restore()
        await Promise.race([nodeDone, sleep(REQUEST_LIMIT_MS)])
      }
    })
  },
})

function shopPage(backendUrl: string, pk: string, name: string) {
  return `<!doctype html><html><head><title>Shop</title></head><body>
<script src="/marketing-tracker.js"></script>
<script>
  window.tracker = MarketingTracker.init({ backendUrl: ${JSON.stringify(backendUrl)}, publishableKey: ${JSON.stringify(pk)},
    consent: "granted", autoPageViews: false, dedupeWindowMs: 0, maxBatchSize: 10, flushIntervalMs: 500 })
  window.made = 0
  setInterval(function () {
    if (window.stopped) return
    if (window.tracker.track(${JSON.stringify(EVENT_TYPE)}, { page: ${JSON.stringify(name)}, seq: window.made })) window.made++
  }, 100)
</script></body></html>`
}

// Every client here connects from 127.0.0.1, a trusted proxy: each names its own shopper's address, so each has its
// own rate-limit bucket and every non-2xx is the outage's.
const shopperAddress = (n: number) => `203.0.113.${n}`

function routeOf(url: string): Route | null {
  const p = new URL(url).pathname
  return p === "/store/marketing/events" ? "events" : p === "/marketing/events/beacon" ? "beacon" : null
}

function isUnavailable(e: Exchange): boolean {
  if (e.status !== 503 || !(Number(e.retryAfter) >= 1)) return false
  try {
    return JSON.parse(e.body || "{}").type === "unavailable"
  } catch {
    return false
  }
}

function show(e: Exchange, at: (t: number) => string) {
  return `${e.source} ${e.route} sent ${at(e.started)} answered ${e.ended ? at(e.ended) : "never"}: ${e.status ?? e.error}` +
    `${e.retryAfter ? ` Retry-After ${e.retryAfter}` : ""}${e.status !== 200 ? ` ${brief(e.body)}` : ""}`
}

/** A body, short: an HTML page by its title. */
function brief(body?: string): string {
  if (!body) return ""
  const title = /<title>([^<]*)<\/title>/i.exec(body)
  return (title ? `<title>${title[1]}</title>` : body.replace(/\s+/g, " ")).slice(0, 200)
}

function describeExchanges(exchanges: Exchange[], marks: Record<string, number>, at: (t: number) => string): string {
  const phase = (e: Exchange) =>
    marks.hold === undefined || e.started < marks.hold ? "before" : e.started < marks.cut ? "hold" : !marks.restored || e.started < marks.restored ? "outage" : "after"
  const counts = new Map<string, number>()
  for (const e of exchanges) {
    const k = `${phase(e)} ${e.source.replace(/-\d+$/, "")} ${e.route}: ${e.status ?? e.error ?? "pending"}${e.retryAfter ? ` (Retry-After ${e.retryAfter})` : ""}`
    counts.set(k, (counts.get(k) ?? 0) + 1)
  }
  const odd = exchanges.filter((e) => e.status !== 200 && e.status !== 503).slice(0, 8).map((e) => `  ${show(e, at)}`)
  const first503 = exchanges.find((e) => e.status === 503)
  return [
    `[outage] ${exchanges.length} requests:`,
    ...[...counts].map(([k, n]) => `  ${k} x${n}`),
    ...(first503 ? [`  first 503: ${show(first503, at)}`] : []),
    ...(odd.length ? ["  other answers:", ...odd] : []),
  ].join("\n")
}

async function storedKeys(database: string, keys: string[]): Promise<Set<string>> {
  const db = new Client({ host: process.env.DB_HOST || "localhost", port: Number(process.env.DB_PORT || 5432), user: process.env.DB_USERNAME || "postgres", password: process.env.DB_PASSWORD || undefined, database })
  await db.connect()
  try {
    const { rows } = await db.query(`SELECT idempotency_key FROM marketing_event WHERE idempotency_key = ANY($1)`, [keys])
    return new Set(rows.map((r) => r.idempotency_key))
  } finally {
    await db.end()
  }
}

type Probe = { name: string; ended?: number; status?: number; retryAfter?: string | null; body?: string; error?: string }

/** One request to each public route while Postgres is away (tokens that look real but name nothing). */
async function probeRoutes(backendUrl: string, pk: string): Promise<Probe[]> {
  const token = `mt_${randomUUID().replace(/-/g, "")}`
  const anon = `probe-${randomUUID()}`
  const json = { "content-type": "application/json" }
  const probes: Array<[string, string, RequestInit]> = [
    ["tracker.js", "/marketing/tracker.js", {}],
    ["open pixel", `/marketing/t/o/${token}`, {}],
    ["click", `/marketing/t/c/${token}?u=${encodeURIComponent("https://shop.example.com/")}`, { redirect: "manual" }],
    ["unsubscribe GET", `/marketing/unsubscribe/${token}`, {}],
    ["unsubscribe POST", `/marketing/unsubscribe/${token}`, { method: "POST" }],
    ["preferences GET", `/marketing/preferences/${token}`, {}],
    ["confirm GET", `/marketing/confirm/${token}`, {}],
    ["webhook sendgrid", "/marketing/webhooks/email/sendgrid", { method: "POST", headers: json, body: "[]" }],
    ["store events", "/store/marketing/events", { method: "POST", headers: { ...json, "x-publishable-api-key": pk },
      body: JSON.stringify({ events: [{ type: "page_viewed", anonymous_id: anon, idempotency_key: randomUUID() }] }) }],
  ]
  return Promise.all(
    probes.map(async ([name, p, init]): Promise<Probe> => {
      try {
        const res = await fetch(backendUrl + p, { ...init, signal: AbortSignal.timeout(REQUEST_LIMIT_MS) })
        const body = await res.text()
        return { name, ended: Date.now(), status: res.status, retryAfter: res.headers.get("retry-after"), body }
      } catch (e: any) {
        return { name, ended: Date.now(), error: e?.name === "TimeoutError" ? `no answer within ${REQUEST_LIMIT_MS / 1000} s` : String(e?.message || e) }
      }
    })
  )
}
