"use strict"
/**
 * Email benchmark, against the running bench store: render and hand-off
 * throughput from the Message queue to an SMTP sink on loopback, through the
 * plugin's SMTP provider (registered for the `email` channel when the bench
 * starts the app with MMA_SMTP_PORT; see scripts/bench.js).
 *
 * Setup: 4 products through the admin API, an MJML template that shows them
 * (image, title, price, link), and BENCH_EMAIL_MESSAGES (default 1000)
 * contacts with email consent, seeded by SQL. Each round queues one message
 * per contact (rows inserted by SQL, as a flow would queue them) and calls
 * POST /admin/marketing/messages/dispatch until the queue is empty; the
 * round's time runs from the first dispatch call to the last message the
 * sink received. Every round checks that each message arrived exactly once.
 */
const { Client } = require("pg")
const { startSink } = require("./smtp-sink")
const { adminApi } = require("./common")

const MESSAGES = Number(process.env.BENCH_EMAIL_MESSAGES || 1000)
const ROUNDS = Number(process.env.BENCH_ROUNDS || 3)
const TARGET = 300

const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

const TEMPLATE_MJML = `<mj-section><mj-column>
  <mj-text font-size="20px" font-weight="bold">Hi {{default contact.first_name "there"}}, picked for you</mj-text>
</mj-column></mj-section>
<mj-section><mj-column><mj-raw>
{{#each products}}<table role="presentation" width="100%"><tr>
<td width="96"><img src="{{thumbnail}}" width="96" alt="{{title}}"></td>
<td><a href="{{url}}">{{title}}</a><br>{{#if price}}{{money price currency_code}}{{/if}}</td>
</tr></table>{{/each}}
</mj-raw></mj-column></mj-section>`

async function run({ url, token, db, log }) {
  const sink = global.__benchSmtpSink
  if (!sink) throw new Error("the email scenario needs the SMTP sink started by scripts/bench.js")
  const api = adminApi(url, token)

  const products = []
  for (let i = 1; i <= 4; i++) {
    const { product } = await api("POST", "/admin/products", {
      title: `Bench product ${i}`,
      handle: `bench-product-${i}-${Date.now()}`,
      status: "published",
      thumbnail: `https://shop.example.com/images/${i}.jpg`,
      options: [{ title: "Size", values: ["M"] }],
      variants: [{ title: "M", options: { Size: "M" }, prices: [{ amount: 10 + i * 5, currency_code: "eur" }] }],
    })
    products.push(product.id)
  }
  const { template } = await api("POST", "/admin/marketing/templates", {
    name: "Bench: recommendations",
    subject: "{{default contact.first_name \"Hello\"}}, 4 picks for you",
    mjml: TEMPLATE_MJML,
  })

  const pg = new Client({ connectionString: db.connectionString })
  await pg.connect()
  try {
    await pg.query(
      `INSERT INTO marketing_contact (id, email, first_name, first_seen_at, last_seen_at, email_marketing_consent,
                                      email_marketing_consent_source, email_marketing_consent_at)
       SELECT 'mcon_bench_email_' || g, 'bench-' || g || '@example.com', 'Reader ' || g, now(), now(), 'granted', 'import', now()
         FROM generate_series(1, $1) g`,
      [MESSAGES]
    )
    const context = JSON.stringify({ products: { ids: products } })
    const rounds = []
    // Round 0 warms the server up (JIT, connection pools) and is not reported.
    for (let r = 0; r <= ROUNDS; r++) {
      await pg.query(
        `INSERT INTO marketing_message (id, email, contact_id, template_id, kind, topic, idempotency_key, context, status,
                                        attempts, queued_at, next_attempt_at, open_count, click_count, machine_open_count, machine_click_count)
         SELECT 'mmsg_bench_' || $1 || '_' || g, 'bench-' || g || '@example.com', 'mcon_bench_email_' || g, $2, 'marketing', NULL,
                'bench:' || $1 || ':' || g, $3::jsonb, 'queued', 0, now(), now(), 0, 0, 0, 0
           FROM generate_series(1, $4) g`,
        [r, template.id, context, MESSAGES]
      )
      const before = sink.count()
      const started = process.hrtime.bigint()
      let calls = 0
      for (;;) {
        calls++
        const result = await api("POST", "/admin/marketing/messages/dispatch", { limit: 500 })
        if (result.claimed === 0) break
      }
      const deadline = Date.now() + 60_000
      while (sink.count() - before < MESSAGES && Date.now() < deadline) await new Promise((res) => setTimeout(res, 5))
      // The minutely job may be dispatching part of the round: wait until every outcome is recorded.
      while (Date.now() < deadline) {
        const { rows } = await pg.query(`SELECT count(*)::int AS n FROM marketing_message WHERE id LIKE $1 AND status = 'queued'`, [`mmsg_bench_${r}_%`])
        if (!rows[0].n) break
        await new Promise((res) => setTimeout(res, 50))
      }
      const seconds = Number(sink.lastAt() - started) / 1e9
      const { rows } = await pg.query(
        `SELECT status, count(*)::int AS n FROM marketing_message WHERE id LIKE $1 GROUP BY status`,
        [`mmsg_bench_${r}_%`]
      )
      const sent = rows.find((row) => row.status === "sent")?.n ?? 0
      const receivedThisRound = sink.count() - before
      const duplicates = sink.duplicates()
      if (sent !== MESSAGES || receivedThisRound !== MESSAGES || duplicates) {
        throw new Error(`round ${r}: ${sent} sent, ${receivedThisRound} received, ${duplicates} duplicates, of ${MESSAGES}: ${JSON.stringify(rows)}`)
      }
      const perSecond = MESSAGES / seconds
      log(`email round ${r}${r ? "" : " (warm-up)"}: ${MESSAGES} emails in ${round(seconds, 2)} s = ${round(perSecond)}/s`)
      if (!r) continue
      rounds.push({ seconds: round(seconds, 2), per_second: round(perSecond), dispatch_calls: calls })
    }
    const sample = sink.sample()
    return {
      messages_per_round: MESSAGES,
      rounds,
      median_per_second: round(median(rounds.map((r) => r.per_second))),
      target_per_second: TARGET,
      sample_email_bytes: sample?.length ?? null,
    }
  } finally {
    await pg.end()
  }
}

function toMarkdown(result) {
  return [
    `## Email: render and hand-off`,
    ``,
    `${result.messages_per_round} queued messages per round (a template with 4 products, MJML compiled once and cached), dispatched (after one warm-up round) through the Notification Module and the plugin's SMTP provider (pooled, 16 connections) to an SMTP sink on loopback; each message checked to arrive exactly once.`,
    ``,
    `| Round | Time | Emails/s |`,
    `|---|---|---|`,
    ...result.rounds.map((r, i) => `| ${i + 1} | ${r.seconds} s | ${r.per_second} |`),
    ``,
    `Median: **${result.median_per_second} emails/s** (target ${result.target_per_second}). Sample email: ${result.sample_email_bytes} bytes.`,
  ].join("\n")
}

module.exports = { run, toMarkdown, startSink, TEMPLATE_MJML }
