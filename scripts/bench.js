#!/usr/bin/env node
"use strict"
/**
 * `npm run bench`: starts a real Medusa store with the plugin (built app,
 * `medusa start`, its own database) and runs the benchmark scenarios the
 * issues name, with load from separate processes. Results go to
 * bench/results/<scenario>-<time>.json and bench/results/latest.md.
 *
 * BENCH_ROUNDS, BENCH_DURATION (seconds) and BENCH_CONNECTIONS tune the run.
 */
const fs = require("fs")
const os = require("os")
const path = require("path")
const { ensurePostgres, findFreePort } = require("./lib/database")
const app = require("./lib/medusa-app")
const ingest = require("../bench/ingest")

const root = path.resolve(__dirname, "..")
const resultsDir = path.join(root, "bench", "results")
const appDir = path.join(root, "bench", ".app")
const DB_NAME = "mma_bench"

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

async function main() {
  app.setLogPrefix?.("bench")
  if (app.pluginBuildIsStale()) await app.buildPlugin()
  const db = await ensurePostgres({ dataDir: path.join(root, ".bench-pgdata"), persistent: false })
  let server
  try {
    await db.dropDatabase(DB_NAME)
    await db.createDatabase(DB_NAME)
    await app.prepareApp({ dir: appDir, databaseUrl: db.url(DB_NAME), adminEnabled: false })
    await app.buildApp(appDir)
    await app.migrate(appDir)
    await app.createAdminUser(appDir, "bench@example.com", "bench-password")
    const port = await findFreePort(9100)
    server = await app.startApp(appDir, { port, logName: "bench-server" })
    const url = server.url || `http://localhost:${port}`

    const { token } = await adminRequest(url, null, "POST", "/auth/user/emailpass", {
      email: "bench@example.com",
      password: "bench-password",
    })
    const { api_key } = await adminRequest(url, token, "POST", "/admin/api-keys", { title: "Bench", type: "publishable" })
    await adminRequest(url, token, "POST", "/admin/regions", { name: "Europe", currency_code: "eur", countries: ["fr", "de"] })

    log(`server ready at ${url}; running the ingest scenario`)
    const result = await ingest.run({ url, publishableKey: api_key.token, log })
    const meta = {
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memory_gb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
      database: db.embedded ? "embedded PostgreSQL" : `PostgreSQL at ${db.host}:${db.port}`,
    }
    fs.mkdirSync(resultsDir, { recursive: true })
    const stamp = meta.at.replace(/[:.]/g, "-")
    fs.writeFileSync(path.join(resultsDir, `ingest-${stamp}.json`), JSON.stringify({ ...meta, ...result }, null, 2) + "\n")
    const md = [
      `# Benchmark results`,
      ``,
      `Run at ${meta.at} on ${meta.machine.cpus} cores (${meta.machine.cpu}), ${meta.machine.memory_gb} GB, Node ${meta.machine.node}, ${meta.database}. Server and load generator share the machine.`,
      ``,
      ingest.toMarkdown(result),
      ``,
    ].join("\n")
    fs.writeFileSync(path.join(resultsDir, "latest.md"), md)
    process.stdout.write(`\n${md}\n`)
  } finally {
    if (server) await server.stop()
    await db.stop()
  }
}

main().catch((e) => {
  process.stderr.write(`[bench] ${e.stack || e.message}\n`)
  process.exit(1)
})
