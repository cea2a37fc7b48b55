"use strict"
/**
 * Lead-scoring benchmarks, against the same running store as the ingest scenario:
 *
 * 1. What scoring adds to ingest: events/s through POST /store/marketing/events
 *    in batches of 50 with 20 active scoring rules and with none. The same 20
 *    rules are deactivated and reactivated between interleaved rounds (the
 *    order alternates: off/on, on/off, …), so noise from the shared machine
 *    hits both alike; medians and their ratio are reported.
 * 2. Full recompute: for each size, the marketing tables are emptied and
 *    seeded by set-based SQL (bench/scoring-seed.js) with N contacts and 10
 *    events each, then a recompute is started through the admin API and
 *    polled until it is done. Seeding time is reported apart from the
 *    recompute time (the target, under 60 s for 1M contacts, is for the recompute).
 *    Then each of two rules (over 28% and 14% of the events) is edited and
 *    applied to history: by a full recompute, then by the rule alone (target:
 *    under 20 s at 1M contacts for a rule over a tenth of the events).
 *
 * 3. Per-person operations on each seeded store, after its recomputes:
 *    BENCH_PERSON_OPS (default 15) times each of an identify that merges an
 *    anonymous contact (with its events and ledger entries) into the contact
 *    owning the email it gives, and an erasure of a person, through the store
 *    and admin APIs one at a time; medians of the request times.
 *
 * BENCH_RECOMPUTE_SIZES (default "100000,1000000"), BENCH_RECOMPUTE_TIMEOUT
 * (seconds, default 300), BENCH_SEED_WORKERS (default 2), BENCH_SCOPED_ROUNDS
 * (default 3) tune the second part;
 * BENCH_ROUNDS, BENCH_DURATION, BENCH_CONNECTIONS the first. BENCH_SCORING_PARTS
 * ("ingest,recompute" by default) runs one part alone.
 */
const { seed } = require("./scoring-seed")
const { toMarkdown } = require("./scoring-report")
const { median, pgConnector, runLoad } = require("./common")

const ROUNDS = Number(process.env.BENCH_ROUNDS || 3)
const DURATION = Number(process.env.BENCH_DURATION || 10)
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 10)
const BATCH = 50
const SIZES = String(process.env.BENCH_RECOMPUTE_SIZES || "100000,1000000")
  .split(",")
  .map((s) => Number(s.trim().replace(/_/g, "")))
  .filter((n) => Number.isFinite(n) && n > 0)
const EVENTS_PER_CONTACT = 10
const RECOMPUTE_TIMEOUT_S = Number(process.env.BENCH_RECOMPUTE_TIMEOUT || 300)
const SEED_WORKERS = Number(process.env.BENCH_SEED_WORKERS || 2)
const TARGET_1M_SECONDS = 60
const TARGET_1M_RULE_SECONDS = 20
const PERSON_OPS = Number(process.env.BENCH_PERSON_OPS || 15)
/** "ingest,recompute" (default); either part alone for development. */
const PARTS = String(process.env.BENCH_SCORING_PARTS || "ingest,recompute").split(",").map((s) => s.trim())

const leaf = (field, operator, value) => ({ field, operator, value })
const all = (...nodes) => ({ and: nodes })

/**
 * Twenty rules a store might have: engagement rules on views, searches and
 * carts with property conditions and caps, a few fit rules on contact
 * fields, and one loyalty rule.
 */
const RULES = [
  // Engagement
  { name: "Viewed a product", kind: "engagement", event_type: "product_viewed", points: 1, cap_count: 10, cap_period: "day" },
  { name: "Viewed shoes", kind: "engagement", event_type: "product_viewed", conditions: all(leaf("properties.category", "eq", "shoes")), points: 3, cap_count: 3, cap_period: "day" },
  { name: "Viewed jackets or bags", kind: "engagement", event_type: "product_viewed", conditions: all(leaf("properties.category", "in", ["jackets", "bags"])), points: 2, cap_count: 5, cap_period: "week" },
  { name: "Viewed sportswear", kind: "engagement", event_type: "product_viewed", conditions: all(leaf("properties.category", "eq", "sportswear")), points: 2, cap_count: null, cap_period: null },
  { name: "Visited the pricing page", kind: "engagement", event_type: "page_viewed", conditions: all(leaf("properties.path", "starts_with", "/pricing")), points: 5, cap_count: 1, cap_period: "week" },
  { name: "Read the blog", kind: "engagement", event_type: "page_viewed", conditions: all(leaf("properties.path", "starts_with", "/blog/")), points: 2, cap_count: 5, cap_period: "week" },
  { name: "Read the size guide", kind: "engagement", event_type: "page_viewed", conditions: all(leaf("properties.path", "starts_with", "/help/size-guide")), points: 4, cap_count: 1, cap_period: "ever" },
  { name: "Looked at gift cards", kind: "engagement", event_type: "page_viewed", conditions: all(leaf("properties.path", "starts_with", "/gift-cards")), points: 3, cap_count: 1, cap_period: "day" },
  { name: "Job seeker", kind: "engagement", event_type: "page_viewed", conditions: all(leaf("properties.path", "starts_with", "/careers")), points: -10, cap_count: 1, cap_period: "ever" },
  { name: "Browsed a category", kind: "engagement", event_type: "category_viewed", points: 1, cap_count: 5, cap_period: "day" },
  { name: "Browsed shoes", kind: "engagement", event_type: "category_viewed", conditions: all(leaf("properties.handle", "eq", "shoes")), points: 2, cap_count: 2, cap_period: "week" },
  { name: "Bargain hunter", kind: "engagement", event_type: "category_viewed", conditions: all(leaf("properties.handle", "eq", "outlet")), points: -1, cap_count: 3, cap_period: "week" },
  { name: "Searched", kind: "engagement", event_type: "search_performed", points: 1, cap_count: 5, cap_period: "day" },
  { name: "Searched for a gift", kind: "engagement", event_type: "search_performed", conditions: all(leaf("properties.query", "contains", "gift")), points: 3, cap_count: 1, cap_period: "week" },
  { name: "Added to cart", kind: "engagement", event_type: "product_added_to_cart", points: 5, cap_count: 3, cap_period: "day" },
  // Fit
  { name: "Ships to a core market", kind: "fit", conditions: all(leaf("country_code", "in", ["fr", "de", "nl", "be", "es", "it"])), points: 10 },
  { name: "Desktop shopper", kind: "fit", conditions: all(leaf("device_type", "eq", "desktop")), points: 5 },
  { name: "Came from paid search", kind: "fit", conditions: all(leaf("first_utm_source", "in", ["google", "bing"])), points: 5 },
  { name: "Came from the newsletter", kind: "fit", conditions: all(leaf("first_utm_source", "eq", "newsletter")), points: 8 },
  // Loyalty
  { name: "Wrote a review", kind: "loyalty", event_type: "custom:review", points: 10, cap_count: 1, cap_period: "week" },
]

const round = (x, d = 1) => Number(x.toFixed(d))
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))


function adminClient(url, token) {
  return async (method, pathname, body) => {
    const res = await fetch(`${url}${pathname}`, {
      method,
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: body ? JSON.stringify(body) : undefined,
    })
    const text = await res.text()
    if (!res.ok) throw new Error(`${method} ${pathname} answered ${res.status}: ${text.slice(0, 2000)}`)
    return text ? JSON.parse(text) : {}
  }
}

async function setRulesActive(api, rules, active) {
  for (const r of rules) {
    await api("POST", `/admin/marketing/scoring-rules/${r.id}`, { active, apply_to_history: false })
  }
}

/** Part 1: ingest events/s with the 20 rules active and with none, interleaved. */
async function measureIngest({ url, publishableKey, api, rules, log }) {
  const load = (duration) =>
    runLoad({ kind: "events", mix: "varied", batchSize: BATCH, url, publishableKey, duration, connections: CONNECTIONS })
  const states = { none: [], rules: [] }
  const toggle = async (state) => setRulesActive(api, rules, state === "rules")

  // Warm-up in both states: JIT, pools, the rule cache (if any).
  for (const state of ["none", "rules"]) {
    await toggle(state)
    await load(3)
  }
  for (let round_ = 1; round_ <= ROUNDS; round_++) {
    const order = round_ % 2 ? ["none", "rules"] : ["rules", "none"]
    for (const state of order) {
      await toggle(state)
      const r = await load(DURATION)
      if (r.non2xx || r.errors) {
        throw new Error(`ingest with ${state === "rules" ? "20 rules" : "no rules"}: ${r.non2xx} non-2xx answers and ${r.errors} errors in round ${round_}`)
      }
      states[state].push(r)
      log(
        `scoring ingest round ${round_}/${ROUNDS}, ${state === "rules" ? "20 active rules" : "no active rules"}: ` +
          `${Math.round(r.requests_per_second * BATCH)} events/s, p50 ${r.latency_p50_ms} ms`
      )
    }
  }
  await toggle("rules")
  const row = (state, label) => {
    const s = states[state]
    const rps = median(s.map((r) => r.requests_per_second))
    return {
      scenario: label,
      active_rules: state === "rules" ? rules.length : 0,
      requests_per_second: round(rps),
      events_per_second: Math.round(rps * BATCH),
      latency_p50_ms: median(s.map((r) => r.latency_p50_ms)),
      latency_p99_ms: median(s.map((r) => r.latency_p99_ms)),
      samples_events_per_second: s.map((r) => Math.round(r.requests_per_second * BATCH)),
    }
  }
  const none = row("none", `POST /store/marketing/events, ${BATCH} per request, no active scoring rules`)
  const withRules = row("rules", `POST /store/marketing/events, ${BATCH} per request, ${rules.length} active scoring rules`)
  return {
    rounds: ROUNDS,
    duration_seconds: DURATION,
    connections: CONNECTIONS,
    batch_size: BATCH,
    rows: [none, withRules],
    ratio_with_rules_to_none: round(withRules.events_per_second / none.events_per_second, 2),
  }
}

/** Statements the server is running on the bench database, with a plain EXPLAIN of those without parameters. */
async function activeStatements(connect, dbName) {
  const c = await connect()
  try {
    const { rows } = await c.query(
      `select pid, state, wait_event_type, wait_event, now() - query_start as running_for, query
         from pg_stat_activity
        where datname = $1 and pid <> pg_backend_pid() and state <> 'idle'
        order by query_start`,
      [dbName]
    )
    const out = []
    for (const r of rows) {
      const item = {
        pid: r.pid,
        state: r.state,
        wait: [r.wait_event_type, r.wait_event].filter(Boolean).join(":") || null,
        running_for: r.running_for ? String(r.running_for.toPostgres ? r.running_for.toPostgres() : JSON.stringify(r.running_for)) : null,
        query: r.query,
      }
      if (/^\s*(select|insert|update|delete|with)\b/i.test(r.query) && !/\$\d/.test(r.query)) {
        try {
          const plan = await c.query(`EXPLAIN ${r.query}`)
          item.explain = plan.rows.map((p) => p["QUERY PLAN"]).join("\n")
        } catch (e) {
          item.explain_error = e.message
        }
      }
      out.push(item)
    }
    return out
  } finally {
    await c.end().catch(() => {})
  }
}

async function cancelServerQueries(connect, dbName) {
  const c = await connect()
  try {
    await c.query(
      `select pg_cancel_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid() and state = 'active'`,
      [dbName]
    )
  } finally {
    await c.end().catch(() => {})
  }
}

/**
 * Part 2: seed `contacts` × 10 events, then recomputes through the admin
 * API, each polled until done: the first fills the empty ledger (as after
 * importing a store's history); then, for each rule of EDITED_RULES, the
 * rule is edited (one point more) without "apply to history" and a full
 * recompute follows, with the ledger and scores the previous one left (how a
 * live store's are); then the same size of edit, back, is applied to history
 * by the rule alone, SCOPED_ROUNDS times (back, forth, back: an odd number
 * leaves the rule as it was).
 */
async function measureRecompute({ api, connect, dbName, contacts, rules, log }) {
  log(`recompute ${contacts.toLocaleString("en")} contacts: seeding`)
  const seeded = await seed(connect, { contacts, eventsPerContact: EVENTS_PER_CONTACT, workers: SEED_WORKERS, log: (m) => log(`  seed: ${m}`) })
  log(
    `seeded ${seeded.contacts.toLocaleString("en")} contacts and ${seeded.events.toLocaleString("en")} events in ${seeded.seconds} s ` +
      `(marketing_event ${seeded.event_table_mb} MB); starting the recompute`
  )
  const first = await timeRecompute({ api, connect, dbName, contacts, seeded, kind: "first (empty ledger)", log })
  const runs = [first]
  if (first.status !== "done") return runs
  for (const name of EDITED_RULES) {
    const edited = rules.find((r) => r.name === name)
    const share = await eventTypeShare(connect, edited.event_type)
    const tag = { edited_rule: name, event_type: edited.event_type, event_type_share: share }
    const p = edited.points
    await api("POST", `/admin/marketing/scoring-rules/${edited.id}`, { points: p + 1, apply_to_history: false })
    let points = p + 1
    try {
      const full = await timeRecompute({ api, connect, dbName, contacts, seeded, log, kind: `full, after a rule edit ("${name}" ${p} → ${p + 1} points)` })
      runs.push({ ...full, ...tag })
      if (full.status !== "done") return runs
      // The same size of edit, back and forth, applied to history by the rule alone.
      for (let k = 0; k < SCOPED_ROUNDS; k++) {
        const to = points === p ? p + 1 : p
        const scoped = await timeRecompute({
          api, connect, dbName, contacts, seeded, log,
          kind: `one rule applied to history ("${name}" ${points} → ${to} points)`,
          start: () => api("POST", `/admin/marketing/scoring-rules/${edited.id}`, { points: to, apply_to_history: true }),
        })
        points = to
        runs.push({ ...scoped, ...tag, scoped_round: k + 1 })
        if (scoped.status !== "done") return runs
      }
    } finally {
      if (points !== p) await api("POST", `/admin/marketing/scoring-rules/${edited.id}`, { points: p, apply_to_history: false })
    }
  }
  return runs
}

/** The share of the seeded events that are of `type`. */
async function eventTypeShare(connect, type) {
  const c = await connect()
  try {
    const { rows } = await c.query(
      `SELECT (count(*) FILTER (WHERE type = $1))::float8 / greatest(count(*), 1) AS share FROM marketing_event WHERE deleted_at IS NULL`,
      [type]
    )
    return round(rows[0].share, 3)
  } finally {
    await c.end().catch(() => {})
  }
}

/**
 * Part 3: request times of identify-with-merge and erasure on the seeded
 * store, one request at a time. Each merge joins a seeded anonymous contact
 * (events, ledger entries, a visitor) to a seeded contact known by email and
 * not a customer, so the store API stitches them; each erasure takes a person
 * with events and ledger entries.
 */
async function measurePersonOps({ api, url, publishableKey, connect, contacts, log }) {
  const c = await connect()
  try {
    const pairs = (
      await c.query(
        `WITH a AS (SELECT c.id, v.anonymous_id, row_number() OVER () AS n FROM marketing_contact c
                      JOIN marketing_visitor v ON v.contact_id = c.id
                     WHERE c.email IS NULL AND c.customer_id IS NULL AND c.deleted_at IS NULL
                       AND EXISTS (SELECT 1 FROM marketing_score_entry s WHERE s.contact_id = c.id) LIMIT $1),
              b AS (SELECT email, row_number() OVER () AS n FROM marketing_contact
                     WHERE email IS NOT NULL AND customer_id IS NULL AND deleted_at IS NULL LIMIT $1)
         SELECT a.id, a.anonymous_id, b.email FROM a JOIN b USING (n)`,
        [PERSON_OPS]
      )
    ).rows
    const erased = (
      await c.query(
        `SELECT c.id FROM marketing_contact c
          WHERE c.deleted_at IS NULL AND c.email IS NOT NULL
            AND EXISTS (SELECT 1 FROM marketing_score_entry s WHERE s.contact_id = c.id)
          ORDER BY c.id DESC LIMIT $1`,
        [PERSON_OPS]
      )
    ).rows
    const timed = async (fn) => {
      const t = process.hrtime.bigint()
      await fn()
      return Number(process.hrtime.bigint() - t) / 1e6
    }
    const merges = []
    for (const p of pairs) {
      merges.push(
        await timed(async () => {
          const res = await fetch(`${url}/store/marketing/events`, {
            method: "POST",
            headers: { "x-publishable-api-key": publishableKey, "content-type": "application/json" },
            body: JSON.stringify({ events: [{ type: "identify", anonymous_id: p.anonymous_id, properties: { email: p.email } }] }),
          })
          if (!res.ok) throw new Error(`identify answered ${res.status}: ${(await res.text()).slice(0, 500)}`)
        })
      )
    }
    const erasures = []
    for (const e of erased) erasures.push(await timed(() => api("POST", `/admin/marketing/contacts/${e.id}/erase`, {})))
    // The merges happened: each anonymous contact now points at the contact owning the email.
    const { rows } = await c.query(`SELECT count(*)::int AS n FROM marketing_contact WHERE id = ANY($1::text[]) AND merged_into_id IS NOT NULL`, [
      pairs.map((p) => p.id),
    ])
    const merged = rows[0].n
    const row = {
      contacts,
      merges: merges.length,
      merged,
      merge_median_ms: merges.length ? round(median(merges)) : null,
      erasures: erasures.length,
      erase_median_ms: erasures.length ? round(median(erasures)) : null,
    }
    log(`per-person operations at ${contacts.toLocaleString("en")} contacts: identify with merge ${row.merge_median_ms} ms, erasure ${row.erase_median_ms} ms (medians; ${merged}/${merges.length} merged)`)
    return row
  } finally {
    await c.end().catch(() => {})
  }
}

/**
 * The rules edited and applied to history: "Viewed shoes" tests product_viewed
 * events (28% of the seeded ones), "Browsed shoes" category_viewed events
 * (14%, near the tenth of all events the target speaks of).
 */
const EDITED_RULES = ["Viewed shoes", "Browsed shoes"]
/** How many scoped applies follow each full recompute (odd: the rule ends as it was). */
const SCOPED_ROUNDS = Number(process.env.BENCH_SCOPED_ROUNDS || 3)

/**
 * Starts a recompute (a full one unless `start` asks otherwise, e.g. a rule
 * edit applied to history), polls it until done and checks what it left.
 */
async function timeRecompute({ api, connect, dbName, contacts, seeded, kind, log, start = () => api("POST", "/admin/marketing/scoring/recompute") }) {
  const t0 = Date.now()
  const { recompute: started } = await start()
  if (!started || !started.id) throw new Error(`the request for "${kind}" answered without a recompute id`)
  let rec = started
  let lastLogged = 0
  let polls = 0
  // When each step of the recompute was first seen (seconds from the request), to tell which one is slow.
  const timeline = []
  const note = () => {
    if (!timeline.length || timeline[timeline.length - 1].step !== (rec.step ?? null)) {
      timeline.push({ at_seconds: round((Date.now() - t0) / 1000, 1), progress: rec.progress ?? null, step: rec.step ?? null })
    }
  }
  note()
  while (rec.status === "running") {
    const elapsed = (Date.now() - t0) / 1000
    if (elapsed > RECOMPUTE_TIMEOUT_S) {
      log(`recompute still running after ${RECOMPUTE_TIMEOUT_S} s: capturing the server's statements, then cancelling them`)
      const statements = await activeStatements(connect, dbName)
      for (const s of statements) log(`  [pid ${s.pid}, ${s.wait || "on CPU"}, ${s.running_for}] ${s.query.replace(/\s+/g, " ").slice(0, 300)}`)
      await cancelServerQueries(connect, dbName)
      return {
        contacts,
        kind,
        events: seeded.events,
        seed: seeded,
        status: "timeout",
        timeout_seconds: RECOMPUTE_TIMEOUT_S,
        last_progress: rec.progress,
        last_step: rec.step ?? null,
        timeline,
        active_statements: statements,
      }
    }
    await sleep(elapsed < 10 ? 250 : 1000)
    polls++
    rec = (await api("GET", `/admin/marketing/scoring/recomputes/${started.id}`)).recompute
    note()
    if (Date.now() - lastLogged > 15000) {
      lastLogged = Date.now()
      log(`  recompute ${rec.status}, progress ${rec.progress ?? "?"}${rec.step ? `, ${rec.step}` : ""} after ${((Date.now() - t0) / 1000).toFixed(0)} s`)
    }
  }
  const wall = (Date.now() - t0) / 1000
  const server =
    rec.started_at && rec.finished_at ? (new Date(rec.finished_at) - new Date(rec.started_at)) / 1000 : null
  if (rec.status !== "done") {
    log(`recompute ${rec.status}: ${rec.error || "(no error text)"}`)
    return { contacts, kind, events: seeded.events, seed: seeded, status: rec.status, error: rec.error ?? null, seconds: round(wall, 1), stats: rec.stats ?? null, timeline }
  }
  // What the recompute left behind, as a sanity check that it did the work.
  const c = await connect()
  let check = {}
  try {
    const { rows } = await c.query(
      `select (select count(*) from marketing_score_entry)::bigint as ledger_entries,
              (select count(*) from marketing_contact where scored_at is not null)::bigint as scored_contacts,
              (select count(*) from marketing_contact where acquisition_score <> 0 or loyalty_score <> 0)::bigint as nonzero_contacts`
    )
    check = Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)]))
  } catch (e) {
    check = { error: e.message }
  } finally {
    await c.end().catch(() => {})
  }
  const seconds = server ?? wall
  log(
    `recompute ${contacts.toLocaleString("en")} contacts, ${kind}: done in ${seconds.toFixed(1)} s (server), ${wall.toFixed(1)} s seen by the client; ` +
      `${Math.round(seeded.events / seconds).toLocaleString("en")} events/s; ledger ${check.ledger_entries?.toLocaleString?.("en") ?? "?"} entries`
  )
  return {
    contacts,
    kind,
    events: seeded.events,
    seed: seeded,
    status: "done",
    seconds: round(seconds, 1),
    client_seconds: round(wall, 1),
    polls,
    contacts_per_second: Math.round(contacts / seconds),
    events_per_second: Math.round(seeded.events / seconds),
    stats: rec.stats ?? null,
    check,
    timeline,
  }
}

/** Per size and edited rule: the full recompute's seconds, the median of its scoped applies, and their ratio. */
function ruleEditSummary(runs) {
  const out = []
  for (const r of runs) {
    if (!r.edited_rule || r.scoped_round || r.status !== "done") continue
    const scoped = runs.filter((s) => s.scoped_round && s.contacts === r.contacts && s.edited_rule === r.edited_rule && s.status === "done")
    if (!scoped.length) continue
    const med = median(scoped.map((s) => s.seconds))
    out.push({
      contacts: r.contacts,
      edited_rule: r.edited_rule,
      event_type: r.event_type,
      event_type_share: r.event_type_share,
      entries_changed: scoped[0].stats ? (scoped[0].stats.entries_changed ?? 0) + (scoped[0].stats.entries_added ?? 0) + (scoped[0].stats.entries_removed ?? 0) : null,
      contacts_changed: scoped[0].stats?.contacts_changed ?? null,
      full_seconds: r.seconds,
      scoped_seconds: scoped.map((s) => s.seconds),
      scoped_median_seconds: round(med, 1),
      ratio: round(med / r.seconds, 2),
    })
  }
  return out
}

/**
 * @param {{ url: string, token: string, publishableKey: string,
 *           db: { connectionString: string, name: string }, log: (m: string) => void }} p
 */
async function run({ url, token, publishableKey, db, log }) {
  const api = adminClient(url, token)
  const connect = pgConnector(db.connectionString)

  log(`creating ${RULES.length} scoring rules`)
  const rules = []
  for (const def of RULES) {
    const { scoring_rule } = await api("POST", "/admin/marketing/scoring-rules", { ...def, active: true, apply_to_history: false })
    rules.push(scoring_rule)
  }

  const ingest = PARTS.includes("ingest") ? await measureIngest({ url, publishableKey, api, rules, log }) : null

  const recomputes = []
  const personOps = []
  for (const contacts of PARTS.includes("recompute") ? SIZES : []) {
    const runs = await measureRecompute({ api, connect, dbName: db.name, contacts, rules, log })
    recomputes.push(...runs)
    if (PERSON_OPS > 0 && runs.every((r) => r.status === "done")) {
      personOps.push(await measurePersonOps({ api, url, publishableKey, connect, contacts, log }))
    }
    if (runs.some((r) => r.status === "timeout")) {
      log(`skipping larger sizes after a timeout`)
      break
    }
  }
  return {
    scenario: "scoring",
    rules: RULES.map((r) => ({ name: r.name, kind: r.kind, event_type: r.event_type ?? null, points: r.points, cap: r.cap_count ? `${r.cap_count}/${r.cap_period}` : null })),
    ingest,
    recompute: {
      events_per_contact: EVENTS_PER_CONTACT,
      timeout_seconds: RECOMPUTE_TIMEOUT_S,
      target: `under ${TARGET_1M_SECONDS} s for 1,000,000 contacts; one rule applied to history under ${TARGET_1M_RULE_SECONDS} s`,
      sizes: recomputes,
      rule_edits: ruleEditSummary(recomputes),
    },
    person_ops: personOps,
  }
}

module.exports = { run, toMarkdown, RULES }
