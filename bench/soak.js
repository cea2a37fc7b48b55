"use strict"
/**
 * Soak: mixed traffic at a steady share of the server's capacity for minutes
 * on end, against the running bench store. Not in the default scenario list
 * (it takes as long as it is told to): BENCH_SCENARIOS=soak.
 *
 * The mix, by share of requests (BENCH_SOAK_MIX, e.g. "event=50,batch=10,…"):
 *   event   POST /store/marketing/events, one event (publishable key)
 *   batch   POST /store/marketing/events, BENCH_SOAK_BATCH events (default 20, the tracker's batch)
 *   beacon  POST /marketing/events/beacon, text/plain as sendBeacon sends it
 *   open    GET /marketing/t/o/:token, the open pixel of a sent message
 *   click   GET /marketing/t/c/:token, a link of a sent message (302)
 *   admin   the dashboard's reads in turn: contacts, a contact, segments, reports
 * Pixel and click tokens are the links the plugin itself builds for an email
 * (messageUrls from the built plugin, signed with the bench app's secret) for
 * BENCH_SOAK_MESSAGES messages (default 2000) seeded as sent an hour ago, so
 * opens count as a person's and write events, as real ones do.
 *
 * 1. Capacity: the same mix in a closed loop (BENCH_CONNECTIONS workers, default
 *    10) for BENCH_SOAK_CAPACITY_SECONDS (default 20) after a 10 s warm-up;
 *    capacity is the answered-without-error requests per second.
 * 2. Soak: the mix at BENCH_SOAK_LOAD × capacity (default 0.8) requests/s on a
 *    fixed schedule (open loop) for BENCH_SOAK_SECONDS (default 300);
 *    BENCH_SOAK_RATE sets a rate in requests/s instead.
 *    Per minute: requests, errors (non-2xx/3xx, timeouts after
 *    BENCH_SOAK_TIMEOUT_MS, default 10000, socket errors) by status, p50/p99.
 *    The server's resident memory (its process and any children), its CPU time
 *    and the machine's load average are sampled every
 *    BENCH_SOAK_MEMORY_INTERVAL seconds (default 5).
 *    The server runs with --trace-gc (scripts/bench.js adds it when the soak
 *    is chosen): the live heap after each full collection is read from its log.
 * Targets: no errors, and memory flat within 10% after the first minute, judged
 * twice: resident memory, the median of the last minute's samples against the
 * second minute's (single samples swing by hundreds of MB between garbage
 * collections; start, after the first minute and end are reported too), and
 * the live heap after full collections, the last against the first after the
 * first minute (resident memory also grows while V8 enlarges its reserve).
 */
const fs = require("fs")
const os = require("os")
const path = require("path")
const { spawn } = require("child_process")
const { Client } = require("pg")
const { adminApi, gcReader, serverUsage } = require("./common")

const SECONDS = Number(process.env.BENCH_SOAK_SECONDS || 300)
const LOAD = Number(process.env.BENCH_SOAK_LOAD || 0.8)
/** A fixed rate in requests/s instead of a share of the capacity (to find the rate a store sustains). */
const FIXED_RATE = process.env.BENCH_SOAK_RATE ? Number(process.env.BENCH_SOAK_RATE) : null
const CAPACITY_SECONDS = Number(process.env.BENCH_SOAK_CAPACITY_SECONDS || 20)
const WARMUP_SECONDS = Number(process.env.BENCH_SOAK_WARMUP_SECONDS || 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 10)
const MESSAGES = Number(process.env.BENCH_SOAK_MESSAGES || 2000)
const BATCH = Number(process.env.BENCH_SOAK_BATCH || 20)
const TIMEOUT_MS = Number(process.env.BENCH_SOAK_TIMEOUT_MS || 10_000)
const MEMORY_INTERVAL = Number(process.env.BENCH_SOAK_MEMORY_INTERVAL || 5)
const WINDOW_SECONDS = 60
const DEFAULT_MIX = "event=50,batch=10,beacon=5,open=15,click=10,admin=10"
const TARGET_MEMORY_GROWTH = 0.1

const round = (x, d = 1) => (x === null || x === undefined ? null : Math.round(x * 10 ** d) / 10 ** d)
const mb = (kb) => round(kb / 1024, 1)
const medianOf = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : round((s[s.length / 2 - 1] + s[s.length / 2]) / 2, 1)
}

function parseMix(text) {
  const mix = {}
  for (const part of text.split(",").map((s) => s.trim()).filter(Boolean)) {
    const [kind, weight] = part.split("=")
    if (!["event", "batch", "beacon", "open", "click", "admin"].includes(kind) || !(Number(weight) >= 0)) {
      throw new Error(`BENCH_SOAK_MIX: "${part}" is not kind=weight with kind one of event, batch, beacon, open, click, admin`)
    }
    mix[kind] = Number(weight)
  }
  return mix
}

/** Runs bench/soak-load.js with a plan on stdin; resolves its JSON result line. */
function runSoakLoad(plan, log) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, "soak-load.js")], { stdio: ["pipe", "pipe", "pipe"] })
    let out = ""
    child.stdout.on("data", (d) => (out += d))
    child.stderr.on("data", (d) => {
      for (const line of String(d).split("\n").filter(Boolean)) log(line.replace(/^\[soak-load\] /, "soak: "))
    })
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop())) : reject(new Error(`the soak load generator exited ${code}`))))
    child.stdin.end(JSON.stringify(plan))
  })
}

async function run({ url, token, publishableKey, db, log, server, emailSecret }) {
  if (!server?.pid) throw new Error("the soak scenario needs the server's pid from scripts/bench.js")
  if (!emailSecret) throw new Error("the soak scenario needs the bench app's email secret from scripts/bench.js")
  const mix = parseMix(process.env.BENCH_SOAK_MIX || DEFAULT_MIX)
  const api = adminApi(url, token)
  const memoryAtStartup = serverUsage(server.pid)

  // What the dashboard reads: segments that incoming events move people into, and a template for the messages.
  const segments = [
    {
      name: "Soak: viewed shoes twice this week",
      definition: {
        event: { type: "product_viewed", where: { field: "properties.category", operator: "eq", value: "shoes" }, count: { operator: "gte", value: 2 }, within_days: 7 },
      },
    },
    { name: "Soak: added to cart", definition: { event: { type: "product_added_to_cart" } } },
    { name: "Soak: opened an email", definition: { event: { type: "email_opened" } } },
  ]
  for (const s of segments) await api("POST", "/admin/marketing/segments", s)
  const { template } = await api("POST", "/admin/marketing/templates", {
    name: "Soak: newsletter",
    subject: "News for {{default contact.first_name \"you\"}}",
    html: `<p>Hi {{contact.first_name}}!</p><p><a href="https://shop.example.com/products/rain-jacket">Rain jacket</a></p>`,
    text: "Hi {{contact.first_name}}! https://shop.example.com/products/rain-jacket",
  })

  const pg = new Client({ connectionString: db.connectionString })
  await pg.connect()
  try {
    await pg.query(
      `INSERT INTO marketing_contact (id, email, first_name, first_seen_at, last_seen_at, email_marketing_consent,
                                      email_marketing_consent_source, email_marketing_consent_at)
       SELECT 'mcon_soak_' || g, 'soak-' || g || '@example.com', 'Reader ' || g, now() - interval '2 days', now() - interval '1 hour',
              'granted', 'import', now() - interval '2 days'
         FROM generate_series(1, $1) g`,
      [MESSAGES]
    )
    // Sent an hour ago: an open now is a person's, not a mail proxy's prefetch.
    await pg.query(
      `INSERT INTO marketing_message (id, email, contact_id, template_id, kind, topic, idempotency_key, context, status, attempts,
                                      queued_at, next_attempt_at, sent_at, open_count, click_count, machine_open_count, machine_click_count)
       SELECT 'mmsg_soak_' || g, 'soak-' || g || '@example.com', 'mcon_soak_' || g, $2, 'marketing', 'newsletter', 'soak:' || g,
              '{}'::jsonb, 'sent', 1, now() - interval '1 hour', now() - interval '1 hour', now() - interval '1 hour', 0, 0, 0, 0
         FROM generate_series(1, $1) g`,
      [MESSAGES, template.id]
    )
  } finally {
    await pg.end()
  }

  // The links exactly as the plugin builds them for an email.
  const { messageUrls } = require(path.join(__dirname, "..", ".medusa", "server", "src", "modules", "marketing", "email", "urls.js"))
  const links = []
  for (let g = 1; g <= MESSAGES; g++) {
    const urls = messageUrls({ publicUrl: url, secret: emailSecret }, { id: `mmsg_soak_${g}`, contact_id: `mcon_soak_${g}` })
    links.push({
      open: urls.open_url.slice(url.length),
      click: urls.click_url(`https://shop.example.com/products/rain-jacket?utm_source=email&n=${g}`).slice(url.length),
    })
  }
  // One of each first: a wrong secret or an unknown message would make every one an error.
  for (const [kind, link, want] of [["open", links[0].open, 200], ["click", links[0].click, 302]]) {
    const res = await fetch(`${url}${link}`, { redirect: "manual", headers: { "user-agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/124.0" } })
    if (res.status !== want) throw new Error(`the ${kind} link ${link} answered ${res.status}, not ${want}: ${await res.text()}`)
  }
  const adminPaths = [
    "/admin/marketing/contacts?limit=20",
    "/admin/marketing/contacts/mcon_soak_1",
    "/admin/marketing/segments",
    "/admin/marketing/reports/messages",
    "/admin/marketing/contacts?limit=20&order=-acquisition_score",
    "/admin/marketing/reports/funnel",
    "/admin/marketing/reports/flows",
  ]
  const basePlan = { url, publishableKey, adminToken: token, links, adminPaths, mix, batchSize: BATCH, timeoutMs: TIMEOUT_MS, visitors: 5000 }

  log(`soak: measuring capacity, the mix in a closed loop with ${CONNECTIONS} connections for ${CAPACITY_SECONDS} s after ${WARMUP_SECONDS} s of warm-up`)
  const beforeCapacity = serverUsage(server.pid)
  const capacityStarted = Date.now()
  const capacity = await runSoakLoad(
    { ...basePlan, mode: "closed", connections: CONNECTIONS, seconds: CAPACITY_SECONDS, warmupSeconds: WARMUP_SECONDS, progressSeconds: 10 },
    log
  )
  const capacityPerSecond = capacity.ok_per_second
  const afterCapacity = serverUsage(server.pid)
  const capacityCpu =
    beforeCapacity.cpuSeconds === null ? null : round((100 * (afterCapacity.cpuSeconds - beforeCapacity.cpuSeconds)) / ((Date.now() - capacityStarted) / 1000), 0)
  const capacityLoad = round(os.loadavg()[0], 2)
  if (!(capacityPerSecond > 0)) throw new Error(`capacity measured as ${capacityPerSecond} requests/s: ${JSON.stringify(capacity.overall)}`)
  const rate = FIXED_RATE ?? round(capacityPerSecond * LOAD, 1)
  log(
    `soak: capacity ${round(capacityPerSecond)} requests/s (p50 ${capacity.overall.latency_p50_ms} ms, p99 ${capacity.overall.latency_p99_ms} ms, ${capacity.overall.errors} errors); ` +
      `soaking at ${rate} requests/s for ${SECONDS} s`
  )

  // Memory from the moment the soak starts, every few seconds.
  const memory = []
  const fullGcs = []
  const readGcs = gcReader(server.logFile)
  const t0 = Date.now()
  const sample = () => {
    const second = round((Date.now() - t0) / 1000, 1)
    for (const gc of readGcs()) fullGcs.push({ second, ...gc })
    const { kb, cpuSeconds, processes } = serverUsage(server.pid)
    // The machine's 1-minute load average: other work on a shared machine shows here.
    memory.push({ second, rss_mb: mb(kb), cpu_seconds: cpuSeconds, load_average: round(os.loadavg()[0], 2), processes })
  }
  sample()
  const sampler = setInterval(sample, MEMORY_INTERVAL * 1000)
  let soak
  try {
    soak = await runSoakLoad({ ...basePlan, mode: "open", rate, seconds: SECONDS, windowSeconds: WINDOW_SECONDS, progressSeconds: 10 }, log)
  } finally {
    clearInterval(sampler)
  }
  sample()

  const start = memory[0]
  // The first sample at or after one minute (or the first when the soak is shorter).
  const afterFirstMinute = memory.find((m) => m.second >= WINDOW_SECONDS) ?? memory[0]
  const end = memory[memory.length - 1]
  // Resident memory saws up and down by hundreds of MB between garbage collections, so single
  // samples can land on a peak or a trough: the verdict compares the medians of whole minutes,
  // the second (the first after warming up) against the last.
  const minutes = []
  for (let w = 0; w * WINDOW_SECONDS < SECONDS; w++) {
    const xs = memory.filter((m) => m.second >= w * WINDOW_SECONDS && m.second < (w + 1) * WINDOW_SECONDS).map((m) => m.rss_mb)
    if (!xs.length) continue
    // The server's CPU over the minute, in % of one core (Node runs JavaScript on one), from the samples around it.
    const inside = memory.filter((m) => m.second >= w * WINDOW_SECONDS && m.second <= (w + 1) * WINDOW_SECONDS + MEMORY_INTERVAL)
    const first = inside[0]
    const lastIn = inside[inside.length - 1]
    const cpu =
      first.cpu_seconds !== null && lastIn.second > first.second
        ? round((100 * (lastIn.cpu_seconds - first.cpu_seconds)) / (lastIn.second - first.second), 0)
        : null
    minutes.push({
      minute: w + 1,
      samples: xs.length,
      min_mb: Math.min(...xs),
      median_mb: medianOf(xs),
      max_mb: Math.max(...xs),
      server_cpu_percent: cpu,
      load_average: medianOf(inside.map((m) => m.load_average)),
    })
  }
  // Judged from the third minute on: with fewer there is nothing after the second to compare.
  const second = minutes.find((m) => m.minute === 2)
  const last = minutes[minutes.length - 1]
  const growth = second && last.minute > 2 ? (last.median_mb - second.median_mb) / second.median_mb : null
  const pointGrowth = (end.rss_mb - afterFirstMinute.rss_mb) / afterFirstMinute.rss_mb
  // Heap after full collections: the first one after the first minute against the last one.
  const laterGcs = fullGcs.filter((g) => g.second >= WINDOW_SECONDS)
  const heapFirst = laterGcs[0]
  const heapLast = laterGcs[laterGcs.length - 1]
  const heapGrowth = laterGcs.length >= 2 ? (heapLast.after_mb - heapFirst.after_mb) / heapFirst.after_mb : null
  const overall = soak.overall
  const verdicts = {
    errors: { target: 0, actual: overall.errors, met: overall.errors === 0 },
    memory: {
      target: `median of the last minute within ${TARGET_MEMORY_GROWTH * 100}% of the median of the second minute`,
      actual_change_percent: growth === null ? null : round(growth * 100, 1),
      met: growth === null ? null : Math.abs(growth) <= TARGET_MEMORY_GROWTH,
    },
    heap: {
      target: `heap after the last full garbage collection within ${TARGET_MEMORY_GROWTH * 100}% of the heap after the first one past the first minute`,
      actual_change_percent: heapGrowth === null ? null : round(heapGrowth * 100, 1),
      met: heapGrowth === null ? null : Math.abs(heapGrowth) <= TARGET_MEMORY_GROWTH,
    },
  }
  log(
    `soak: ${overall.requests} requests, ${overall.errors} errors (${round(overall.error_rate * 100, 3)}%), p99 ${overall.latency_p99_ms} ms; ` +
      `memory ${start.rss_mb} MB at the start, ${afterFirstMinute.rss_mb} MB after the first minute, ${end.rss_mb} MB at the end; ` +
      `minute medians ${minutes.map((m) => m.median_mb).join(", ")} MB (${growth === null ? "too short to judge" : `${round(growth * 100, 1)}% from the second minute to the last`})`
  )
  return {
    scenario: "soak",
    event_bus: process.env.BENCH_REDIS === "1" ? "redis" : "local",
    seconds: SECONDS,
    load: FIXED_RATE ? null : LOAD,
    fixed_rate: FIXED_RATE,
    mix,
    batch_size: BATCH,
    messages: MESSAGES,
    timeout_ms: TIMEOUT_MS,
    capacity: {
      connections: CONNECTIONS,
      warmup_seconds: WARMUP_SECONDS,
      seconds: CAPACITY_SECONDS,
      requests_per_second: round(capacityPerSecond, 1),
      server_cpu_percent: capacityCpu,
      load_average_at_end: capacityLoad,
      overall: capacity.overall,
      by_kind: capacity.by_kind,
    },
    rate_per_second: rate,
    scheduled: soak.scheduled,
    overall,
    minutes: soak.windows,
    by_kind: soak.by_kind,
    memory: {
      at_startup_mb: mb(memoryAtStartup.kb),
      start_mb: start.rss_mb,
      after_first_minute_mb: afterFirstMinute.rss_mb,
      after_first_minute_second: afterFirstMinute.second,
      end_mb: end.rss_mb,
      change_after_first_minute_percent: round(pointGrowth * 100, 1),
      minutes,
      second_to_last_minute_median_change_percent: growth === null ? null : round(growth * 100, 1),
      processes: end.processes,
      interval_seconds: MEMORY_INTERVAL,
      samples: memory,
    },
    heap: {
      full_gcs: fullGcs,
      after_first_minute_mb: heapFirst?.after_mb ?? null,
      end_mb: heapLast?.after_mb ?? null,
      change_after_first_minute_percent: heapGrowth === null ? null : round(heapGrowth * 100, 1),
    },
    verdicts,
  }
}

const statusText = (statuses) =>
  Object.entries(statuses)
    .sort((a, b) => b[1] - a[1])
    .map(([s, n]) => `${s}: ${n}`)
    .join(", ")

function toMarkdown(r) {
  const pct = (x) => `${round(x * 100, 3)}%`
  const mixText = Object.entries(r.mix)
    .map(([k, w]) => `${k} ${w}`)
    .join(", ")
  const lines = [
    `### Soak (${r.seconds} s at ${r.fixed_rate ? `a fixed ${r.fixed_rate} requests/s, BENCH_SOAK_RATE` : `${Math.round(r.load * 100)}% of the measured capacity`})`,
    ``,
    `Mix by share of requests: ${mixText} (event: one event, batch: ${r.batch_size} events through POST /store/marketing/events; beacon: 3 events as text/plain; open/click: signed links of ${r.messages} messages sent an hour earlier; admin: contacts, a contact, segments, message, funnel and flow reports in turn). ` +
      `Capacity: the mix in a closed loop with ${r.capacity.connections} connections for ${r.capacity.seconds} s after ${r.capacity.warmup_seconds} s of warm-up, **${r.capacity.requests_per_second} requests/s** (p50 ${r.capacity.overall.latency_p50_ms} ms, p99 ${r.capacity.overall.latency_p99_ms} ms, ${r.capacity.overall.errors} errors; server CPU ${r.capacity.server_cpu_percent ?? "–"}% of a core, machine load average ${r.capacity.load_average_at_end}). ` +
      `Soak: **${r.rate_per_second} requests/s** on a fixed schedule (open loop); latency from when each request was due; an error is anything but 2xx/3xx, a timeout (${r.timeout_ms / 1000} s) or a socket error. ` +
      `The store runs ${r.event_bus === "redis" ? "with Redis (event bus, workflow engine, locking, cache, rate-limit buckets)" : "without Redis (Medusa's in-process event bus, rate-limit buckets in memory)"}; ` +
      `rate limits are on, far above this load (scripts/lib/rate-limits.js), so their cost is in the figures.`,
    ``,
    `| minute | requests | requests/s | errors | statuses | p50 ms | p99 ms |`,
    `|---:|---:|---:|---:|---|---:|---:|`,
    ...r.minutes.map(
      (m) => `| ${m.window}${m.seconds < 60 ? ` (${m.seconds} s)` : ""} | ${m.requests} | ${m.per_second} | ${m.errors} | ${statusText(m.statuses)} | ${m.latency_p50_ms} | ${m.latency_p99_ms} |`
    ),
    `| all | ${r.overall.requests} | ${r.overall.per_second} | ${r.overall.errors} | ${statusText(r.overall.statuses)} | ${r.overall.latency_p50_ms} | ${r.overall.latency_p99_ms} |`,
    ``,
    `| request | requests | errors | p50 ms | p99 ms |`,
    `|---|---:|---:|---:|---:|`,
    ...Object.entries(r.by_kind).map(([k, s]) => `| ${k} | ${s.requests} | ${s.errors} | ${s.latency_p50_ms} | ${s.latency_p99_ms} |`),
    ``,
    `Server memory (resident, ${r.memory.processes === 1 ? "one process" : `${r.memory.processes} processes`}, sampled every ${r.memory.interval_seconds} s): ${r.memory.at_startup_mb} MB after startup, ` +
      `**${r.memory.start_mb} MB** at the start of the soak, **${r.memory.after_first_minute_mb} MB** after the first minute, **${r.memory.end_mb} MB** at the end ` +
      `(${r.memory.change_after_first_minute_percent > 0 ? "+" : ""}${r.memory.change_after_first_minute_percent}% from the first minute to the end; single samples, which land anywhere on the garbage collector's saw).`,
    ``,
    `| minute | memory min MB | median MB | max MB | server CPU, % of a core | machine load average |`,
    `|---:|---:|---:|---:|---:|---:|`,
    ...r.memory.minutes.map((m) => `| ${m.minute} | ${m.min_mb} | ${m.median_mb} | ${m.max_mb} | ${m.server_cpu_percent ?? "–"} | ${m.load_average} |`),
    ``,
    r.heap.full_gcs.length
      ? `Live heap after each full garbage collection during the soak (--trace-gc): ${r.heap.full_gcs.map((g) => `${g.after_mb} MB at ${Math.round(g.second)} s`).join(", ")}. ` +
        `What V8 keeps reserved after them: ${r.heap.full_gcs[0].reserved_mb} → ${r.heap.full_gcs[r.heap.full_gcs.length - 1].reserved_mb} MB; resident memory follows that reserve, not the live heap.`
      : `No full garbage collection was logged during the soak (the server runs with --trace-gc when the soak is chosen).`,
    ``,
    `- Errors: ${r.overall.errors} of ${r.overall.requests} (${pct(r.overall.error_rate)}); target 0: **${r.verdicts.errors.met ? "met" : "missed"}**`,
    r.verdicts.memory.met === null
      ? `- Memory: not judged, the soak ended before a third minute (the verdict compares the median of the last minute with the second's)`
      : `- Memory (resident), median of the last minute against the second: ${r.verdicts.memory.actual_change_percent > 0 ? "+" : ""}${r.verdicts.memory.actual_change_percent}%; target within ±10%: **${r.verdicts.memory.met ? "met" : "missed"}**`,
    r.verdicts.heap.met === null
      ? `- Live heap: not judged, fewer than two full garbage collections after the first minute`
      : `- Live heap after full garbage collections, the last against the first after the first minute: ${r.verdicts.heap.actual_change_percent > 0 ? "+" : ""}${r.verdicts.heap.actual_change_percent}%; target within ±10%: **${r.verdicts.heap.met ? "met" : "missed"}**`,
  ]
  return lines.join("\n")
}

module.exports = { run, toMarkdown }
