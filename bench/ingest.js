"use strict"
/**
 * Ingest throughput through POST /store/marketing/events, single events and
 * batches of 50, measured in the same run and against the same server as
 * Medusa's own GET /store/regions. Rounds are interleaved so that noise from
 * the shared machine hits every scenario alike; medians are reported.
 *
 * Two stores, one after the other (BENCH_INGEST_STORES, default "bare,realistic"):
 * - bare: the plugin as installed, nothing configured;
 * - realistic: BENCH_INGEST_CONTACTS (100,000) existing contacts with 10 events
 *   each, 20 scoring rules, 10 segments and 5 active flows with event triggers
 *   (bench/realistic-store.js), traffic of the "varied" mix, half of the
 *   visitors returning ones the store knows.
 * In the realistic store it also measures event → segment membership latency
 * while single events load the server, and the server's resident memory
 * after the run against the same app started without the plugin.
 */
const { adminApi, gcReader, median, msUntilMember, pgConnector, runLoad, serverUsage } = require("./common")
const { buildRealisticStore } = require("./realistic-store")

const ROUNDS = Number(process.env.BENCH_ROUNDS || 3)
const DURATION = Number(process.env.BENCH_DURATION || 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 10)
const STORES = String(process.env.BENCH_INGEST_STORES || "bare,realistic").split(",").map((s) => s.trim()).filter(Boolean)
const CONTACTS = Number(String(process.env.BENCH_INGEST_CONTACTS || "100000").replace(/_/g, ""))
const LATENCY_SAMPLES = Number(process.env.BENCH_LATENCY_SAMPLES || 60)
const SEED_WORKERS = Number(process.env.BENCH_SEED_WORKERS || 2)
const TARGETS = { single_ratio: 0.7, batch_events_per_baseline_request: 25, membership_p95_ms: 250, memory_mb: 100 }

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]
}
const round = (x, d = 1) => Number(x.toFixed(d))

/** Interleaved rounds of the baseline, single events and batches of 50; medians. */
async function measureStore({ url, publishableKey, log, label, extra = {} }) {
  const scenarios = [
    { name: "GET /store/regions (Medusa baseline)", kind: "regions", batchSize: 0 },
    { name: "POST /store/marketing/events, 1 event per request", kind: "events", batchSize: 1, ...extra },
    { name: "POST /store/marketing/events, 50 events per request", kind: "events", batchSize: 50, ...extra },
  ]
  // Warm-up: JIT, connection pools, caches
  for (const s of scenarios) await runLoad({ ...s, url, publishableKey, duration: 3, connections: CONNECTIONS })
  const samples = Object.fromEntries(scenarios.map((s) => [s.name, []]))
  for (let r = 1; r <= ROUNDS; r++) {
    for (const s of scenarios) {
      const x = await runLoad({ ...s, url, publishableKey, duration: DURATION, connections: CONNECTIONS })
      if (x.non2xx || x.errors) throw new Error(`${label}, ${s.name}: ${x.non2xx} non-2xx answers and ${x.errors} errors in round ${r}`)
      samples[s.name].push(x)
      log(`${label} round ${r}/${ROUNDS} ${s.name}: ${x.requests_per_second.toFixed(1)} req/s, p50 ${x.latency_p50_ms} ms`)
    }
  }
  const rows = scenarios.map((s) => {
    const rps = median(samples[s.name].map((x) => x.requests_per_second))
    return {
      scenario: s.name,
      batch_size: s.batchSize,
      requests_per_second: round(rps),
      events_per_second: s.batchSize ? Math.round(rps * s.batchSize) : null,
      latency_p50_ms: median(samples[s.name].map((x) => x.latency_p50_ms)),
      latency_p99_ms: median(samples[s.name].map((x) => x.latency_p99_ms)),
      samples_requests_per_second: samples[s.name].map((x) => round(x.requests_per_second)),
    }
  })
  const baseline = rows[0].requests_per_second
  for (const row of rows) row.ratio_to_regions = round(row.requests_per_second / baseline, 2)
  return {
    rows,
    single_ratio: rows[1].ratio_to_regions,
    // Events stored per GET /store/regions request the same server answers in the same time.
    batch_events_per_baseline_request: round(rows[2].events_per_second / baseline),
  }
}

/**
 * Event → membership latency under load: while single events of the varied
 * mix arrive at half the rate the server answered them in the rounds (a busy
 * store, not a saturated one, where latency is only queueing), each sample
 * sends one `custom:bench_ping` for a new visitor and polls (every 5 ms)
 * until the contact is in the "Bench ping" segment.
 */
async function measureMembershipLatency({ api, url, publishableKey, connect, log, extra, rate }) {
  const { segment } = await api("POST", "/admin/marketing/segments", { name: "Bench ping", definition: { event: { type: "custom:bench_ping" } } })
  const c = await connect()
  const samples = []
  const loadSeconds = Math.max(10, Math.ceil(LATENCY_SAMPLES * 0.25))
  const load = runLoad({ kind: "events", batchSize: 1, ...extra, url, publishableKey, duration: loadSeconds, connections: CONNECTIONS, rate })
  try {
    await new Promise((r) => setTimeout(r, 1000))
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      const anon = `bench-ping-${Date.now()}-${i}`
      const t0 = process.hrtime.bigint()
      const res = await fetch(`${url}/store/marketing/events`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-publishable-api-key": publishableKey },
        body: JSON.stringify({ type: "custom:bench_ping", anonymous_id: anon, properties: {} }),
      })
      if (!res.ok) throw new Error(`ping ${i}: ${res.status} ${await res.text()}`)
      samples.push(await msUntilMember(c, { segmentId: segment.id, anonymousId: anon, t0, everyMs: 5 }))
    }
  } finally {
    await c.end().catch(() => {})
  }
  const background = await load
  await api("DELETE", `/admin/marketing/segments/${segment.id}`)
  const result = {
    samples: samples.length,
    p50_ms: round(quantile(samples, 0.5)),
    p95_ms: round(quantile(samples, 0.95)),
    max_ms: round(Math.max(...samples)),
    background_requests_per_second: round(background.requests_per_second),
  }
  log(`event → membership under load (${result.background_requests_per_second} req/s of single events): p50 ${result.p50_ms} ms, p95 ${result.p95_ms} ms`)
  return result
}

/** The live heap the last full collection left (--trace-gc), or null when none ran. */
const lastLiveHeap = (gcs) => (gcs.length ? gcs[gcs.length - 1].after_mb : null)

/**
 * Resident memory of the plugin's server now, and of the same app without
 * the plugin after the same rounds of the baseline; with the live heap the
 * last full garbage collection left in each (what the objects take, where
 * resident memory also counts what V8 keeps reserved after heavy allocation).
 */
async function measureMemory({ server, startServer, publishableKey, log, atStartMb, pluginGcs }) {
  const withPlugin = serverUsage(server.pid).kb / 1024
  const bare = await startServer({ env: { MMA_WITHOUT_PLUGIN: "1", MMA_SMTP_PORT: "" }, logName: "bench-server-without-plugin" })
  try {
    const withoutAtStart = serverUsage(bare.pid).kb / 1024
    const bareGcs = gcReader(bare.logFile)
    const gcs = []
    await runLoad({ kind: "regions", url: bare.url, publishableKey, duration: 3, connections: CONNECTIONS })
    for (let r = 0; r < ROUNDS; r++) {
      await runLoad({ kind: "regions", url: bare.url, publishableKey, duration: DURATION, connections: CONNECTIONS })
      gcs.push(...bareGcs())
    }
    const without = serverUsage(bare.pid).kb / 1024
    const heapWith = lastLiveHeap(pluginGcs)
    const heapWithout = lastLiveHeap(gcs)
    const result = {
      with_plugin_mb: round(withPlugin),
      without_plugin_mb: round(without),
      plugin_mb: round(withPlugin - without),
      // Just started, before any load: what the code itself holds.
      at_start_with_plugin_mb: atStartMb == null ? null : round(atStartMb),
      at_start_without_plugin_mb: round(withoutAtStart),
      live_heap_with_plugin_mb: heapWith,
      live_heap_without_plugin_mb: heapWithout,
      live_heap_plugin_mb: heapWith != null && heapWithout != null ? round(heapWith - heapWithout) : null,
    }
    log(
      `resident memory: ${result.with_plugin_mb} MB with the plugin after the realistic run, ${result.without_plugin_mb} MB without it; ` +
        `live heap after the last full GC ${heapWith ?? "?"} and ${heapWithout ?? "?"} MB`
    )
    return result
  } finally {
    await bare.stop()
  }
}

/**
 * Waits until the server has no statement running on the bench database for
 * 1.5 s (at most a minute): subscribers still working through the last
 * load's events would otherwise deadlock with the seed's TRUNCATE.
 */
async function untilQuiet(connect, dbName) {
  const c = await connect()
  try {
    const deadline = Date.now() + 60000
    for (let quiet = 0; quiet < 3 && Date.now() < deadline; ) {
      const { rows } = await c.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND state NOT IN ('idle')`,
        [dbName]
      )
      quiet = rows[0].n ? 0 : quiet + 1
      await new Promise((r) => setTimeout(r, 500))
    }
  } finally {
    await c.end().catch(() => {})
  }
}

async function run({ url, token, publishableKey, db, log, server, startServer }) {
  const api = adminApi(url, token)
  const connect = pgConnector(db.connectionString)
  // The server has only started (and answered the bench's setup requests).
  const atStartMb = server ? serverUsage(server.pid).kb / 1024 : null
  // Full garbage collections the server logs from here on (scripts/bench.js starts it with --trace-gc).
  const readGcs = server?.logFile ? gcReader(server.logFile) : () => []
  const result = { scenario: "ingest", rounds: ROUNDS, duration_seconds: DURATION, connections: CONNECTIONS, targets: TARGETS, stores: {} }
  if (STORES.includes("bare")) {
    result.stores.bare = await measureStore({ url, publishableKey, log, label: "bare store" })
    // The table's rows, as before the realistic store existed.
    result.rows = result.stores.bare.rows
  }
  if (STORES.includes("realistic")) {
    await untilQuiet(connect, db.name)
    const setup = await buildRealisticStore({ api, connect, contacts: CONTACTS, workers: SEED_WORKERS, log })
    const c = await connect()
    const { rows } = await c.query(`SELECT anonymous_id FROM marketing_visitor WHERE anonymous_id LIKE 'anon-bench-%' ORDER BY random() LIMIT 1000`)
    await c.end()
    const extra = { mix: "varied", returningVisitors: rows.map((r) => r.anonymous_id) }
    const measured = await measureStore({ url, publishableKey, log, label: "realistic store", extra })
    const rate = Math.max(1, Math.round(measured.rows[1].requests_per_second / 2))
    const latency = await measureMembershipLatency({ api, url, publishableKey, connect, log, extra, rate })
    const memory = server && startServer ? await measureMemory({ server, startServer, publishableKey, log, atStartMb, pluginGcs: readGcs() }) : null
    const { rows: counts } = await (async () => {
      const k = await connect()
      try {
        return await k.query(
          `SELECT (SELECT count(*)::int FROM marketing_flow_enrollment) AS enrollments,
                  (SELECT count(*)::int FROM marketing_segment_membership WHERE exited_at IS NULL) AS memberships`
        )
      } finally {
        await k.end().catch(() => {})
      }
    })()
    result.stores.realistic = { setup, ...measured, membership_latency: latency, memory, after: counts[0] }
  }
  return result
}

function storeTable(label, store) {
  const lines = [
    `#### ${label}`,
    "",
    "| scenario | requests/s | events/s | p50 ms | p99 ms | requests/s vs GET /store/regions |",
    "|---|---:|---:|---:|---:|---:|",
  ]
  for (const r of store.rows) {
    lines.push(`| ${r.scenario} | ${r.requests_per_second} | ${r.events_per_second ?? "–"} | ${r.latency_p50_ms} | ${r.latency_p99_ms} | ${r.ratio_to_regions} |`)
  }
  const met = (ok) => (ok ? "**met**" : "**not met**")
  lines.push(
    "",
    `- One event per request: ${store.single_ratio}× regions; target ${TARGETS.single_ratio}×: ${met(store.single_ratio >= TARGETS.single_ratio)}`,
    `- Batches of 50: ${store.batch_events_per_baseline_request} events per regions request (target ${TARGETS.batch_events_per_baseline_request} in the realistic store)`
  )
  return lines
}

function toMarkdown(result) {
  const lines = [`### Ingest throughput (${result.rounds} interleaved rounds of ${result.duration_seconds} s, ${result.connections} connections, medians)`, ""]
  if (result.stores.bare) lines.push(...storeTable("Bare store", result.stores.bare), "")
  const r = result.stores.realistic
  if (r) {
    lines.push(
      ...storeTable(
        `Realistic store (${r.setup.contacts.toLocaleString("en")} contacts, ${r.setup.rules} scoring rules, ${r.setup.segments.length} segments, ${r.setup.flows} active flows; varied traffic)`,
        r
      )
    )
    const l = r.membership_latency
    lines.push(
      `- Event → segment membership while single events arrive at ${l.background_requests_per_second} req/s (half the rate measured above): p50 ${l.p50_ms} ms, p95 ${l.p95_ms} ms, max ${l.max_ms} ms (${l.samples} samples); target p95 under ${TARGETS.membership_p95_ms} ms: ${l.p95_ms < TARGETS.membership_p95_ms ? "**met**" : "**not met**"}`
    )
    if (r.memory) {
      lines.push(
        `- Resident memory after the run: ${r.memory.with_plugin_mb} MB, against ${r.memory.without_plugin_mb} MB for the same app without the plugin after the same rounds of the baseline: ${r.memory.plugin_mb} MB more; target under ${TARGETS.memory_mb} MB: ${r.memory.plugin_mb < TARGETS.memory_mb ? "**met**" : "**not met**"}. Just started: ${r.memory.at_start_with_plugin_mb} MB with the plugin, ${r.memory.at_start_without_plugin_mb} MB without. Live heap after the last full garbage collection: ${r.memory.live_heap_with_plugin_mb ?? "none ran"} MB with the plugin, ${r.memory.live_heap_without_plugin_mb ?? "none ran"} MB without`
      )
    }
    lines.push(`- After the run: ${r.after.enrollments.toLocaleString("en")} flow enrollments, ${r.after.memberships.toLocaleString("en")} open segment memberships`)
  }
  return lines.join("\n")
}

module.exports = { run, toMarkdown }
