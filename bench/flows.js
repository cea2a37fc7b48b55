"use strict"
/**
 * Flow engine benchmark, against the running bench store (emails go to the
 * SMTP sink on loopback through the plugin's SMTP provider, as in
 * bench/email.js):
 *
 * 1. Runner throughput: BENCH_FLOWS_ENROLLMENTS (default 100,000) contacts
 *    with consent and as many due enrollments of an active flow "send_email,
 *    then exit", seeded set-based in SQL (one INSERT … SELECT, as the
 *    engine's own segment enrollment writes them). The app's minutely runner
 *    job (src/jobs/run-marketing-flows.ts) picks them up as it would in
 *    production; the time runs from the first claim (the earliest step run's
 *    start) to the last email the sink received. Checked: every enrollment
 *    ended, one email each, no duplicates, two step runs each.
 * 2. Trigger latency: a flow triggered by `custom:bench_signup` whose first
 *    step sends at once; each sample posts the event for a known visitor to
 *    POST /store/marketing/events and waits for the sink to receive the
 *    email (BENCH_LATENCY_SAMPLES, default 60, one at a time).
 * 3. A one-off campaign: BENCH_FLOWS_SEGMENT_SIZE (default 1,000,000)
 *    contacts in a segment, enrolled now through
 *    POST /admin/marketing/flows/:id/enrollments (a new flow per round, first
 *    step a 30-day wait; the flow is paused right after so the runner leaves
 *    the enrollments alone), against a bare INSERT … SELECT of the same rows
 *    into a copy of the enrollment table (same columns and indexes), rounds
 *    interleaved (BENCH_FLOWS_SEGMENT_ROUNDS, default 3).
 *
 * The ratio against the email scenario's emails/s is reported when both run
 * (BENCH_SCENARIOS=email,flows).
 */
const { Client } = require("pg")
const { TEMPLATE_MJML } = require("./email")

const ENROLLMENTS = Number(process.env.BENCH_FLOWS_ENROLLMENTS || 100_000)
const SAMPLES = Number(process.env.BENCH_LATENCY_SAMPLES || 60)
const SEGMENT_SIZE = Number(process.env.BENCH_FLOWS_SEGMENT_SIZE || 1_000_000)
const SEGMENT_ROUNDS = Number(process.env.BENCH_FLOWS_SEGMENT_ROUNDS || 3)
const TARGETS = { emails_per_second: 300, ratio_to_email_bench: 0.8, trigger_p95_ms: 1000, enroll_ratio: 2 }

const round = (x, d = 1) => (x == null ? null : Math.round(x * 10 ** d) / 10 ** d)
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : null
}
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
/** The sink's hrtime stamp of its last message, as wall-clock milliseconds. */
const wallOf = (hr) => Date.now() - Number(process.hrtime.bigint() - hr) / 1e6

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

/** Neither the frequency cap nor quiet hours hold bench emails (the bench may run at night). */
const PRESSURE = { bypass_frequency_cap: true, bypass_quiet_hours: true }

async function activeFlow(api, name, definition) {
  const { flow } = await api("POST", "/admin/marketing/flows", { name, definition })
  const { flow: published } = await api("POST", `/admin/marketing/flows/${flow.id}/publish`)
  if (published.status !== "active") await api("POST", `/admin/marketing/flows/${flow.id}/resume`)
  const { rows } = await api.pg.query(`SELECT active_version_id FROM marketing_flow WHERE id = $1`, [flow.id])
  return { id: flow.id, version_id: rows[0].active_version_id }
}

/** N contacts with consent (ids `${prefix}${g}`), by one INSERT … SELECT. */
async function seedContacts(pg, prefix, n, extra = {}) {
  await pg.query(
    `INSERT INTO marketing_contact (id, email, first_name, first_seen_at, last_seen_at, email_marketing_consent,
                                    email_marketing_consent_source, email_marketing_consent_at, country_code)
     SELECT $1 || g, $1 || g || '@example.com', 'Reader ' || g, now(), now(), 'granted', 'import', now(), $3
       FROM generate_series(1, $2) g`,
    [prefix, n, extra.country_code ?? null]
  )
}

async function measureThroughput({ api, pg, sink, templateId, log }) {
  const flow = await activeFlow(api, "Bench: runner throughput", {
    trigger: { type: "manual" },
    reentry: { policy: "every_time" },
    message_pressure: PRESSURE,
    start: "send",
    steps: { send: { type: "send_email", template_id: templateId, next: "done" }, done: { type: "exit" } },
  })
  log(`flows: seeding ${ENROLLMENTS.toLocaleString("en")} contacts and due enrollments`)
  await seedContacts(pg, "mcon_bench_flow_", ENROLLMENTS)
  const before = sink.count()
  const seeded = Date.now()
  // As the engine's segment enrollment writes them: one statement, due now, on the first step.
  await pg.query(
    `INSERT INTO marketing_flow_enrollment (id, flow_id, flow_version_id, contact_id, status, enrollment_key, current_step_id, next_run_at, context, entered_at)
     SELECT 'mfen_bench_' || g, $1, $2, 'mcon_bench_flow_' || g, 'active', $2 || ':mcon_bench_flow_' || g || ':bench', 'send', now(), '{}'::jsonb, now()
       FROM generate_series(1, $3) g`,
    [flow.id, flow.version_id, ENROLLMENTS]
  )
  await pg.query(`ANALYZE marketing_flow_enrollment`)
  log(`flows: ${ENROLLMENTS.toLocaleString("en")} enrollments due; waiting for the runner job (it ticks every minute)`)
  const deadline = Date.now() + 120_000 + ENROLLMENTS * 50
  let lastLog = Date.now()
  let lastCount = before
  let lastProgress = Date.now()
  while (sink.count() - before < ENROLLMENTS) {
    if (Date.now() > deadline) throw new Error(`flows: only ${sink.count() - before} of ${ENROLLMENTS} emails arrived in time`)
    if (sink.count() !== lastCount) {
      lastCount = sink.count()
      lastProgress = Date.now()
    } else if (lastCount > before && Date.now() - lastProgress > 180_000) {
      throw new Error(`flows: stalled at ${lastCount - before} of ${ENROLLMENTS} emails`)
    }
    if (Date.now() - lastLog > 10_000) {
      lastLog = Date.now()
      log(`flows: ${(sink.count() - before).toLocaleString("en")} of ${ENROLLMENTS.toLocaleString("en")} emails so far`)
    }
    await sleep(20)
  }
  const lastAt = wallOf(sink.lastAt())
  // Outcomes are recorded just after the hand-off: wait until every enrollment has ended.
  for (const end = Date.now() + 120_000; Date.now() < end; ) {
    const { rows } = await pg.query(`SELECT count(*)::int AS n FROM marketing_flow_enrollment WHERE flow_id = $1 AND status = 'active'`, [flow.id])
    if (!rows[0].n) break
    await sleep(100)
  }
  const { rows: [facts] } = await pg.query(
    `SELECT (SELECT min(started_at) FROM marketing_flow_step_run WHERE flow_id = $1) AS first_claim,
            (SELECT count(*)::int FROM marketing_flow_step_run WHERE flow_id = $1) AS step_runs,
            (SELECT count(*)::int FROM marketing_flow_step_run WHERE flow_id = $1 AND outcome = 'failed') AS failed_runs,
            (SELECT count(*)::int FROM marketing_flow_enrollment WHERE flow_id = $1 AND status = 'active') AS still_active,
            (SELECT count(*)::int FROM marketing_message WHERE contact_id LIKE 'mcon_bench_flow_%' AND status = 'sent') AS sent,
            (SELECT count(*)::int FROM (SELECT contact_id FROM marketing_message WHERE contact_id LIKE 'mcon_bench_flow_%'
               GROUP BY contact_id HAVING count(*) > 1) d) AS contacts_twice`,
    [flow.id]
  )
  const received = sink.count() - before
  const problems = []
  if (received !== ENROLLMENTS) problems.push(`${received} emails received`)
  if (facts.sent !== ENROLLMENTS) problems.push(`${facts.sent} messages sent`)
  if (facts.contacts_twice) problems.push(`${facts.contacts_twice} contacts got two messages`)
  if (sink.duplicates()) problems.push(`${sink.duplicates()} duplicate deliveries`)
  if (facts.still_active) problems.push(`${facts.still_active} enrollments still active`)
  if (facts.step_runs !== 2 * ENROLLMENTS) problems.push(`${facts.step_runs} step runs (expected ${2 * ENROLLMENTS})`)
  if (problems.length) throw new Error(`flows throughput: ${problems.join(", ")} of ${ENROLLMENTS}`)
  const firstClaim = new Date(facts.first_claim).getTime()
  const seconds = (lastAt - firstClaim) / 1000
  const result = {
    enrollments: ENROLLMENTS,
    seconds: round(seconds, 2),
    waited_for_job_seconds: round((firstClaim - seeded) / 1000, 1),
    step_runs: facts.step_runs,
    step_runs_per_second: round(facts.step_runs / seconds),
    emails_per_second: round(ENROLLMENTS / seconds),
    failed_attempts: facts.failed_runs,
  }
  log(`flows: ${ENROLLMENTS} enrollments in ${result.seconds} s: ${result.step_runs_per_second} step runs/s, ${result.emails_per_second} emails/s`)
  return result
}

async function measureTriggerLatency({ api, pg, sink, store, templateId, log }) {
  await activeFlow(api, "Bench: signup welcome", {
    trigger: { type: "event", event: { type: "custom:bench_signup" } },
    reentry: { policy: "every_time" },
    message_pressure: PRESSURE,
    start: "send",
    steps: { send: { type: "send_email", template_id: templateId, next: "done" }, done: { type: "exit" } },
  })
  await seedContacts(pg, "mcon_bench_signup_", SAMPLES)
  await pg.query(
    `INSERT INTO marketing_visitor (id, anonymous_id, contact_id) SELECT 'mvis_bench_signup_' || g, 'bench-signup-' || g, 'mcon_bench_signup_' || g
       FROM generate_series(1, $1) g`,
    [SAMPLES]
  )
  const samples = []
  for (let i = 1; i <= SAMPLES; i++) {
    const before = sink.count()
    const t0 = process.hrtime.bigint()
    await store("POST", "/store/marketing/events", { events: [{ type: "custom:bench_signup", anonymous_id: `bench-signup-${i}`, properties: {} }] })
    while (sink.count() === before) {
      if (Number(process.hrtime.bigint() - t0) / 1e6 > 30_000) throw new Error(`trigger latency: no email 30 s after event ${i}`)
      await sleep(1)
    }
    samples.push(Number(sink.lastAt() - t0) / 1e6)
  }
  const result = { samples: samples.length, p50_ms: round(quantile(samples, 0.5)), p95_ms: round(quantile(samples, 0.95)), max_ms: round(Math.max(...samples)) }
  log(`flows: event → email p50 ${result.p50_ms} ms, p95 ${result.p95_ms} ms over ${samples.length} events`)
  return result
}

const ENROLLMENT_COLUMNS = "id, flow_id, flow_version_id, contact_id, status, enrollment_key, current_step_id, next_run_at, context, entered_at"

async function measureSegmentEnrollment({ api, pg, templateId, log }) {
  log(`flows: seeding ${SEGMENT_SIZE.toLocaleString("en")} contacts for the campaign segment`)
  await seedContacts(pg, "mcon_bench_campaign_", SEGMENT_SIZE, { country_code: "is" })
  await pg.query(`ANALYZE marketing_contact`)
  const t0 = Date.now()
  const { segment } = await api("POST", "/admin/marketing/segments", {
    name: "Bench: campaign audience",
    definition: { field: "country_code", operator: "in", value: ["is"] },
  })
  log(`flows: segment of ${segment.member_count} members built in ${round((Date.now() - t0) / 1000, 2)} s`)
  if (segment.member_count !== SEGMENT_SIZE) throw new Error(`the campaign segment has ${segment.member_count} members, not ${SEGMENT_SIZE}`)
  await pg.query(`DROP TABLE IF EXISTS bench_enrollment_copy`)
  await pg.query(`CREATE TABLE bench_enrollment_copy (LIKE marketing_flow_enrollment INCLUDING ALL)`)
  const rounds = []
  for (let r = 1; r <= SEGMENT_ROUNDS; r++) {
    const flow = await activeFlow(api, `Bench: campaign ${r}`, {
      trigger: { type: "manual" },
      reentry: { policy: "every_time" },
      start: "wait",
      steps: { wait: { type: "wait", seconds: 30 * 86400, next: "send" }, send: { type: "send_email", template_id: templateId } },
    })
    const a = process.hrtime.bigint()
    await api("POST", `/admin/marketing/flows/${flow.id}/enrollments`, { segment_id: segment.id })
    const enrollS = Number(process.hrtime.bigint() - a) / 1e9
    // The runner would otherwise take the million first steps (waits) in the minutes that follow.
    await api("POST", `/admin/marketing/flows/${flow.id}/pause`)
    const { rows: [{ n }] } = await pg.query(`SELECT count(*)::int AS n FROM marketing_flow_enrollment WHERE flow_id = $1`, [flow.id])
    if (n !== SEGMENT_SIZE) throw new Error(`round ${r}: ${n} enrollments, not ${SEGMENT_SIZE}`)
    // The same rows, bare: the segment's members joined to their contacts, inserted in one statement.
    const b = process.hrtime.bigint()
    await pg.query(
      `INSERT INTO bench_enrollment_copy (${ENROLLMENT_COLUMNS})
       SELECT 'mfen_' || replace(gen_random_uuid()::text, '-', ''), $1, $2, m.contact_id, 'active', $2 || ':' || m.contact_id || ':copy' || $4,
              'wait', now(), jsonb_build_object('segment_id', $3::text), now()
         FROM marketing_segment_membership m JOIN marketing_contact c ON c.id = m.contact_id AND c.deleted_at IS NULL
        WHERE m.segment_id = $3 AND m.exited_at IS NULL AND m.deleted_at IS NULL`,
      [flow.id, flow.version_id, segment.id, String(r)]
    )
    const copyS = Number(process.hrtime.bigint() - b) / 1e9
    rounds.push({ enroll_seconds: round(enrollS, 2), insert_select_seconds: round(copyS, 2) })
    log(`flows: campaign round ${r}/${SEGMENT_ROUNDS}: enrolled ${SEGMENT_SIZE.toLocaleString("en")} in ${round(enrollS, 2)} s, bare INSERT … SELECT ${round(copyS, 2)} s`)
  }
  await pg.query(`DROP TABLE IF EXISTS bench_enrollment_copy`)
  const enroll = median(rounds.map((r) => r.enroll_seconds))
  const copy = median(rounds.map((r) => r.insert_select_seconds))
  return { contacts: SEGMENT_SIZE, rounds, enroll_seconds: round(enroll, 2), insert_select_seconds: round(copy, 2), ratio: round(enroll / copy, 2) }
}

async function run({ url, token, publishableKey, db, log, results = {} }) {
  const sink = global.__benchSmtpSink
  if (!sink) throw new Error("the flows scenario needs the SMTP sink started by scripts/bench.js")
  const api = client(url, token)
  const store = (method, pathname, body) => client(url, null)(method, pathname, body, { "x-publishable-api-key": publishableKey })
  const pg = new Client({ connectionString: db.connectionString })
  pg.on("error", () => {})
  await pg.connect()
  api.pg = pg
  try {
    const { template } = await api("POST", "/admin/marketing/templates", {
      name: "Bench: flow email",
      subject: "{{default contact.first_name \"Hello\"}}, 4 picks for you",
      mjml: TEMPLATE_MJML,
    })
    const throughput = await measureThroughput({ api, pg, sink, templateId: template.id, log })
    const emailBench = results.email?.median_per_second ?? null
    if (emailBench) throughput.ratio_to_email_bench = round(throughput.emails_per_second / emailBench, 2)
    throughput.email_bench_per_second = emailBench
    const latency = SAMPLES > 0 ? await measureTriggerLatency({ api, pg, sink, store, templateId: template.id, log }) : null
    const campaign = SEGMENT_SIZE > 0 ? await measureSegmentEnrollment({ api, pg, templateId: template.id, log }) : null
    return { scenario: "flows", targets: TARGETS, throughput, latency, campaign }
  } finally {
    await pg.end().catch(() => {})
  }
}

function toMarkdown(result) {
  const t = result.throughput
  const lines = [
    "## Flows: runner, trigger latency, campaign enrollment",
    "",
    `Runner: ${t.enrollments.toLocaleString("en")} due enrollments of an active flow "send_email, then exit", seeded in one INSERT … SELECT and taken by the app's minutely runner job; timed from the first claim to the last email the SMTP sink received (pooled SMTP provider, 16 connections, on loopback; the email scenario's template, without products). Every enrollment checked to end with one email and two step runs.`,
    "",
    "| Measure | Result | Target |",
    "|---|---:|---:|",
    `| Time, first claim → last email | ${t.seconds} s | |`,
    `| Step runs/s | ${t.step_runs_per_second} | |`,
    `| Emails/s | **${t.emails_per_second}** | ≥ ${result.targets.emails_per_second} |`,
    `| Against the email bench of the same run (${t.email_bench_per_second ?? "not run"} emails/s) | ${t.ratio_to_email_bench != null ? `**${t.ratio_to_email_bench}×**` : "—"} | ≥ ${result.targets.ratio_to_email_bench}× |`,
  ]
  if (result.latency) {
    lines.push(`| Event → email (\`custom:bench_signup\`, ${result.latency.samples} events one at a time), p50 / p95 | ${result.latency.p50_ms} ms / **${result.latency.p95_ms} ms** | p95 < ${result.targets.trigger_p95_ms} ms |`)
  }
  if (result.campaign) {
    const c = result.campaign
    lines.push(
      `| Enrolling a ${c.contacts.toLocaleString("en")}-contact segment now (POST …/enrollments), median of ${c.rounds.length} | ${c.enroll_seconds} s | |`,
      `| Bare INSERT … SELECT of the same rows into a copy of the table | ${c.insert_select_seconds} s | |`,
      `| Enrollment / INSERT … SELECT | **${c.ratio}×** | ≤ ${result.targets.enroll_ratio}× |`
    )
  }
  lines.push("")
  return lines.join("\n")
}

module.exports = { run, toMarkdown }
