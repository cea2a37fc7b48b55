#!/usr/bin/env node
"use strict"
/**
 * `npm test`: builds the plugin, finds a PostgreSQL (localhost:5432, or an
 * embedded one when nothing answers), then runs every Jest project: unit,
 * integration (the real Medusa app) and browser (headless Chromium).
 * Extra arguments go to Jest, e.g. `npm test -- --selectProjects unit`.
 */
const { spawn, spawnSync } = require("child_process")
const fs = require("fs")
const os = require("os")
const path = require("path")
const { ensurePostgres } = require("./lib/database")

const root = path.resolve(__dirname, "..")

function step(message) {
  process.stdout.write(`[test] ${message}\n`)
}

function buildPlugin() {
  step("building the plugin (medusa plugin:build)")
  const result = spawnSync("npx", ["medusa", "plugin:build"], { cwd: root, encoding: "utf8", env: process.env })
  const output = `${result.stdout || ""}${result.stderr || ""}`
  if (result.status !== 0 || /completed with errors|error TS\d+/.test(output)) {
    process.stdout.write(output)
    throw new Error("the plugin build failed")
  }
}

function runJest(args, env) {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      // One spec at a time, in a worker process that is replaced after every file over 256 MB of heap (every
      // integration spec: each boots a Medusa app). Run in band, what each app left behind added up, and the last
      // specs of a lane ran slower and slower (2026-12-07: a 120 s boot timeout, 12 GB of heap).
      [require.resolve("jest/bin/jest"), "--maxWorkers=1", "--workerIdleMemoryLimit=256MB", "--forceExit", ...args],
      { cwd: root, env, stdio: "inherit" }
    )
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

async function main() {
  const started = Date.now()
  const jestArgs = process.argv.slice(2)
  buildPlugin()

  const db = await ensurePostgres({
    dataDir: path.join(root, ".test-pgdata"),
    persistent: false,
  })
  const resultsFile = path.join(os.tmpdir(), `mma-jest-${process.pid}.json`)
  const env = {
    ...process.env,
    DB_HOST: db.host,
    DB_PORT: String(db.port),
    DB_USERNAME: db.user,
    DB_PASSWORD: db.password || "",
    // Medusa's config loader uses dynamic import().
    NODE_OPTIONS: `${process.env.NODE_OPTIONS || ""} --experimental-vm-modules --max-old-space-size=4096`.trim(),
  }
  delete env.DATABASE_URL
  // Each integration spec writes the routes whose answers it held to the API reference (integration-tests/contract.ts).
  const contractDir = fs.mkdtempSync(path.join(os.tmpdir(), "mma-contract-"))
  env.MMA_CONTRACT_DIR = contractDir

  // The whole suite runs in two lanes side by side, each one spec at a time: unit and integration specs in one,
  // the browser specs (one shared admin build, fixed database names: never two at once) and the two-instance
  // flow spec (mostly waiting on its own three processes) in the other. Arguments run one Jest as given.
  // MMA_TEST_LANES=1 runs the whole suite in one lane.
  const lanes =
    jestArgs.length || process.env.MMA_TEST_LANES === "1"
      ? [{ name: null, args: jestArgs }]
      : [
          {
            name: "unit+integration",
            args: ["--selectProjects", "unit", "integration", "--testPathIgnorePatterns", "/node_modules/", "flows-instances"],
          },
          {
            name: "browser",
            args: ["--selectProjects", "browser", "integration", "--testPathPattern", "integration-tests/browser/|\\.browser\\.spec\\.|flows-instances"],
          },
        ]
  if (lanes.length > 1) step(`two lanes side by side: ${lanes.map((l) => l.name).join(" | ")}`)

  let codes = []
  const results = lanes.map((_, i) => path.join(os.tmpdir(), `mma-jest-${process.pid}-${i}.json`))
  try {
    codes = await Promise.all(lanes.map((lane, i) => runJest([...lane.args, "--json", `--outputFile=${results[i]}`], env)))
  } finally {
    await db.stop()
  }
  let code = codes.length && codes.every((c) => c === 0) ? 0 : 1

  // One closing summary that any CI reader understands, over both lanes.
  const reports = results.filter((f) => fs.existsSync(f)).map((f) => {
    const r = JSON.parse(fs.readFileSync(f, "utf8"))
    fs.rmSync(f, { force: true })
    return r
  })
  if (reports.length < lanes.length) code = 1
  const sum = (key) => reports.reduce((n, r) => n + (r[key] || 0), 0)
  // The slowest files, so a suite creeping towards its 30-minute budget shows where.
  const files = reports
    .flatMap((r) => r.testResults || [])
    .map((t) => ({ name: path.relative(root, t.name), seconds: (t.endTime - t.startTime) / 1000 }))
    .sort((a, b) => b.seconds - a.seconds)
  const total = files.reduce((n, f) => n + f.seconds, 0)
  process.stdout.write(`\nslowest test files (of ${files.length}, ${Math.round(total)} s in all, ${Math.round((Date.now() - started) / 1000)} s of wall time):\n`)
  for (const f of files.slice(0, 12)) process.stdout.write(`  ${f.seconds.toFixed(1).padStart(7)} s  ${f.name}\n`)
  process.stdout.write(`\n${sum("numPassedTests")} passed, ${sum("numFailedTests")} failed, ${sum("numPendingTests") + sum("numTodoTests")} skipped\n`)
  if (sum("numTotalTests") === 0) code = 1
  // A whole run must have held a real answer of every documented route to the reference.
  if (!jestArgs.length) {
    const unchecked = routesNeverChecked(contractDir)
    if (unchecked.length) {
      code = 1
      process.stdout.write(`\n${unchecked.length} documented routes got no answer checked against openapi.json in any spec:\n${unchecked.map((r) => `  ${r}`).join("\n")}\n`)
    } else {
      process.stdout.write("every documented route had real answers checked against openapi.json\n")
    }
  }
  fs.rmSync(contractDir, { recursive: true, force: true })
  process.exit(code)
}

/** The operations of openapi.json that no spec's contract check recorded. */
function routesNeverChecked(dir) {
  const reference = JSON.parse(fs.readFileSync(path.join(root, "openapi.json"), "utf8"))
  const checked = new Set(fs.readdirSync(dir).flatMap((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"))))
  const all = Object.entries(reference.paths).flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`))
  return all.filter((op) => !checked.has(op))
}

main().catch((e) => {
  process.stderr.write(`[test] ${e.message}\n`)
  process.exit(1)
})
