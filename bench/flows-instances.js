#!/usr/bin/env node
"use strict"
/**
 * The several-instances scenario at the size: `node bench/flows-instances.js`
 * takes 5,000 enrollments (FLOWS_INSTANCES_ENROLLMENTS to change it) through a
 * two-email flow on two worker instances against one Postgres and the real
 * Redis, one instance SIGKILLed midway and 10% of deliveries refused
 * (scripts/lib/flows-instances.js; `npm test` runs the same scenario smaller).
 * Checks the same outcome as the spec, prints the figures and writes them to
 * bench/results/flows-instances-<time>.json. Builds the plugin when stale.
 */
const fs = require("fs")
const path = require("path")
const { ensurePostgres } = require("../scripts/lib/database")
const { ensureRedis } = require("../scripts/lib/redis")
const { runInstancesScenario } = require("../scripts/lib/flows-instances")

async function main() {
  const enrollments = Number(process.env.FLOWS_INSTANCES_ENROLLMENTS || 5000)
  const redis = await ensureRedis()
  if (!redis.ok) throw new Error(redis.reason)
  const db = await ensurePostgres({ dataDir: path.join(__dirname, "..", ".bench-pgdata"), persistent: false })
  let report
  try {
    report = await runInstancesScenario({
      enrollments,
      redisUrl: redis.url,
      db: { host: db.host, port: db.port, user: db.user, password: db.password || "" },
    })
  } finally {
    await db.stop()
  }
  const problems = []
  if (report.counts.enrollments.completed !== enrollments) problems.push(`${enrollments - report.counts.enrollments.completed} enrollments not completed`)
  if (report.lost.length) problems.push(`${report.lost.length} emails lost`)
  if (report.unexplained.length) problems.push(`${report.unexplained.length} emails delivered twice without a cut-off attempt`)
  if (report.counts.repeatedStepRuns) problems.push(`${report.counts.repeatedStepRuns} steps run twice`)
  const file = path.join(__dirname, "results", `flows-instances-${new Date().toISOString().replace(/[:.]/g, "-")}.json`)
  fs.writeFileSync(file, JSON.stringify({ ...report, inFlightAtKill: report.inFlightAtKill.length, problems }, null, 2) + "\n")
  console.log(`[instances] results in ${path.relative(process.cwd(), file)}`)
  if (problems.length) throw new Error(problems.join("; "))
}

main().catch((e) => {
  console.error(`[instances] ${e.message}`)
  process.exit(1)
})
