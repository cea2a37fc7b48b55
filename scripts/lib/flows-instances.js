"use strict"
/**
 * The several-instances scenario of issue #14, shared by
 * integration-tests/http/flows-instances.spec.ts and bench/flows-instances.js:
 *
 * 1. A fresh database, the test store built once (scripts/lib/medusa-app.js)
 *    with Medusa's Redis modules (event bus, workflow engine, locking, cache)
 *    and the plugin's SMTP provider pointed at a sink on loopback that
 *    refuses every tenth delivery with a 451.
 * 2. Three `medusa start` processes on that database and Redis: one in server
 *    mode (the admin API used for the setup) and two in worker mode (the
 *    scheduled jobs: flow runner, email dispatcher).
 * 3. Through the admin API: a template, a segment of `enrollments` contacts,
 *    a flow "email, wait 1 s, email", published, and the segment enrolled a
 *    moment later (stored as a schedule, so a worker's runner enrolls it).
 * 4. When the sink has taken `killAt` of the emails, the worker doing more
 *    database work is SIGKILLed. The rest is left to the survivor.
 * 5. When every enrollment has ended and every message is settled, it reads
 *    the database and the sink and returns what it found (the caller checks).
 */
const path = require("path")
const { Client } = require("pg")
const app = require("./medusa-app")
const { startSink } = require("../../bench/smtp-sink")

const APP_DIR = path.join(app.REPO_ROOT, "integration-tests", ".instances-app")
const ADMIN = { email: "admin@instances.test", password: "instances-secret" }

/**
 * Short leases and in-flight time, so a killed instance's work is taken over
 * within a minute or two instead of the defaults' minutes to an hour; retries
 * spaced a few seconds apart; no frequency cap or quiet hours in the way.
 */
const PLUGIN_OPTIONS = {
  email: {
    secret: "instances-test-secret-0123456789",
    publicUrl: "http://localhost:9000",
    leaseSeconds: 20,
    inFlightSeconds: 45,
    // Every tenth delivery is refused: ten attempts make a message refused every time practically impossible.
    retry: { maxAttempts: 10, baseDelaySeconds: 5 },
  },
  flows: { leaseSeconds: 30, quietHours: null, frequencyCapHours: 0 },
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

function databaseUrl(conn, name) {
  const auth = conn.password ? `${encodeURIComponent(conn.user)}:${encodeURIComponent(conn.password)}` : encodeURIComponent(conn.user)
  return `postgres://${auth}@${conn.host}:${conn.port}/${name}`
}

async function withAdminDb(conn, work) {
  const client = new Client({ ...conn, password: conn.password || undefined, database: "postgres" })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end().catch(() => {})
  }
}

/** Deletes the run's Redis keys (queues, locks, cache), all named after its app id. */
async function clearRedis(redisUrl, appId) {
  const Redis = require("ioredis")
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 })
  try {
    await redis.connect()
    let cursor = "0"
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `*${appId}*`, "COUNT", 1000)
      cursor = next
      if (keys.length) await redis.del(...keys)
    } while (cursor !== "0")
  } catch (e) {
    /* best effort */
  } finally {
    redis.disconnect()
  }
}

/**
 * Runs the scenario; resolves a report of what the database and the sink show.
 * @param {{ enrollments: number, redisUrl: string, db?: { host, port, user, password }, killAt?: number, log?: (m: string) => void }} p
 */
async function runInstancesScenario({ enrollments, redisUrl, db, killAt = 0.35, log = console.log }) {
  const conn = db ?? {
    host: process.env.DB_HOST || "localhost",
    port: Number(process.env.DB_PORT || 5432),
    user: process.env.DB_USERNAME || "postgres",
    password: process.env.DB_PASSWORD || "",
  }
  const say = (m) => log(`[instances] ${m}`)
  app.setLogPrefix("instances")
  const runId = `${process.pid}${Date.now().toString(36)}`
  const dbName = `mma_instances_${runId}`
  const appId = `mma-inst-${runId}`
  const emails = 2 * enrollments
  const t0 = Date.now()
  const sink = await startSink({ refuse: 0.1 })
  const instances = []
  let pg = null
  try {
    await withAdminDb(conn, (c) => c.query(`CREATE DATABASE ${dbName}`))
    app.prepareApp({
      dir: APP_DIR,
      databaseUrl: databaseUrl(conn, dbName),
      redisUrl,
      pluginOptions: PLUGIN_OPTIONS,
      adminEnabled: false,
      // Its own queue and key names in the shared Redis; the sink's port for the SMTP provider.
      env: { MMA_APP_ID: appId, MMA_SMTP_PORT: String(sink.port) },
    })
    if (app.pluginBuildIsStale()) await app.buildPlugin()
    await app.buildApp(APP_DIR)
    await app.migrate(APP_DIR)
    await app.createAdminUser(APP_DIR, ADMIN.email, ADMIN.password)

    pg = new Client({ ...conn, password: conn.password || undefined, database: dbName })
    await pg.connect()
    const one = async (sql, params) => (await pg.query(sql, params)).rows[0]
    await pg.query(
      `INSERT INTO marketing_contact (id, email, first_name, first_seen_at, last_seen_at, email_marketing_consent,
                                      email_marketing_consent_source, email_marketing_consent_at)
       SELECT 'mcon_inst_' || g, 'reader-' || g || '@instances.test', 'Instance', now(), now(), 'granted', 'import', now()
         FROM generate_series(1, $1) g`,
      [enrollments]
    )

    // One server for the API, two workers for the jobs; PGAPPNAME tells their database sessions apart.
    const start = async (name, mode) => {
      const instance = await app.startApp(APP_DIR, {
        port: await app.getFreePort(),
        logName: name,
        env: { MEDUSA_WORKER_MODE: mode, PGAPPNAME: name, LOG_LEVEL: "info" },
      })
      instances.push({ name, ...instance })
      return instance
    }
    const [server] = await Promise.all([start("server", "server"), start("worker-a", "worker"), start("worker-b", "worker")])
    const setupSeconds = (Date.now() - t0) / 1000

    const call = async (method, pathname, body, token) => {
      const res = await fetch(`${server.url}${pathname}`, {
        method,
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      })
      const text = await res.text()
      if (!res.ok) throw new Error(`${method} ${pathname}: ${res.status} ${text}`)
      return JSON.parse(text)
    }
    const { token } = await call("POST", "/auth/user/emailpass", ADMIN)
    const admin = (method, pathname, body) => call(method, pathname, body, token)
    const { template } = await admin("POST", "/admin/marketing/templates", {
      name: "Instances: hello",
      subject: "Hello {{contact.first_name}}",
      html: "<p>Hello {{contact.first_name}}, this is one of two emails.</p>",
    })
    const { segment } = await admin("POST", "/admin/marketing/segments", {
      name: "Instances",
      definition: { field: "first_name", operator: "eq", value: "Instance" },
    })
    const { flow } = await admin("POST", "/admin/marketing/flows", {
      name: "Two emails",
      definition: {
        trigger: { type: "manual" },
        reentry: { policy: "once" },
        message_pressure: { bypass_frequency_cap: true, bypass_quiet_hours: true },
        start: "first",
        steps: {
          first: { type: "send_email", template_id: template.id, next: "pause" },
          // The enrollment goes back to the queue: whichever runner claims it next sends the second email.
          pause: { type: "wait", seconds: 1, next: "second" },
          second: { type: "send_email", template_id: template.id },
        },
      },
    })
    await admin("POST", `/admin/marketing/flows/${flow.id}/publish`, {})
    // A moment from now: stored as a schedule, so a worker's runner enrolls the segment (not this request).
    const enrolled = await admin("POST", `/admin/marketing/flows/${flow.id}/enrollments`, {
      segment_id: segment.id,
      at: new Date(Date.now() + 2000).toISOString(),
    })
    if (!enrolled.schedule_id) throw new Error(`expected a scheduled enrollment, got ${JSON.stringify(enrolled)}`)
    const enrolledAt = Date.now()
    say(`setup done in ${setupSeconds.toFixed(0)} s (3 instances up); ${enrollments} contacts scheduled into flow ${flow.id}`)

    /** Non-idle database sessions per instance, summed over a few samples: who is working now. */
    const busiestWorker = async () => {
      const busy = { "worker-a": 0, "worker-b": 0 }
      for (let i = 0; i < 10; i++) {
        const { rows } = await pg.query(
          `SELECT application_name AS name, count(*) FILTER (WHERE state <> 'idle')::int AS n
             FROM pg_stat_activity WHERE datname = $1 GROUP BY 1`,
          [dbName]
        )
        for (const row of rows) if (row.name in busy) busy[row.name] += row.n
        await sleep(100)
      }
      return { name: busy["worker-b"] > busy["worker-a"] ? "worker-b" : "worker-a", busy }
    }

    const state = () =>
      one(
        `SELECT (SELECT count(*) FROM marketing_flow_enrollment WHERE flow_id = $1)::int AS enrolled,
                (SELECT count(*) FROM marketing_flow_enrollment WHERE flow_id = $1 AND status <> 'active')::int AS ended,
                (SELECT count(*) FROM marketing_message WHERE status = 'sent')::int AS sent,
                (SELECT count(*) FROM marketing_message WHERE status = 'queued')::int AS queued`,
        [flow.id]
      )
    let killedAt = null
    let last = null
    let lastChange = Date.now()
    let lastLog = 0
    // No clock decides the outcome: it waits as long as work goes on, and gives up only after
    // ten minutes without any progress (ten runner ticks and several in-flight timeouts).
    for (;;) {
      const s = await state()
      const key = `${s.enrolled}/${s.ended}/${s.sent}/${s.queued}/${sink.count()}/${sink.refused()}`
      if (key !== last) {
        last = key
        lastChange = Date.now()
      }
      if (!killedAt && sink.count() >= killAt * emails) {
        const { name, busy } = await busiestWorker()
        const victim = instances.find((i) => i.name === name)
        process.kill(-victim.pid, "SIGKILL")
        await victim.exited
        killedAt = { name, busy, sent: sink.count(), seconds: (Date.now() - enrolledAt) / 1000 }
        say(`SIGKILLed ${name} (busy sessions ${JSON.stringify(busy)}) after ${killedAt.seconds.toFixed(0)} s, with ${killedAt.sent} of ${emails} emails delivered`)
      }
      // Every enrollment ended and no message waiting: all settled (the checks say whether well).
      if (s.enrolled === enrollments && s.ended === enrollments && s.queued === 0) break
      if (Date.now() - lastChange > 10 * 60_000) {
        throw new Error(`no progress for 10 minutes: ${JSON.stringify({ ...s, delivered: sink.count(), refused: sink.refused() })}`)
      }
      if (Date.now() - lastLog > 15_000) {
        lastLog = Date.now()
        say(`${((Date.now() - enrolledAt) / 1000).toFixed(0)} s: ${s.enrolled} enrolled, ${s.ended} ended, ${s.sent} sent, ${s.queued} queued; sink took ${sink.count()}, refused ${sink.refused()}`)
      }
      await sleep(1000)
    }
    const runSeconds = (Date.now() - enrolledAt) / 1000

    // What the database says.
    const enrollmentCounts = await one(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'completed')::int AS completed
         FROM marketing_flow_enrollment WHERE flow_id = $1`,
      [flow.id]
    )
    const { rows: stepRuns } = await pg.query(
      `SELECT step_id, outcome, count(*)::int AS n FROM marketing_flow_step_run WHERE flow_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
      [flow.id]
    )
    const repeated = await one(
      `SELECT count(*)::int AS n FROM (SELECT enrollment_id, step_id FROM marketing_flow_step_run
         WHERE flow_id = $1 AND outcome <> 'failed' GROUP BY 1, 2 HAVING count(*) > 1) x`,
      [flow.id]
    )
    const messageCounts = await one(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'sent')::int AS sent,
              (sum(attempts) - count(*))::int AS extra_attempts, count(*) FILTER (WHERE attempts > 1)::int AS retried
         FROM marketing_message`
    )
    const { rows: messages } = await pg.query(`SELECT id, email, status FROM marketing_message`)
    // Attempts the provider never answered: the killed instance was sending them.
    const { rows: pending } = await pg.query(
      `SELECT DISTINCT resource_id AS id FROM notification WHERE resource_type = 'marketing_message' AND status = 'pending'`
    )

    // What the sink says.
    const accepted = sink.accepted()
    const lost = messages.filter((m) => m.status !== "sent" || !accepted.has(m.id)).map((m) => `${m.id} (${m.status})`)
    const wrongRecipient = messages.filter((m) => (accepted.get(m.id) ?? []).some((d) => !d.to.includes(m.email))).length
    const duplicates = [...accepted.entries()].filter(([, deliveries]) => deliveries.length > 1).map(([id]) => id)
    const inFlightAtKill = pending.map((r) => r.id)
    const unexplained = duplicates.filter((id) => !inFlightAtKill.includes(id))
    const repeatsWithNewMessageId = duplicates.filter((id) => new Set(accepted.get(id).map((d) => d.messageId)).size > 1)
    const stranger = [...accepted.keys()].filter((id) => !messages.some((m) => m.id === id))

    const report = {
      enrollments,
      emails,
      setupSeconds: Math.round(setupSeconds),
      runSeconds: Math.round(runSeconds),
      emailsPerSecond: Math.round((emails / runSeconds) * 10) / 10,
      killedAt,
      sink: { delivered: sink.count(), refused: sink.refused(), distinct: accepted.size, connectionErrors: sink.connectionErrors() },
      counts: {
        enrollments: enrollmentCounts,
        stepRuns,
        repeatedStepRuns: repeated.n,
        messages: { total: messageCounts.total, sent: messageCounts.sent },
        retried: messageCounts.extra_attempts,
        messagesRetried: messageCounts.retried,
        wrongRecipient,
      },
      lost: [...lost, ...stranger.map((id) => `${id} (unknown to the database)`)],
      duplicates,
      inFlightAtKill,
      unexplained,
      repeatsWithNewMessageId,
    }
    say(
      `${enrollments} enrollments, ${emails} emails in ${report.runSeconds} s (${report.emailsPerSecond}/s) after ${report.setupSeconds} s of setup: ` +
        `sink took ${report.sink.delivered} (${report.sink.distinct} distinct), refused ${report.sink.refused}, ${report.sink.connectionErrors} connections reset; ` +
        `${messageCounts.retried} messages retried (${messageCounts.extra_attempts} extra attempts); ` +
        `${inFlightAtKill.length} attempts cut off by the kill, ${duplicates.length} delivered twice; ${report.lost.length} lost`
    )
    return report
  } finally {
    if (pg) await pg.end().catch(() => {})
    await Promise.all(instances.map((i) => i.stop().catch(() => {})))
    await sink.close().catch(() => {})
    await withAdminDb(conn, (c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)).catch(() => {})
    await clearRedis(redisUrl, appId)
  }
}

module.exports = { runInstancesScenario, APP_DIR, PLUGIN_OPTIONS }
