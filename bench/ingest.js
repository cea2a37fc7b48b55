"use strict"
/**
 * Ingest throughput through POST /store/marketing/events, single events and
 * batches of 50, measured in the same run and against the same server as
 * Medusa's own GET /store/regions. Rounds are interleaved so that noise from
 * the shared machine hits every scenario alike; medians are reported.
 */
const { median, runLoad } = require("./common")

const ROUNDS = Number(process.env.BENCH_ROUNDS || 3)
const DURATION = Number(process.env.BENCH_DURATION || 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 10)

async function run({ url, publishableKey, log }) {
  const scenarios = [
    { name: "GET /store/regions (Medusa baseline)", kind: "regions", batchSize: 0 },
    { name: "POST /store/marketing/events, 1 event per request", kind: "events", batchSize: 1 },
    { name: "POST /store/marketing/events, 50 events per request", kind: "events", batchSize: 50 },
  ]
  // Warm-up: JIT, connection pools, caches
  for (const s of scenarios) {
    await runLoad({ ...s, url, publishableKey, duration: 3, connections: CONNECTIONS })
  }
  const samples = Object.fromEntries(scenarios.map((s) => [s.name, []]))
  for (let round = 1; round <= ROUNDS; round++) {
    for (const s of scenarios) {
      const r = await runLoad({ ...s, url, publishableKey, duration: DURATION, connections: CONNECTIONS })
      if (r.non2xx || r.errors) {
        throw new Error(`${s.name}: ${r.non2xx} non-2xx answers and ${r.errors} errors in round ${round}`)
      }
      samples[s.name].push(r)
      log(`round ${round}/${ROUNDS} ${s.name}: ${r.requests_per_second.toFixed(1)} req/s, p50 ${r.latency_p50_ms} ms`)
    }
  }
  const rows = scenarios.map((s) => {
    const rps = median(samples[s.name].map((r) => r.requests_per_second))
    return {
      scenario: s.name,
      batch_size: s.batchSize,
      requests_per_second: Number(rps.toFixed(1)),
      events_per_second: s.batchSize ? Number((rps * s.batchSize).toFixed(0)) : null,
      latency_p50_ms: median(samples[s.name].map((r) => r.latency_p50_ms)),
      latency_p99_ms: median(samples[s.name].map((r) => r.latency_p99_ms)),
      samples_requests_per_second: samples[s.name].map((r) => Number(r.requests_per_second.toFixed(1))),
    }
  })
  const baseline = rows[0].requests_per_second
  for (const row of rows) row.ratio_to_regions = Number((row.requests_per_second / baseline).toFixed(2))
  return {
    scenario: "ingest",
    rounds: ROUNDS,
    duration_seconds: DURATION,
    connections: CONNECTIONS,
    target: "at least 2,000 events/s with batches",
    rows,
  }
}

function toMarkdown(result) {
  const lines = [
    `### Ingest throughput (${result.rounds} interleaved rounds of ${result.duration_seconds} s, ${result.connections} connections, medians)`,
    "",
    "| scenario | requests/s | events/s | p50 ms | p99 ms | requests/s vs GET /store/regions |",
    "|---|---:|---:|---:|---:|---:|",
  ]
  for (const r of result.rows) {
    lines.push(
      `| ${r.scenario} | ${r.requests_per_second} | ${r.events_per_second ?? "–"} | ${r.latency_p50_ms} | ${r.latency_p99_ms} | ${r.ratio_to_regions} |`
    )
  }
  return lines.join("\n")
}

module.exports = { run, toMarkdown }
