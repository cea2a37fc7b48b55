"use strict"
/**
 * Segment benchmarks, against the running bench store:
 *
 * 1. Full build: for each size (BENCH_SEGMENT_SIZES, default "100000,1000000"),
 *    the marketing tables are seeded by set-based SQL (bench/scoring-seed.js:
 *    N contacts, 10 events each) and acquisition scores are spread by one
 *    UPDATE. Then, BENCH_ROUNDS times: a three-condition segment (country in
 *    a list, viewed shoes at least twice in 7 days, acquisition score >= 20)
 *    is created through the admin API, which builds its membership, and
 *    deleted again; interleaved with a plain `SELECT count(*)` over the same
 *    join (the segment's own compiled condition), so the ratio compares work
 *    done in the same minutes. Medians are reported.
 * 2. Event → membership latency at the largest size: a segment "sent
 *    custom:bench_ping" exists alongside the three-condition one; each sample
 *    posts one event for a new visitor to POST /store/marketing/events and
 *    polls the membership table (every 10 ms, by indexed lookups) until the contact is a member.
 */
const path = require("path")
const { seed } = require("./scoring-seed")
const { msUntilMember, pgConnector } = require("./common")

const SIZES = String(process.env.BENCH_SEGMENT_SIZES || "100000,1000000")
  .split(",")
  .map((s) => Number(s.trim().replace(/_/g, "")))
  .filter((n) => Number.isFinite(n) && n > 0)
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3)
const SAMPLES = Number(process.env.BENCH_LATENCY_SAMPLES || 60)
const SEED_WORKERS = Number(process.env.BENCH_SEED_WORKERS || 2)
const TARGET_BUILD_S = 10
const TARGET_P95_MS = 1000

const DEFINITION = {
  and: [
    { field: "country_code", operator: "in", value: ["fr", "de", "nl"] },
    {
      event: {
        type: "product_viewed",
        where: { field: "properties.category", operator: "eq", value: "shoes" },
        count: { operator: "gte", value: 2 },
        within_days: 7,
      },
    },
    { field: "acquisition_score", operator: "gte", value: 20 },
  ],
}

const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : null
}
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]
}

function client(url, token) {
  return async (method, pathname, body, headers = {}) => {
    const res = await fetch(`${url}${pathname}`, {
      method,
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    })
    const text = await res.text()
    if (!res.ok) throw new Error(`${method} ${pathname} answered ${res.status}: ${text.slice(0, 2000)}`)
    return text ? JSON.parse(text) : {}
  }
}

/** The segment's own condition, compiled by the built plugin, with knex `?` turned into `$n`. */
function countStatement() {
  const { compileSegment, ELIGIBLE } = require(path.join(__dirname, "..", ".medusa", "server", "src", "modules", "marketing", "segments"))
  const cond = compileSegment(DEFINITION, { mode: "set", now: new Date() })
  let i = 0
  const text = `SELECT count(*)::int AS n FROM marketing_contact c WHERE ${ELIGIBLE} AND ${cond.sql}`.replace(/\?/g, () => `$${++i}`)
  return { text, values: cond.params }
}

async function measureBuilds({ api, connect, contacts, log }) {
  const c = await connect()
  const builds = []
  const counts = []
  let members = null
  try {
    for (let r = 1; r <= ROUNDS; r++) {
      const t0 = process.hrtime.bigint()
      const { segment } = await api("POST", "/admin/marketing/segments", { name: `Bench three conditions ${r}`, definition: DEFINITION })
      const buildS = Number(process.hrtime.bigint() - t0) / 1e9
      members = segment.member_count
      await api("DELETE", `/admin/marketing/segments/${segment.id}`)
      const t1 = process.hrtime.bigint()
      const { rows } = await c.query(countStatement())
      const countS = Number(process.hrtime.bigint() - t1) / 1e9
      if (rows[0].n !== members) throw new Error(`count(*) found ${rows[0].n} contacts, the build ${members}`)
      builds.push(buildS)
      counts.push(countS)
      log(`segments ${contacts.toLocaleString("en")} contacts, round ${r}/${ROUNDS}: build ${buildS.toFixed(2)} s, count(*) ${countS.toFixed(2)} s, ${members} members`)
    }
  } finally {
    await c.end().catch(() => {})
  }
  const build = median(builds)
  const count = median(counts)
  return {
    contacts,
    members,
    build_seconds: round(build),
    count_seconds: round(count),
    ratio_build_to_count: round(build / count),
    samples_build_seconds: builds.map((x) => round(x)),
    samples_count_seconds: counts.map((x) => round(x)),
  }
}

async function measureLatency({ api, url, publishableKey, connect, log }) {
  const store = client(url, null)
  const { segment: ping } = await api("POST", "/admin/marketing/segments", {
    name: "Bench ping",
    definition: { event: { type: "custom:bench_ping" } },
  })
  const { segment: three } = await api("POST", "/admin/marketing/segments", { name: "Bench three conditions", definition: DEFINITION })
  const c = await connect()
  const samples = []
  try {
    for (let i = 0; i < SAMPLES; i++) {
      const anon = `bench-ping-${Date.now()}-${i}`
      const t0 = process.hrtime.bigint()
      await store("POST", "/store/marketing/events", { events: [{ type: "custom:bench_ping", anonymous_id: anon, properties: {} }] }, {
        "x-publishable-api-key": publishableKey,
      })
      samples.push(await msUntilMember(c, { segmentId: ping.id, anonymousId: anon, t0 }))
    }
  } finally {
    await c.end().catch(() => {})
  }
  await api("DELETE", `/admin/marketing/segments/${ping.id}`)
  await api("DELETE", `/admin/marketing/segments/${three.id}`)
  const result = { samples: samples.length, p50_ms: round(quantile(samples, 0.5), 1), p95_ms: round(quantile(samples, 0.95), 1), max_ms: round(Math.max(...samples), 1) }
  log(`event → membership latency: p50 ${result.p50_ms} ms, p95 ${result.p95_ms} ms over ${samples.length} events`)
  return result
}

async function run({ url, token, publishableKey, db, log }) {
  const api = client(url, token)
  const connect = pgConnector(db.connectionString)
  const builds = []
  let latency = null
  for (const [i, contacts] of SIZES.entries()) {
    log(`seeding ${contacts.toLocaleString("en")} contacts with 10 events each`)
    const seeded = await seed(connect, { contacts, eventsPerContact: 10, workers: SEED_WORKERS, log })
    const c = await connect()
    // Scores as a recompute would leave them: 0–60, skewed low.
    await c.query(`UPDATE marketing_contact SET acquisition_score = floor(60 * random() ^ 2)::int`)
    await c.query(`VACUUM ANALYZE marketing_contact`)
    await c.end()
    builds.push({ ...(await measureBuilds({ api, connect, contacts, log })), events: seeded.events, seed_seconds: seeded.seconds })
    if (i === SIZES.length - 1) latency = await measureLatency({ api, url, publishableKey, connect, log })
  }
  return {
    scenario: "segments",
    rounds: ROUNDS,
    definition: DEFINITION,
    targets: { build_seconds_1m: TARGET_BUILD_S, latency_p95_ms: TARGET_P95_MS },
    builds,
    latency,
  }
}

function toMarkdown(result) {
  const lines = [
    "### Segments",
    "",
    "Full build of a three-condition segment (country in a list, viewed shoes at least twice in 7 days, acquisition score ≥ 20), medians of the rounds, against a plain `SELECT count(*)` over the same condition in the same run.",
    "",
    "| Contacts | Events | Members | Full build | count(*) | Build / count |",
    "|---:|---:|---:|---:|---:|---:|",
    ...result.builds.map(
      (b) =>
        `| ${b.contacts.toLocaleString("en")} | ${b.events.toLocaleString("en")} | ${b.members.toLocaleString("en")} | ${b.build_seconds} s | ${b.count_seconds} s | ${b.ratio_build_to_count}× |`
    ),
    "",
  ]
  if (result.latency) {
    lines.push(
      `Event → membership through \`POST /store/marketing/events\` (${result.latency.samples} events, one at a time, at the largest size): p50 **${result.latency.p50_ms} ms**, p95 **${result.latency.p95_ms} ms** (target p95 under 1 s).`,
      ""
    )
  }
  return lines.join("\n")
}

module.exports = { run, toMarkdown }
