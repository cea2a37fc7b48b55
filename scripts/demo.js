#!/usr/bin/env node
"use strict"
/**
 * npm run demo
 *
 * Brings up a real local Medusa store with this plugin and its admin, seeds a
 * small catalogue, registers shoppers and simulates storefront traffic through
 * the store API until Ctrl-C.
 *
 * Environment:
 *   DATABASE_URL   use this PostgreSQL (its database, or medusa_marketing_demo when none is named)
 *   REDIS_URL      run the app with Redis (event bus, workflow engine, locking, cache)
 *   PORT           HTTP port of the store (default 9000)
 *   DEMO_VISITORS  visitors in the first wave (default 30)
 *   DEMO_NO_TRAFFIC=1  start the store without the simulation
 *
 * Everything it writes lives in .demo/ (git-ignored): pgdata/ (embedded
 * PostgreSQL, when no server is found), app/ (the Medusa app), seed.json and
 * publishable-key.txt. Delete .demo/ to start from scratch.
 */
const fs = require("fs")
const path = require("path")
const { ensurePostgres } = require("./lib/database")
const app = require("./lib/medusa-app")
const { UNTHROTTLED_RATE_LIMITS } = require("./lib/rate-limits")
const { createSimulation, formatSummary } = require("./demo/simulate")
const { startInbox } = require("./demo/inbox")

const ROOT = app.REPO_ROOT
const DEMO_DIR = path.join(ROOT, ".demo")
const APP_DIR = path.join(DEMO_DIR, "app")
const ADMIN_EMAIL = "admin@example.com"
const ADMIN_PASSWORD = "supersecret"
const DEFAULT_DB = "medusa_marketing_demo"

app.setLogPrefix("demo")
const say = (m) => process.stdout.write(`[demo] ${m}\n`)

async function main() {
  const t0 = Date.now()
  const timings = {}
  const lap = (name, since) => {
    timings[name] = (Date.now() - since) / 1000
  }
  const port = Number(process.env.PORT || 9000)
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`PORT must be a TCP port, got "${process.env.PORT}"`)
  if (!(await app.portIsFree(port))) {
    throw new Error(
      `Port ${port} is already in use, so the demo store cannot start on it. ` +
        `Stop whatever listens on ${port}, or run with another port: PORT=9010 npm run demo`
    )
  }
  fs.mkdirSync(DEMO_DIR, { recursive: true })

  // 1. PostgreSQL ------------------------------------------------------------------
  let t = Date.now()
  const db = await ensurePostgres({ dataDir: path.join(DEMO_DIR, "pgdata"), persistent: true })
  const cleanup = []
  cleanup.push(() => db.stop())
  let dbName = DEFAULT_DB
  if (process.env.DATABASE_URL) {
    const named = decodeURIComponent(new URL(process.env.DATABASE_URL).pathname.replace(/^\//, ""))
    if (named) dbName = named
  }
  const createdDb = await db.createDatabase(dbName)
  const databaseUrl = db.url(dbName)
  say(`database ${dbName} ${createdDb ? "created" : "exists"} (${db.embedded ? "embedded PostgreSQL" : "PostgreSQL"} on ${db.host}:${db.port})`)
  lap("postgres", t)

  const shutdown = installShutdown(cleanup)
  try {
    // 2. plugin build -----------------------------------------------------------------
    t = Date.now()
    if (app.pluginBuildIsStale(ROOT)) {
      await app.buildPlugin(ROOT)
    } else {
      say("plugin build is up to date")
    }
    lap("pluginBuild", t)

    // 3. the app ------------------------------------------------------------------------
    await app.prepareApp({
      dir: APP_DIR,
      databaseUrl,
      redisUrl: process.env.REDIS_URL,
      // Demo only: no quiet hours and a 3-minute frequency cap, so flow email goes out while you watch.
      pluginOptions: {
        flows: { frequencyCapHours: 0.05, quietHours: null },
        // Tracking links point at this very server, so the simulated shoppers' opens and clicks land.
        email: { publicUrl: `http://localhost:${port}` },
        // Every simulated shopper comes from this machine's one address, which the per-address limits are for.
        rateLimits: UNTHROTTLED_RATE_LIMITS,
      },
      adminEnabled: true,
    })
    t = Date.now()
    await app.buildApp(APP_DIR)
    lap("appBuild", t)

    // Migrations: skipped when this database was migrated with this very build.
    t = Date.now()
    const stampPath = path.join(DEMO_DIR, "migrated.json")
    const buildStamp = readText(path.join(APP_DIR, ".mma-build-stamp"))
    const previous = readJson(stampPath)
    if (!createdDb && previous && previous.build === buildStamp && previous.databaseUrl === databaseUrl) {
      say("database already migrated with this build; skipping migrations")
    } else {
      fs.rmSync(stampPath, { force: true })
      await app.migrate(APP_DIR)
      fs.writeFileSync(stampPath, JSON.stringify({ build: buildStamp, databaseUrl }, null, 2) + "\n")
    }
    lap("migrate", t)

    // 4. seed ------------------------------------------------------------------------------
    t = Date.now()
    say("seeding the store (regions, shipping, publishable key, categories, products)...")
    const seedOut = path.join(DEMO_DIR, "seed.json")
    fs.rmSync(seedOut, { force: true })
    await app.execScript(APP_DIR, path.join(__dirname, "demo", "seed.ts"), [], {
      name: "seed",
      env: { MMA_SEED_OUTPUT: seedOut },
    })
    const seed = readJson(seedOut)
    if (!seed || !seed.publishable_key) throw new Error(`The seed script wrote no summary to ${seedOut}; see ${APP_DIR}/logs/seed.log`)
    fs.writeFileSync(path.join(DEMO_DIR, "publishable-key.txt"), seed.publishable_key + "\n")
    say(seed.seeded ? "store seeded" : "store was already seeded")
    say(`publishable API key: ${seed.publishable_key} (also in .demo/publishable-key.txt)`)
    lap("seed", t)

    t = Date.now()
    await app.createAdminUser(APP_DIR, ADMIN_EMAIL, ADMIN_PASSWORD)
    lap("adminUser", t)

    // 5. start -------------------------------------------------------------------------------
    t = Date.now()
    // The shoppers' mailbox: flow email goes out over real SMTP and lands here, where the simulation reads it.
    const inbox = await startInbox({ log: say })
    cleanup.unshift(() => inbox.stop())
    const server = await app.startApp(APP_DIR, { port, env: { MMA_SMTP_PORT: String(inbox.port) } })
    cleanup.unshift(() => server.stop())
    lap("start", t)
    server.exited.then((info) => {
      if (!shutdown.inProgress()) {
        say(`the Medusa app stopped unexpectedly (${info.signal || `code ${info.code}`}); see ${server.logFile}`)
        shutdown.run(1)
      }
    })

    const adminUrl = `http://localhost:${port}/app`
    console.log("")
    console.log("  ┌──────────────────────────────────────────────────────────────")
    console.log(`  │ Medusa admin:   ${adminUrl}`)
    console.log(`  │ Login:          ${ADMIN_EMAIL} / ${ADMIN_PASSWORD}`)
    console.log(`  │ Marketing:      ${adminUrl}/marketing/contacts`)
    console.log(`  │ Segments:       ${adminUrl}/marketing/segments`)
    console.log(`  │ Templates:      ${adminUrl}/marketing/templates`)
    console.log(`  │ Flows:          ${adminUrl}/marketing/flows`)
    console.log(`  │ Channels:       ${adminUrl}/marketing/channels`)
    console.log(`  │ Store API:      http://localhost:${port}/store  (x-publishable-api-key: ${seed.publishable_key})`)
    console.log(`  │ Server log:     ${server.logFile}`)
    console.log("  └──────────────────────────────────────────────────────────────")
    console.log("")

    await require("./demo/scoring").ensureScoringRules({
      baseUrl: server.url,
      email: ADMIN_EMAIL,
      password: ADMIN_PASSWORD,
      log: say,
    })
    await require("./demo/segments").ensureSegments({
      baseUrl: server.url,
      email: ADMIN_EMAIL,
      password: ADMIN_PASSWORD,
      log: say,
    })
    await require("./demo/templates").ensureTemplates({
      baseUrl: server.url,
      email: ADMIN_EMAIL,
      password: ADMIN_PASSWORD,
      log: say,
    })
    await require("./demo/flows").ensureFlows({
      baseUrl: server.url,
      email: ADMIN_EMAIL,
      password: ADMIN_PASSWORD,
      log: say,
    })
    await require("./demo/spend").ensureChannelSpend({
      baseUrl: server.url,
      email: ADMIN_EMAIL,
      password: ADMIN_PASSWORD,
      log: say,
    })

    // 6. shoppers ------------------------------------------------------------------------------
    if (process.env.DEMO_NO_TRAFFIC === "1") {
      say(`ready in ${((Date.now() - t0) / 1000).toFixed(0)} s; no simulated traffic (DEMO_NO_TRAFFIC=1). Ctrl-C to stop.`)
      printTimings(timings, t0)
      return
    }
    t = Date.now()
    const sim = createSimulation({ baseUrl: server.url, publishableKey: seed.publishable_key, inbox, log: say })
    cleanup.unshift(() => sim.stop())
    const { created } = await sim.ensureCustomers()
    say(
      `shoppers: ${sim.customers.length} customer accounts (${created.length} new), password "${require("./demo/data").CUSTOMER_PASSWORD}"`
    )
    const visitors = Number(process.env.DEMO_VISITORS || 30)
    say(`wave 1: ${visitors} visitors browsing, logging in and buying...`)
    const first = await sim.runWave(visitors, { everyCustomer: true })
    if (shutdown.inProgress()) return
    say(`wave 1: ${formatSummary(first)}`)
    lap("firstWave", t)
    printTimings(timings, t0)
    say("now a slow trickle of visitors keeps the data moving; Ctrl-C to stop")
    sim.startTrickle({
      everyMs: 4000,
      onWave: (n, s) => say(`wave ${n + 1}: ${formatSummary(s)}`),
    })
  } catch (e) {
    await shutdown.run(1, e)
  }
}

function printTimings(timings, t0) {
  const parts = Object.entries(timings).map(([k, v]) => `${k} ${v.toFixed(1)} s`)
  say(`timings: ${parts.join(", ")}; total ${((Date.now() - t0) / 1000).toFixed(1)} s`)
}

function readText(file) {
  try {
    return fs.readFileSync(file, "utf8").trim()
  } catch (e) {
    return null
  }
}
function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"))
  } catch (e) {
    return null
  }
}

/** Ctrl-C / SIGTERM: stop traffic, the app, then the embedded database. */
function installShutdown(cleanup) {
  let running = null
  const run = (code = 0, error) => {
    if (running) return running
    running = (async () => {
      if (error) console.error(`[demo] ${error && error.stack ? error.message : error}`)
      say("stopping...")
      for (const fn of cleanup) {
        try {
          await fn()
        } catch (e) {
          console.error(`[demo] while stopping: ${e.message}`)
        }
      }
      say("stopped")
      process.exit(code)
    })()
    return running
  }
  process.on("SIGINT", () => run(0))
  process.on("SIGTERM", () => run(0))
  return { run, inProgress: () => !!running }
}

main().catch((e) => {
  console.error(`[demo] ${e && e.message ? e.message : e}`)
  process.exit(1)
})
