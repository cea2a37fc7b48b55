/**
 * Automatic A/B winners on the real app with the SMTP provider and a real
 * SMTP server: seeded samples with a known answer (a clear winner decided
 * only once every variant has its minimum sample, a tie never decided, a
 * revenue test in the flow's dominant currency), the decision stored once,
 * then every new enrollment gets the winner through the runner's batch path
 * and its one-enrollment path; a bad auto_winner is a 400 that writes nothing.
 */
import { marketingTestRunner } from "../runner"
import path from "path"
import type { FlowDefinition } from "../../src/modules/marketing/flows/types"
import { createAdminHeaders, createPublishableKey, runWorkflow, sql, storeHeaders, waitFor } from "../helpers"
import { useTestSmtpServer } from "../smtp-server"

jest.setTimeout(300000)

const APP_DIR = path.join(__dirname, "../app-smtp")
const received = useTestSmtpServer()
const mailsTo = (email: string) => received.filter((r) => r.envelope.to.includes(email))

beforeAll(() => {
  process.env.MMA_EMAIL_TEST_OPTIONS = JSON.stringify({ secret: "flows-ab-secret-0123456789", publicUrl: "https://api.shop.test" })
  // No frequency cap, no quiet hours: the test must not depend on the time of day.
  process.env.MMA_FLOWS_TEST_OPTIONS = JSON.stringify({ frequencyCapHours: 0, quietHours: null })
})
afterAll(() => {
  delete process.env.MMA_EMAIL_TEST_OPTIONS
  delete process.env.MMA_FLOWS_TEST_OPTIONS
})

marketingTestRunner({
  cwd: APP_DIR,
  testSuite: ({ api, getContainer }) => {
    let admin: { headers: Record<string, string> }
    let pk: string
    let templateId: string
    let n = 0

    const db = (text: string, params: unknown[] = []) => sql(getContainer(), text, params)
    const marketing = () => getContainer().resolve("marketing") as any
    const run = (workflow: string, input: unknown) => runWorkflow(getContainer(), workflow, input)
    const decide = () => run("decide-flow-ab-winners", {})
    const decisionsOf = (versionId: string) => db(`SELECT * FROM marketing_flow_ab_decision WHERE flow_version_id = ? AND deleted_at IS NULL`, [versionId])
    const verdictOf = (result: any, versionId: string) => result.evaluated.find((e: any) => e.flow_version_id === versionId)

    async function createFlow(definition: FlowDefinition) {
      const flow = await marketing().createFlows({ name: `AB ${++n}`, status: "active", definition, version_count: 1, published_at: new Date() })
      const version = await marketing().createFlowVersions({
        flow_id: flow.id, version: 1, definition, trigger_type: definition.trigger.type, published_at: new Date(),
      })
      await marketing().updateFlows({ id: flow.id, active_version_id: version.id })
      return { id: flow.id as string, version_id: version.id as string }
    }

    const abFlow = (auto_winner: Record<string, unknown>, holdout = 0): FlowDefinition => ({
      trigger: { type: "manual" },
      reentry: { policy: "every_time" },
      message_pressure: { bypass_frequency_cap: true, bypass_quiet_hours: true },
      start: "wait",
      steps: {
        wait: { type: "wait", seconds: 3600, next: "send" },
        send: {
          type: "send_email", template_id: templateId, holdout_percent: holdout,
          variants: [{ key: "a", weight: 50, subject: "Alpha offer" }, { key: "b", weight: 50, subject: "Bravo offer" }],
          auto_winner: auto_winner as any,
        },
      },
    })

    /** `count` messages of one variant handed to the provider, the first `clicks` of them clicked. */
    async function seedMessages(flow: { id: string; version_id: string }, variant: string, count: number, clicks: number) {
      const tag = `${flow.version_id}-${variant}-${++n}`
      await db(
        `INSERT INTO marketing_message (id, email, kind, status, idempotency_key, queued_at, sent_at, clicked_at, flow_id, flow_version_id, step_id, variant)
         SELECT 'mmsg_' || md5(? || g), 'seed-' || md5(? || g) || '@example.com', 'marketing', 'sent', ? || ':' || g, now(), now(),
                CASE WHEN g <= ? THEN now() END, ?, ?, 'send', ?
           FROM generate_series(1, ?) g`,
        [tag, tag, tag, clicks, flow.id, flow.version_id, variant, count]
      )
    }

    /** Orders attributed to the first `orders` of a variant's seeded messages, `amount` each. */
    async function seedRevenue(flow: { id: string; version_id: string }, variant: string, orders: number, amount: number, currency: string) {
      await db(
        `INSERT INTO marketing_attribution (id, kind, order_id, contact_id, message_id, flow_id, flow_version_id, step_id, variant, touch, touched_at,
           amount, raw_amount, currency_code, discount_amount, raw_discount_amount, ordered_at)
         SELECT 'matr_' || md5(m.id || ?), 'order', 'order_' || md5(m.id || ?), 'mcon_seed', m.id, m.flow_id, m.flow_version_id, m.step_id, m.variant,
                'click', now(), ?, jsonb_build_object('value', ?::text, 'precision', 20), ?, 0, '{"value":"0","precision":20}'::jsonb, now()
           FROM (SELECT * FROM marketing_message WHERE flow_version_id = ? AND variant = ? ORDER BY id LIMIT ?) m`,
        [currency, currency, amount, String(amount), currency, flow.version_id, variant, orders]
      )
    }

    async function subscriber(name: string) {
      const email = `${name.toLowerCase()}-${++n}@example.com`
      const anon = `anon-ab-${n}`
      await api.post("/store/marketing/events", { events: [{ type: "identify", anonymous_id: anon, properties: { email, first_name: name } }] }, storeHeaders(pk))
      const [{ id }] = await db(`SELECT id FROM marketing_contact WHERE email = ? AND deleted_at IS NULL`, [email])
      await api.post(`/admin/marketing/contacts/${id}/consent`, { status: "granted" }, admin)
      return { id: id as string, email }
    }

    beforeAll(async () => {
      admin = await createAdminHeaders(getContainer())
      pk = await createPublishableKey(getContainer())
      templateId = (await api.post("/admin/marketing/templates", { name: "Offer", subject: "Plain offer", html: "<p>Hello</p>" }, admin)).data.template.id
    })

    it("refuses a bad auto_winner with a 400 naming the step and field, and writes nothing", async () => {
      const noVariants = (auto_winner: unknown) => {
        const definition: any = abFlow(auto_winner as any)
        delete definition.steps.send.variants
        return definition
      }
      // A draft with a bad option cannot be published: no version is made
      const draft = (await api.post("/admin/marketing/flows", { name: "Bad AB", definition: abFlow({ metric: "click_rate", confidence: 0.5 }) }, admin)).data.flow
      const refused = await api.post(`/admin/marketing/flows/${draft.id}/publish`, {}, { ...admin, validateStatus: () => true })
      expect(refused.status).toBe(400)
      expect(refused.data.message).toContain("definition.steps.send.auto_winner.confidence")
      expect(await db(`SELECT id FROM marketing_flow_version WHERE flow_id = ?`, [draft.id])).toHaveLength(0)

      // An active flow's bad edit is a 400 and changes nothing
      const good = abFlow({ metric: "conversion_rate", confidence: 0.99, min_sample: 200 })
      const flow = (await api.post("/admin/marketing/flows", { name: "Good AB", definition: good }, admin)).data.flow
      expect((await api.post(`/admin/marketing/flows/${flow.id}/publish`, {}, admin)).data.flow).toMatchObject({ status: "active", version_count: 1 })
      const edit = (definition: unknown) =>
        api.post(`/admin/marketing/flows/${flow.id}`, { definition }, { ...admin, validateStatus: () => true })
      const cases: [unknown, string][] = [
        [abFlow({ metric: "open_rate" }), "definition.steps.send.auto_winner.metric"],
        [abFlow({ metric: "click_rate", confidence: 1 }), "definition.steps.send.auto_winner.confidence"],
        [abFlow({ metric: "click_rate", min_sample: 5 }), "definition.steps.send.auto_winner.min_sample"],
        [abFlow({ metric: "click_rate", after: 3 }), "definition.steps.send.auto_winner.after"],
        [noVariants({ metric: "click_rate" }), "definition.steps.send.auto_winner: needs at least 2 variants"],
      ]
      for (const [definition, message] of cases) {
        const res = await edit(definition)
        expect(res.status).toBe(400)
        expect(res.data.message).toContain(message)
      }
      const after = (await api.get(`/admin/marketing/flows/${flow.id}`, admin)).data.flow
      expect(after).toMatchObject({ version_count: 1, definition: good })
    })

    it("decides a clear click-rate winner only once every variant has its minimum sample, once, and sends it to every new enrollment", async () => {
      const flow = await createFlow(abFlow({ metric: "click_rate", min_sample: 200 }, 20))
      // b clicks at 20 %, a at 5 %: p ≈ 1e−6, but a has 199 recipients
      await seedMessages(flow, "a", 199, 10)
      await seedMessages(flow, "b", 200, 40)
      // Messages not handed to the provider do not count
      await db(`INSERT INTO marketing_message (id, email, kind, status, idempotency_key, queued_at, flow_id, flow_version_id, step_id, variant)
                VALUES ('mmsg_ab_queued', 'q@example.com', 'marketing', 'queued', 'ab-queued', now(), ?, ?, 'send', 'a')`, [flow.id, flow.version_id])
      const early = await decide()
      expect(verdictOf(early, flow.version_id)).toMatchObject({ reason: "below_min_sample", p_value: null })
      expect(await decisionsOf(flow.version_id)).toHaveLength(0)

      await seedMessages(flow, "a", 1, 0)
      await decide()
      const [decision] = await decisionsOf(flow.version_id)
      expect(decision).toMatchObject({ flow_id: flow.id, step_id: "send", metric: "click_rate", winner: "b", test: "z_test" })
      expect(decision.p_value).toBeLessThan(0.001)
      expect(decision.confidence).toBeCloseTo(0.95, 5)
      expect(decision.samples).toMatchObject({ a: { recipients: 200, successes: 10, value: 0.05 }, b: { recipients: 200, successes: 40, value: 0.2 } })
      const listed = (await api.get(`/admin/marketing/flows/${flow.id}/ab-decisions`, admin)).data.decisions
      expect(listed).toEqual([expect.objectContaining({ flow_version_id: flow.version_id, step_id: "send", winner: "b", metric: "click_rate", test: "z_test" })])
      // Idempotent: another run neither adds nor changes a decision, nor evaluates the step again
      const again = await decide()
      expect(verdictOf(again, flow.version_id)).toBeUndefined()
      expect(await decisionsOf(flow.version_id)).toEqual([decision])

      // New enrollments all get the winner (the holdout still applies), through the runner's batch path
      const people = await Promise.all(["Ann", "Ben", "Cid", "Dee", "Eve", "Fay", "Gus", "Hal", "Ida", "Jon"].map(subscriber))
      for (const p of people) await api.post(`/admin/marketing/flows/${flow.id}/enrollments`, { contact_id: p.id }, admin)
      await run("run-due-flows", { now: new Date(Date.now() + 2 * 3_600_000).toISOString() })
      const runs = await db(
        `SELECT variant, outcome FROM marketing_flow_step_run WHERE flow_id = ? AND step_id = 'send' AND deleted_at IS NULL`, [flow.id]
      )
      expect(runs).toHaveLength(people.length)
      const sent = runs.filter((r: any) => r.variant === "b")
      expect(sent.length).toBeGreaterThan(0)
      expect(runs.every((r: any) => r.variant === "b" || (r.variant === "holdout" && r.outcome === "skipped"))).toBe(true)
      await waitFor(async () => received.filter((m) => people.some((p) => m.envelope.to.includes(p.email))).length >= sent.length)
      const mails = received.filter((m) => people.some((p) => m.envelope.to.includes(p.email)))
      expect(mails).toHaveLength(sent.length)
      expect(mails.every((m) => m.parsed.subject === "Bravo offer")).toBe(true)

      // … and through the one-enrollment path (run-flow-step)
      const solo = await subscriber("Solo")
      await api.post(`/admin/marketing/flows/${flow.id}/enrollments`, { contact_id: solo.id }, admin)
      const [row] = await db(`SELECT * FROM marketing_flow_enrollment WHERE flow_id = ? AND contact_id = ?`, [flow.id, solo.id])
      expect(row.current_step_id).toBe("send")
      const later = new Date(Date.now() + 2 * 3_600_000)
      const [claimed] = await marketing().claimDueEnrollments({ now: later, limit: 1, lease_seconds: 60, ids: [row.id] })
      await run("run-flow-step", { enrollment: claimed, now: later.toISOString() })
      const [soloRun] = await db(`SELECT variant FROM marketing_flow_step_run WHERE enrollment_id = ? AND step_id = 'send'`, [row.id])
      expect(["b", "holdout"]).toContain(soloRun.variant)
      if (soloRun.variant === "b") expect((await waitFor(async () => mailsTo(solo.email)[0])).parsed.subject).toBe("Bravo offer")
    })

    it("never decides a tie, however large the sample", async () => {
      const flow = await createFlow(abFlow({ metric: "click_rate", min_sample: 100 }))
      await seedMessages(flow, "a", 400, 60)
      await seedMessages(flow, "b", 400, 60)
      const result = await decide()
      expect(verdictOf(result, flow.version_id)).toMatchObject({ reason: "tie" })
      expect(await decisionsOf(flow.version_id)).toHaveLength(0)
      // A small, not significant difference is no winner either
      await seedMessages(flow, "b", 1, 1)
      expect(verdictOf(await decide(), flow.version_id)).toMatchObject({ reason: "not_significant" })
      expect(await decisionsOf(flow.version_id)).toHaveLength(0)
    })

    it("counts a conversion when the message's enrollment converted after the send", async () => {
      const flow = await createFlow(abFlow({ metric: "conversion_rate", min_sample: 100 }))
      await seedMessages(flow, "a", 150, 0)
      await seedMessages(flow, "b", 150, 0)
      // Every message sent an hour ago by a step run of its own enrollment
      await db(
        `INSERT INTO marketing_flow_enrollment (id, flow_id, flow_version_id, contact_id, status, enrollment_key, current_step_id, entered_at)
         SELECT 'mfen_' || md5(m.id), m.flow_id, m.flow_version_id, 'mcon_' || md5(m.id), 'completed', md5(m.id), null, now() - interval '2 hours'
           FROM marketing_message m WHERE m.flow_version_id = ?`, [flow.version_id])
      await db(`UPDATE marketing_message SET sent_at = now() - interval '1 hour' WHERE flow_version_id = ?`, [flow.version_id])
      await db(
        `INSERT INTO marketing_flow_step_run (id, enrollment_id, flow_id, flow_version_id, contact_id, step_id, step_type, outcome, variant, message_id, idempotency_key, started_at)
         SELECT 'mfsr_' || md5(m.id), 'mfen_' || md5(m.id), m.flow_id, m.flow_version_id, 'mcon_' || md5(m.id), 'send', 'send_email', 'completed', m.variant, m.id, md5(m.id), now()
           FROM marketing_message m WHERE m.flow_version_id = ?`, [flow.version_id])
      const convert = (variant: string, count: number, when: string) => db(
        `UPDATE marketing_flow_enrollment SET status = 'converted', converted_at = now() ${when}
          WHERE id IN (SELECT 'mfen_' || md5(id) FROM marketing_message WHERE flow_version_id = ? AND variant = ?
                        AND 'mfen_' || md5(id) IN (SELECT id FROM marketing_flow_enrollment WHERE converted_at IS NULL) ORDER BY id LIMIT ?)`,
        [flow.version_id, variant, count])
      // a: 12 converted after the email; b: 12 after, and 30 more that converted before the email (not counted)
      await convert("a", 12, "")
      await convert("b", 12, "")
      await convert("b", 30, "- interval '3 hours'")
      expect(verdictOf(await decide(), flow.version_id)).toMatchObject({ reason: "tie" })
      await convert("b", 20, "")
      await decide()
      const [decision] = await decisionsOf(flow.version_id)
      expect(decision).toMatchObject({ metric: "conversion_rate", winner: "b", test: "z_test" })
      expect(decision.samples).toMatchObject({ a: { recipients: 150, successes: 12 }, b: { recipients: 150, successes: 32 } })
    })

    it("decides revenue per recipient in the flow's dominant currency", async () => {
      const flow = await createFlow(abFlow({ metric: "revenue_per_recipient", min_sample: 100 }))
      await seedMessages(flow, "a", 300, 0)
      await seedMessages(flow, "b", 300, 0)
      // In eur (the dominant currency: 60 + 15 orders): a 60 × 50 = 10 a recipient, b 15 × 50 = 2.5
      await seedRevenue(flow, "a", 60, 50, "eur")
      await seedRevenue(flow, "b", 15, 50, "eur")
      // In usd, b would win by far; those orders are left out
      await seedRevenue(flow, "b", 20, 5000, "usd")
      await decide()
      const [decision] = await decisionsOf(flow.version_id)
      expect(decision).toMatchObject({ metric: "revenue_per_recipient", winner: "a", test: "welch_z" })
      expect(decision.samples).toMatchObject({ currency_code: "eur", a: { recipients: 300, revenue: 3000, value: 10 }, b: { recipients: 300, revenue: 750, value: 2.5 } })
    })
  },
})
