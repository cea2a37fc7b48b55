#!/usr/bin/env node
"use strict"
/**
 * `npm run bench`: starts a real Medusa store with the plugin (built app,
 * `medusa start`, its own database) and runs the benchmark scenarios, with
 * load from separate processes. Results go to
 * bench/results/<scenario>-<time>.json and bench/results/latest.md.
 *
 * Scenarios (BENCH_SCENARIOS, comma-separated; default: all but soak, which runs
 * for minutes by design and only when named):
 *   ingest   events/s through POST /store/marketing/events vs GET /store/regions (bench/ingest.js)
 *   scoring  ingest with and without 20 scoring rules, and full score recomputes
 *            of 100k and 1M seeded contacts (bench/scoring.js)
 *   segments full builds of a three-condition segment over 100k and 1M seeded
 *            contacts vs count(*), and event → membership latency (bench/segments.js)
 *   email    render and hand-off throughput from the message queue to an SMTP
 *            sink on loopback through the plugin's SMTP provider (bench/email.js)
 *   flows    the flow runner's throughput over 100k due enrollments (vs the email
 *            scenario's emails/s when both run), event → email latency of a
 *            triggered flow, and enrolling a 1M-contact segment vs a bare
 *            INSERT … SELECT (bench/flows.js; BENCH_FLOWS_ENROLLMENTS,
 *            BENCH_FLOWS_SEGMENT_SIZE, BENCH_FLOWS_SEGMENT_ROUNDS)
 *   reports  the dashboard's report routes over 1M messages and 100k attributed
 *            orders, medians of 5 calls over 30 and 90 days, the slowest against
 *            500 ms (bench/reports.js; BENCH_REPORTS_MESSAGES, BENCH_REPORTS_ORDERS,
 *            BENCH_REPORTS_CALLS)
 *   predictions  the nightly prediction fit over 1M contacts, 300k customers and
 *            about 1M orders vs a bare SELECT of the same summaries
 *            (bench/predictions.js; BENCH_PREDICTION_CONTACTS, _CUSTOMERS, _ROUNDS)
 *   retention  the nightly purge of behavioural events past the retention period:
 *            1M seeded contacts, 10M events, about half before the cut-off, with
 *            storefront ingestion running beside it (bench/retention.js;
 *            BENCH_RETENTION_CONTACTS, _DAYS, _BATCH; only when named)
 *   imports  contact imports of generated CSV files (100k and 1M rows) into a
 *            store of as many contacts, half the file's addresses among them:
 *            upload and staging, background apply, rows/s against a bare COPY
 *            of the same file, and the 100k file again (bench/imports.js;
 *            BENCH_IMPORT_ROWS, BENCH_IMPORT_TIMEOUT)
 *   forms    the storefront tracker's signup forms in Chromium with the CPU
 *            throttled 4×: tracker load to the pop-up interactive vs the
 *            tracker's own start, and the gzip bytes the forms add to the
 *            script (bench/forms.js; BENCH_FORMS_ROUNDS)
 *   soak     mixed tracking, pixel, click and admin traffic at 80% of the
 *            capacity measured in the same run, for 5 minutes: errors, p99 per
 *            minute, server memory (bench/soak.js; BENCH_SOAK_SECONDS,
 *            BENCH_SOAK_LOAD, BENCH_SOAK_MIX and more there)
 *
 * BENCH_ROUNDS, BENCH_DURATION (seconds) and BENCH_CONNECTIONS tune the load;
 * BENCH_RECOMPUTE_SIZES (default "100000,1000000") and BENCH_RECOMPUTE_TIMEOUT
 * (seconds, default 300) the recomputes, BENCH_SEGMENT_SIZES (default
 * "100000,1000000") and BENCH_LATENCY_SAMPLES (default 60) the segments. The bench database is dropped at the
 * end (BENCH_KEEP_DB=1 keeps it). BENCH_REDIS=1 runs the store with Redis (event
 * bus, workflow engine, locking, cache) on 127.0.0.1:6379, as a production
 * store runs; by default it has none (Medusa's in-process event bus).
 */
const fs = require("fs")
const os = require("os")
const path = require("path")
const { ensurePostgres, findFreePort } = require("./lib/database")
const { ensureRedis } = require("./lib/redis")
const app = require("./lib/medusa-app")
const { UNTHROTTLED_RATE_LIMITS } = require("./lib/rate-limits")

const root = path.resolve(__dirname, "..")
const resultsDir = path.join(root, "bench", "results")
const appDir = path.join(root, "bench", ".app")
// BENCH_DB_NAME lets two benchmark runs share a server.
const DB_NAME = process.env.BENCH_DB_NAME || "mma_bench"

const SCENARIOS = {
  ingest: () => require("../bench/ingest"),
  scoring: () => require("../bench/scoring"),
  segments: () => require("../bench/segments"),
  email: () => require("../bench/email"),
  flows: () => require("../bench/flows"),
  reports: () => require("../bench/reports"),
  predictions: () => require("../bench/predictions"),
  soak: () => require("../bench/soak"),
  retention: () => require("../bench/retention"),
  imports: () => require("../bench/imports"),
  forms: () => require("../bench/forms"),
}
/** Scenarios that run only when BENCH_SCENARIOS names them. */
const OPT_IN = new Set(["soak", "retention"])
// Signs the links in the bench store's emails; the soak scenario builds pixel and click links with it.
const EMAIL_SECRET = "bench-email-link-secret-0123456789"

const log = (m) => process.stdout.write(`[bench] ${m}\n`)

async function adminRequest(url, token, method, pathname, body) {
  const res = await fetch(`${url}${pathname}`, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
  if (!res.ok) throw new Error(`${method} ${pathname} answered ${res.status}: ${await res.text()}`)
  return res.json()
}

function chosenScenarios() {
  const defaults = Object.keys(SCENARIOS).filter((n) => !OPT_IN.has(n))
  const names = String(process.env.BENCH_SCENARIOS || defaults.join(","))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
  const unknown = names.filter((n) => !SCENARIOS[n])
  if (unknown.length) throw new Error(`Unknown BENCH_SCENARIOS ${unknown.join(", ")}; choose from ${Object.keys(SCENARIOS).join(", ")}`)
  if (!names.length) throw new Error("BENCH_SCENARIOS names no scenario")
  return names
}

/**
 * latest.md holds one section per scenario between <!-- bench:NAME --> markers;
 * a run replaces the sections of the scenarios it ran and keeps the others.
 */
function writeLatest(meta, sections) {
  const file = path.join(resultsDir, "latest.md")
  let kept = []
  try {
    const previous = fs.readFileSync(file, "utf8")
    const re = /<!-- bench:([a-z0-9_-]+) -->\n([\s\S]*?)<!-- \/bench:\1 -->/g
    for (let m; (m = re.exec(previous)); ) {
      if (!sections.some((s) => s.name === m[1])) kept.push({ name: m[1], body: m[2].trimEnd(), kept: true })
    }
  } catch (e) {
    /* first run */
  }
  const order = Object.keys(SCENARIOS)
  const all = [...sections, ...kept].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name))
  const md = [
    `# Benchmark results`,
    ``,
    `Run at ${meta.at} on ${meta.machine.cpus} cores (${meta.machine.cpu}), ${meta.machine.memory_gb} GB, Node ${meta.machine.node}, ${meta.database}${meta.redis ? `, Redis at ${meta.redis.replace(/^redis:\/\//, "")}` : ""}. Server and load generator share the machine.` +
      (kept.length ? ` Sections marked "earlier run" come from a previous run.` : ""),
    ``,
    ...all.map((s) => `<!-- bench:${s.name} -->\n${s.kept && !/earlier run/.test(s.body) ? `_(earlier run)_\n\n` : ""}${s.body}\n<!-- /bench:${s.name} -->\n`),
  ].join("\n")
  fs.writeFileSync(file, md)
  return md
}

async function main() {
  app.setLogPrefix?.("bench")
  const names = chosenScenarios()
  if (app.pluginBuildIsStale()) await app.buildPlugin()
  const db = await ensurePostgres({ dataDir: path.join(root, ".bench-pgdata"), persistent: false })
  let server
  let cleaning = null
  const cleanup = () => {
    if (cleaning) return cleaning
    cleaning = (async () => {
      if (server) await server.stop().catch((e) => log(`stopping the server failed: ${e.message}`))
      if (global.__benchSmtpSink) await global.__benchSmtpSink.close().catch(() => {})
      if (process.env.BENCH_KEEP_DB !== "1") {
        // The scoring scenario leaves millions of rows behind.
        await db.dropDatabase(DB_NAME).catch((e) => log(`dropping ${DB_NAME} failed: ${e.message}`))
      }
      await db.stop()
    })()
    return cleaning
  }
  const onSignal = (sig) => {
    log(`${sig}: stopping the server and dropping the bench database`)
    cleanup().finally(() => process.exit(130))
  }
  process.once("SIGINT", onSignal)
  process.once("SIGTERM", onSignal)
  try {
    await db.dropDatabase(DB_NAME)
    await db.createDatabase(DB_NAME)
    // The email scenario's SMTP sink must exist before the app starts: its port is in the app's config.
    const sink = names.includes("email") || names.includes("flows") ? await require("../bench/smtp-sink").startSink() : null
    global.__benchSmtpSink = sink
    const redis = process.env.BENCH_REDIS === "1" ? await ensureRedis() : null
    if (redis && !redis.ok) throw new Error(redis.reason)
    await app.prepareApp({
      dir: appDir,
      databaseUrl: db.url(DB_NAME),
      redisUrl: redis?.url,
      adminEnabled: false,
      pluginOptions: { rateLimits: UNTHROTTLED_RATE_LIMITS, email: { secret: EMAIL_SECRET } },
      env: sink ? { MMA_SMTP_PORT: String(sink.port), MMA_SMTP_CONNECTIONS: "16" } : {},
    })
    await app.buildApp(appDir)
    await app.migrate(appDir)
    await app.createAdminUser(appDir, "bench@example.com", "bench-password")
    const port = await findFreePort(9100)
    // The soak reads the live heap after each full garbage collection from the server's log.
    // The ingest scenario compares it with the same app's without the plugin.
    if ((names.includes("soak") || names.includes("ingest")) && !/--trace-gc\b/.test(process.env.MMA_SERVER_NODE_ARGS || "")) {
      process.env.MMA_SERVER_NODE_ARGS = `${process.env.MMA_SERVER_NODE_ARGS || ""} --trace-gc`.trim()
    }
    server = await app.startApp(appDir, { port, logName: "bench-server" })
    const url = server.url || `http://localhost:${port}`

    const { token } = await adminRequest(url, null, "POST", "/auth/user/emailpass", {
      email: "bench@example.com",
      password: "bench-password",
    })
    const { api_key } = await adminRequest(url, token, "POST", "/admin/api-keys", { title: "Bench", type: "publishable" })
    await adminRequest(url, token, "POST", "/admin/regions", { name: "Europe", currency_code: "eur", countries: ["fr", "de"] })

    const meta = {
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memory_gb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      database: db.embedded ? "embedded PostgreSQL" : `PostgreSQL at ${db.host}:${db.port}`,
      redis: redis ? redis.url : null,
    }
    fs.mkdirSync(resultsDir, { recursive: true })
    const stamp = meta.at.replace(/[:.]/g, "-")
    const sections = []
    // Later scenarios compare with earlier ones of the same run (flows with email).
    const results = {}
    for (const name of names) {
      const scenario = SCENARIOS[name]()
      log(`server ready at ${url}; running the ${name} scenario`)
      const result = await scenario.run({
        url,
        token,
        publishableKey: api_key.token,
        db: { connectionString: db.url(DB_NAME), name: DB_NAME },
        log,
        results,
        server: { pid: server.pid, logFile: server.logFile },
        // Another server of the same app and database, on its own port (the ingest scenario's memory baseline).
        startServer: async ({ env, logName }) => app.startApp(appDir, { port: await findFreePort(port + 1), env, logName }),
        emailSecret: EMAIL_SECRET,
      })
      results[name] = result
      fs.writeFileSync(path.join(resultsDir, `${name}-${stamp}.json`), JSON.stringify({ ...meta, ...result }, null, 2) + "\n")
      sections.push({ name, body: scenario.toMarkdown(result) })
      // Written after each scenario, so a later failure keeps what was measured.
      writeLatest(meta, sections)
    }
    const md = writeLatest(meta, sections)
    process.stdout.write(`\n${md}\n`)
  } finally {
    await cleanup()
    process.removeListener("SIGINT", onSignal)
    process.removeListener("SIGTERM", onSignal)
  }
}

main().catch((e) => {
  process.stderr.write(`[bench] ${e.stack || e.message}\n`)
  process.exit(1)
})
