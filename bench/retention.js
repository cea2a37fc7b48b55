"use strict"
/**
 * Retention: the nightly purge of behavioural events past `tracking.retentionDays`
 * at storefront scale. Seeds BENCH_RETENTION_CONTACTS contacts (1M) with 10
 * events each (bench/scoring-seed.js: events over the last 60 days), then runs
 * the purge with a cut-off BENCH_RETENTION_DAYS (30) days back, which takes
 * about half of them, with the plugin's own code from the built plugin
 * (`retention/purge.js`: claim, the types, batches of 10,000 each in its own
 * transaction, with the run counted), as the workflow's steps call it.
 * Meanwhile one client keeps sending storefront events (POST
 * /store/marketing/events, one at a time), and their latency is compared with
 * the same client before the purge: ingestion must not wait on it.
 */
const path = require("path")
const { pgConnector, median } = require("./common")
const { seed } = require("./scoring-seed")

const CONTACTS = Number(process.env.BENCH_RETENTION_CONTACTS || 1_000_000)
const DAYS = Number(process.env.BENCH_RETENTION_DAYS || 30)
const BATCH = Number(process.env.BENCH_RETENTION_BATCH || 10_000)
const BASELINE_SECONDS = Number(process.env.BENCH_RETENTION_BASELINE_SECONDS || 20)

const built = (file) => require(path.join(path.resolve(__dirname, ".."), ".medusa/server/src/modules/marketing", file))

function runnerOf(client) {
  return {
    async execute(sql, params = []) {
      let i = 0
      return (await client.query(sql.replace(/\?/g, () => `$${++i}`), params)).rows
    },
  }
}

const percentile = (xs, p) => {
  if (!xs.length) return null
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]
}

/** One client sending a two-event storefront request at a time until `stop()`; latencies in ms. */
function ingestLoop({ url, publishableKey }) {
  const latencies = []
  let failures = 0
  let running = true
  let n = 0
  const done = (async () => {
    while (running) {
      const anon = `anon-retention-bench-${process.pid}-${n++}`
      const t = process.hrtime.bigint()
      const res = await fetch(`${url}/store/marketing/events`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-publishable-api-key": publishableKey },
        body: JSON.stringify({ events: [
          { type: "page_viewed", anonymous_id: anon, properties: { path: "/" } },
          { type: "product_viewed", anonymous_id: anon, properties: { product_id: "prod_bench", category: "shoes" } },
        ] }),
      }).catch(() => null)
      latencies.push(Number(process.hrtime.bigint() - t) / 1e6)
      if (!res || !res.ok) failures++
      else await res.arrayBuffer()
    }
  })()
  return { stop: async () => { running = false; await done; return { latencies, failures } } }
}

const summary = ({ latencies, failures }) => ({
  requests: latencies.length,
  failures,
  p50_ms: Number(median(latencies).toFixed(1)),
  p99_ms: Number(percentile(latencies, 99).toFixed(1)),
  max_ms: Number(Math.max(...latencies).toFixed(1)),
})

async function run({ url, publishableKey, db, log }) {
  const connect = pgConnector(db.connectionString)
  const seeded = await seed(connect, { contacts: CONTACTS, eventsPerContact: 10, workers: 2, log: (m) => log(`  seed: ${m}`) })
  log(`seeded ${seeded.contacts.toLocaleString("en")} contacts and ${seeded.events.toLocaleString("en")} events in ${seeded.seconds} s`)
  const { retentionCutoff, runDay, isPurgeable } = built("retention/policy.js")
  const purge = built("retention/purge.js")
  const now = new Date()
  const cutoff = retentionCutoff(now, DAYS)

  const c = await connect()
  const em = runnerOf(c)
  try {
    const [{ total, old, kept }] = await em.execute(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE occurred_at < ?::timestamptz AND type NOT IN ('order_placed', 'order_canceled'))::int AS old,
              count(*) FILTER (WHERE occurred_at < ?::timestamptz AND type IN ('order_placed', 'order_canceled'))::int AS kept
         FROM marketing_event`,
      [cutoff.toISOString(), cutoff.toISOString()]
    )
    log(`${total.toLocaleString("en")} events; ${old.toLocaleString("en")} behavioural ones before ${cutoff.toISOString()} to purge, ${kept.toLocaleString("en")} orders' events before it kept`)
    await em.execute(`DELETE FROM marketing_retention_run`)

    log(`ingest baseline: ${BASELINE_SECONDS} s`)
    const baseline = ingestLoop({ url, publishableKey })
    await new Promise((r) => setTimeout(r, BASELINE_SECONDS * 1000))
    const before = summary(await baseline.stop())

    const during = ingestLoop({ url, publishableKey })
    const t0 = process.hrtime.bigint()
    await c.query("BEGIN")
    const run = await purge.claimRetentionRun(em, { id: `mret_bench_${Date.now()}`, runOn: runDay(now), days: DAYS, cutoff, now })
    await c.query("COMMIT")
    const batchMs = []
    let deleted = 0
    const types = await purge.purgeableTypes(em, cutoff)
    for (const type of types) {
      if (!isPurgeable(type)) throw new Error(`${type} is not purgeable`)
      let from = null
      for (;;) {
        const tb = process.hrtime.bigint()
        await c.query("BEGIN")
        const batch = await purge.purgeEventBatch(em, { type, cutoff, limit: BATCH, from })
        if (batch.deleted) await purge.recordRetentionProgress(em, run.id, batch.deleted)
        await c.query("COMMIT")
        batchMs.push(Number(process.hrtime.bigint() - tb) / 1e6)
        deleted += batch.deleted
        if (batch.deleted < BATCH) break
        from = batch.last
        if (batchMs.length % 100 === 0) log(`  ${deleted.toLocaleString("en")} deleted`)
      }
    }
    const finished = await purge.finishRetentionRun(em, run.id, new Date())
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9
    const ingest = summary(await during.stop())
    const [{ left }] = await em.execute(
      `SELECT count(*)::int AS left FROM marketing_event WHERE occurred_at < ?::timestamptz AND type NOT IN ('order_placed', 'order_canceled')`,
      [cutoff.toISOString()]
    )
    log(`purged ${deleted.toLocaleString("en")} events in ${seconds.toFixed(1)} s (${batchMs.length} batches, p99 ${percentile(batchMs, 99).toFixed(0)} ms); ingest p99 ${before.p99_ms} → ${ingest.p99_ms} ms`)
    return {
      scenario: "retention",
      seed: seeded,
      retention_days: DAYS,
      cutoff: cutoff.toISOString(),
      events_total: total,
      events_to_purge: old,
      orders_kept_before_cutoff: kept,
      events_deleted: deleted,
      events_left_before_cutoff: left,
      run_events_deleted: finished.events_deleted,
      seconds: Number(seconds.toFixed(1)),
      events_per_second: Math.round(deleted / seconds),
      batches: batchMs.length,
      batch_ms: { p50: Number(median(batchMs).toFixed(1)), p99: Number(percentile(batchMs, 99).toFixed(1)), max: Number(Math.max(...batchMs).toFixed(1)) },
      ingest_before: before,
      ingest_during: ingest,
    }
  } finally {
    await c.end()
  }
}

function toMarkdown(r) {
  return [
    `### Retention: the nightly purge (${r.events_deleted.toLocaleString("en")} of ${r.events_total.toLocaleString("en")} events)`,
    ``,
    `Seeded ${r.seed.contacts.toLocaleString("en")} contacts and ${r.seed.events.toLocaleString("en")} events over 60 days; cut-off ${r.retention_days} days back.`,
    ``,
    `| deleted | time | events/s | batches | batch p50 / p99 / max | ingest p50 / p99 before | during |`,
    `|---:|---:|---:|---:|---:|---:|---:|`,
    `| ${r.events_deleted.toLocaleString("en")} | **${r.seconds} s** | ${r.events_per_second.toLocaleString("en")} | ${r.batches} | ${r.batch_ms.p50} / ${r.batch_ms.p99} / ${r.batch_ms.max} ms | ${r.ingest_before.p50_ms} / ${r.ingest_before.p99_ms} ms | ${r.ingest_during.p50_ms} / ${r.ingest_during.p99_ms} ms (${r.ingest_during.requests} requests, ${r.ingest_during.failures} failed) |`,
    ``,
    `Left before the cut-off: ${r.events_left_before_cutoff} behavioural events; ${r.orders_kept_before_cutoff.toLocaleString("en")} orders' events kept.`,
  ].join("\n")
}

module.exports = { run, toMarkdown }
