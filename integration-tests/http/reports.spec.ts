import { marketingTestRunner } from "../runner"
import { type AdminHeaders, createAdminHeaders, runWorkflow, sql, TEST_APP_DIR } from "../helpers"

jest.setTimeout(240000)

/**
 * The reports API over a seeded dataset whose every answer is known: two flows,
 * messages with human and machine engagement, hard and soft bounces,
 * unsubscribes and a complaint, attributions in two currencies (one withdrawn,
 * one on the period's end), a holdout step, an A/B decision, stage changes.
 * The period is 2026-03-01T00:00Z (inclusive) to 2026-03-11T00:00Z (exclusive): 10 days.
 */
const FROM = "2026-03-01T00:00:00.000Z"
const TO = "2026-03-11T00:00:00.000Z"
const Q = `?from=${FROM}&to=${TO}`

marketingTestRunner({
  cwd: TEST_APP_DIR,
  testSuite: ({ api, getContainer }) => {
    let admin: AdminHeaders
    const run = (text: string, params: unknown[] = []) => sql(getContainer(), text, params)
    let n = 0
    const uid = (p: string) => `${p}_${++n}`

    type Msg = {
      flow?: string | null; step?: string | null; variant?: string | null; queued: string; kind?: string
      sent?: boolean; opened?: boolean; clicked?: boolean; machineOpens?: number; machineClicks?: number
      hard?: boolean; soft?: boolean; complained?: boolean; unsubscribed?: boolean
    }
    const message = (m: Msg) => {
      const t = m.queued
      return run(
        `INSERT INTO marketing_message (id, contact_id, kind, email, status, idempotency_key, queued_at, sent_at, opened_at, clicked_at,
           machine_open_count, machine_click_count, bounced_at, soft_bounced_at, complained_at, unsubscribed_at, flow_id, flow_version_id, step_id, variant)
         VALUES (?, 'mcon_1', ?, 'a@example.com', 'sent', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          uid("mmsg"), m.kind ?? "marketing", uid("key"), t, m.sent ? t : null, m.opened ? t : null, m.clicked ? t : null,
          m.machineOpens ?? 0, m.machineClicks ?? 0, m.hard ? t : null, m.soft ? t : null, m.complained ? t : null,
          m.unsubscribed ? t : null, m.flow ?? null, m.flow ? `${m.flow}_v1` : null, m.step ?? null, m.variant ?? null,
        ]
      )
    }
    type Attr = {
      flow?: string | null; step?: string | null; variant?: string | null; kind?: string; amount?: number | null
      currency?: string | null; discount?: number; first?: boolean; at: string; withdrawn?: boolean
    }
    const attribution = (a: Attr) =>
      run(
        `INSERT INTO marketing_attribution (id, kind, order_id, contact_id, message_id, flow_id, flow_version_id, step_id, variant, touch, touched_at,
           amount, raw_amount, currency_code, discount_amount, raw_discount_amount, first_order, ordered_at, withdrawn_at)
         VALUES (?, ?, ?, 'mcon_1', 'mmsg_x', ?, ?, ?, ?, 'click', ?, ?, ?::jsonb, ?, ?, ?::jsonb, ?, ?, ?)`,
        [
          uid("mattr"), a.kind ?? "order", a.kind === "appointment" ? null : uid("order"), a.flow ?? null, a.flow ? `${a.flow}_v1` : null,
          a.step ?? null, a.variant ?? null, a.at, a.amount ?? null,
          a.amount == null ? null : JSON.stringify({ value: String(a.amount), precision: 20 }), a.currency ?? null, a.discount ?? 0,
          JSON.stringify({ value: String(a.discount ?? 0), precision: 20 }), a.first ?? false, a.at, a.withdrawn ? a.at : null,
        ]
      )
    /** An enrollment of flow A with one run of send_1. */
    const enrollmentWithRun = async (o: {
      variant: string | null; outcome?: string; runAt: string; enteredAt?: string; convertedAt?: string | null; amount?: number; currency?: string
    }) => {
      const id = uid("menr")
      await run(
        `INSERT INTO marketing_flow_enrollment (id, flow_id, flow_version_id, contact_id, status, enrollment_key, entered_at, ended_at,
           converted_at, conversion_amount, conversion_currency_code)
         VALUES (?, 'mflow_a', 'mflow_a_v1', ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          id, uid("mcon"), o.convertedAt ? "converted" : "completed", uid("ekey"), o.enteredAt ?? "2026-03-02T08:00:00Z",
          o.convertedAt ?? "2026-03-09T00:00:00Z", o.convertedAt ?? null, o.convertedAt ? o.amount ?? 10 : null,
          o.convertedAt ? o.currency ?? "eur" : null,
        ]
      )
      await run(
        `INSERT INTO marketing_flow_step_run (id, enrollment_id, flow_id, flow_version_id, contact_id, step_id, step_type, outcome, reason, variant,
           message_id, idempotency_key, started_at, finished_at)
         VALUES (?, ?, 'mflow_a', 'mflow_a_v1', 'mcon_1', 'send_1', 'send_email', ?, ?, ?, ?, ?, ?, ?)`,
        [
          uid("mfsr"), id, o.outcome ?? (o.variant === "holdout" ? "skipped" : "completed"), o.variant === "holdout" ? "holdout" : null,
          o.variant, o.variant === "holdout" ? null : uid("mmsg"), uid("rkey"), o.runAt, o.runAt,
        ]
      )
    }

    beforeAll(async () => {
      admin = await createAdminHeaders(getContainer())
      await run(`DELETE FROM marketing_report_settings`)
      await run(`INSERT INTO marketing_report_settings (id, cost_per_email, currency_code) VALUES ('mrsets_test', 0.01, 'eur')`)
      const definition = {
        start: "send_1",
        steps: {
          send_1: { type: "send_email", template_id: "t", holdout_percent: 30, next: "wait_1" },
          wait_1: { type: "wait", seconds: 60, next: "send_2" },
          send_2: { type: "send_email", template_id: "t", next: "done" },
          done: { type: "exit" },
        },
      }
      await run(
        `INSERT INTO marketing_flow (id, name, status, definition, monthly_cost, created_at) VALUES
           ('mflow_a', 'Cart reminder', 'active', ?::jsonb, 30, '2026-01-01'),
           ('mflow_b', 'Welcome', 'paused', '{"start":"send_x","steps":{"send_x":{"type":"send_email","template_id":"t"}}}'::jsonb, NULL, '2026-01-02')`,
        [JSON.stringify(definition)]
      )

      // Flow A, send_1, variant a (queued 2026-03-02)
      const d2 = "2026-03-02T10:00:00Z"
      const a = { flow: "mflow_a", step: "send_1", variant: "a", queued: d2 }
      await message({ ...a, sent: true, opened: true, clicked: true })
      await message({ ...a, sent: true, opened: true })
      await message({ ...a, sent: true, machineOpens: 2 }) // machine open only
      await message({ ...a, sent: true, opened: true, machineClicks: 1 }) // machine click only
      await message({ ...a, sent: true, hard: true })
      await message({ ...a, sent: true, soft: true })
      await message({ ...a, sent: true, opened: true, unsubscribed: true, complained: true })
      await message({ ...a }) // queued, never handed to the provider
      // variant b
      const b = { ...a, variant: "b" }
      await message({ ...b, sent: true, opened: true, clicked: true })
      await message({ ...b, sent: true })
      // send_2, no variant: one inside, one on the period's first instant, two just outside
      const s2 = { flow: "mflow_a", step: "send_2" }
      await message({ ...s2, queued: "2026-03-05T12:00:00Z", sent: true, opened: true, clicked: true })
      await message({ ...s2, queued: FROM, sent: true })
      await message({ ...s2, queued: TO, sent: true, opened: true })
      await message({ ...s2, queued: "2026-02-28T23:59:59.999Z", sent: true, opened: true })
      // Flow B, a message outside flows, a transactional one
      await message({ flow: "mflow_b", step: "send_x", queued: "2026-03-04T09:00:00Z", sent: true, opened: true })
      await message({ queued: "2026-03-04T09:00:00Z", sent: true, opened: true })
      await message({ queued: "2026-03-04T09:00:00Z", kind: "transactional", sent: true, opened: true, clicked: true })

      // Attributions
      await attribution({ flow: "mflow_a", step: "send_1", variant: "a", amount: 100, currency: "eur", discount: 5, first: true, at: "2026-03-03T10:00:00Z" })
      await attribution({ flow: "mflow_a", step: "send_1", variant: "b", amount: 50.5, currency: "usd", discount: 2.5, at: "2026-03-04T10:00:00Z" })
      await attribution({ flow: "mflow_a", step: "send_1", variant: "a", amount: 20, currency: "eur", at: "2026-03-03T11:00:00Z", withdrawn: true })
      await attribution({ flow: "mflow_a", step: "send_2", amount: 30, currency: "usd", first: true, at: "2026-03-05T10:00:00Z" })
      await attribution({ flow: "mflow_a", step: "send_1", variant: "a", amount: 999, currency: "eur", first: true, at: TO })
      await attribution({ flow: "mflow_a", step: "send_1", variant: "b", kind: "appointment", at: "2026-03-06T10:00:00Z" })
      await attribution({ amount: 7, currency: "usd", at: "2026-03-04T12:00:00Z" }) // a message outside flows

      // Holdout on send_1: 10 holdout runs (2 converted after, 1 converted before its run), 20 treated (8 converted after),
      // one suppressed treated run and one holdout run before the period (both left out).
      const runAt = "2026-03-02T10:00:00Z"
      const after = "2026-03-03T10:00:00Z"
      for (let i = 0; i < 10; i++) {
        await enrollmentWithRun({
          variant: "holdout", runAt,
          convertedAt: i < 2 ? after : i === 2 ? "2026-03-02T09:00:00Z" : null,
        })
      }
      for (let i = 0; i < 20; i++) {
        await enrollmentWithRun({
          variant: i % 2 ? "a" : "b", runAt,
          convertedAt: i < 8 ? after : null, currency: i < 6 ? "eur" : "usd", amount: i < 6 ? 10 : 15,
        })
      }
      await enrollmentWithRun({ variant: "a", outcome: "skipped", runAt })
      await enrollmentWithRun({ variant: "holdout", runAt: "2026-02-20T10:00:00Z", enteredAt: "2026-02-20T08:00:00Z" })

      await run(
        `INSERT INTO marketing_flow_ab_decision (id, flow_id, flow_version_id, step_id, metric, winner, test, p_value, confidence, samples, decided_at)
         VALUES ('mabd_1', 'mflow_a', 'mflow_a_v1', 'send_1', 'click_rate', 'b', 'two_proportion_z', 0.01, 0.95, '{"a":600,"b":600}', '2026-03-07T00:00:00Z')`
      )

      // Funnel: 2 leads and 1 customer now (a merged contact left out); entries in and out of the period.
      await run(
        `INSERT INTO marketing_contact (id, first_seen_at, last_seen_at, lifecycle_stage, merged_into_id) VALUES
           ('mcon_f1', now(), now(), 'lead', NULL), ('mcon_f2', now(), now(), 'lead', NULL),
           ('mcon_f3', now(), now(), 'customer', NULL), ('mcon_f4', now(), now(), 'lead', 'mcon_f1')`
      )
      await run(
        `INSERT INTO marketing_lifecycle_stage_change (id, contact_id, from_stage, to_stage, reason, changed_at) VALUES
           ('mlsc_1', 'mcon_f1', 'subscriber', 'lead', 't', '2026-03-02T00:00:00Z'),
           ('mlsc_2', 'mcon_f2', 'subscriber', 'lead', 't', '2026-03-10T23:59:59Z'),
           ('mlsc_3', 'mcon_f3', 'lead', 'customer', 't', '2026-03-05T00:00:00Z'),
           ('mlsc_4', 'mcon_f3', 'subscriber', 'lead', 't', '2026-02-27T00:00:00Z'),
           ('mlsc_5', 'mcon_f2', 'lead', 'customer', 't', '2026-03-11T00:00:00Z')`
      )
    })

    const close = (x: number | null, y: number) => {
      expect(x).not.toBeNull()
      expect(x!).toBeCloseTo(y, 6)
    }

    it("flows: every measure of each flow, money per currency, machine engagement apart", async () => {
      const { data } = await api.get(`/admin/marketing/reports/flows${Q}`, admin)
      expect(data.period).toEqual({ from: FROM, to: TO })
      expect(data.flows.map((f: any) => f.flow_id)).toEqual(["mflow_a", "mflow_b"])
      const a = data.flows[0]
      expect(a).toMatchObject({
        name: "Cart reminder", status: "active",
        recipients: 12, delivered: 9, opens: 6, clicks: 3, machine_opens: 1, machine_clicks: 1,
        hard_bounces: 1, soft_bounces: 1, complaints: 1, unsubscribes: 1,
        enrollments: 31, conversions: 11, appointments: 1, new_customers: 2,
      })
      close(a.open_rate, 6 / 9)
      close(a.click_rate, 3 / 9)
      close(a.click_to_open_rate, 0.5)
      close(a.bounce_rate, 2 / 11)
      close(a.conversion_rate, 11 / 31)
      expect(a.revenue).toEqual([{ currency_code: "eur", amount: 100 }, { currency_code: "usd", amount: 80.5 }])
      // eur: 11 handed × 0.01 + 5 discount + 30 monthly × 10/30 days; usd: 2.5 discount
      expect(a.cost).toEqual([{ currency_code: "eur", amount: 15.11 }, { currency_code: "usd", amount: 2.5 }])
      expect(a.cost_per_conversion).toEqual([{ currency_code: "eur", amount: 1.373636 }, { currency_code: "usd", amount: 0.227273 }])
      expect(a.cost_per_new_customer).toEqual([{ currency_code: "eur", amount: 7.555 }, { currency_code: "usd", amount: 1.25 }])

      const b = data.flows[1]
      expect(b).toMatchObject({
        recipients: 1, delivered: 1, opens: 1, clicks: 0, conversions: 0, enrollments: 0, conversion_rate: null,
        bounce_rate: 0, revenue: [], cost: [{ currency_code: "eur", amount: 0.01 }],
        cost_per_conversion: [{ currency_code: "eur", amount: null }], cost_per_new_customer: [{ currency_code: "eur", amount: null }],
      })
      expect(b.click_to_open_rate).toBe(0)
    })

    it("flow detail: steps with their variants, the holdout's lift, the A/B decision", async () => {
      const { data } = await api.get(`/admin/marketing/reports/flows/mflow_a${Q}`, admin)
      expect(data.flow.flow_id).toBe("mflow_a")
      expect(data.steps.map((s: any) => [s.step_id, s.step_type])).toEqual([
        ["send_1", "send_email"], ["wait_1", "wait"], ["send_2", "send_email"], ["done", "exit"],
      ])
      const [s1, wait, s2] = data.steps
      expect(s1).toMatchObject({
        recipients: 10, delivered: 7, opens: 5, clicks: 2, machine_opens: 1, machine_clicks: 1, hard_bounces: 1, soft_bounces: 1,
        complaints: 1, unsubscribes: 1, conversions: 2, appointments: 1,
        revenue: [{ currency_code: "eur", amount: 100 }, { currency_code: "usd", amount: 50.5 }],
        // 9 handed × 0.01 + 5 eur discount; 2.5 usd discount
        cost: [{ currency_code: "eur", amount: 5.09 }, { currency_code: "usd", amount: 2.5 }],
        cost_per_conversion: [{ currency_code: "eur", amount: 2.545 }, { currency_code: "usd", amount: 1.25 }],
      })
      close(s1.bounce_rate, 2 / 9)
      close(s1.conversion_rate, 2 / 10)
      expect(s1.variants.map((v: any) => v.variant)).toEqual(["a", "b"])
      expect(s1.variants[0]).toMatchObject({
        recipients: 8, delivered: 5, opens: 4, clicks: 1, hard_bounces: 1, soft_bounces: 1, conversions: 1, appointments: 0,
        revenue: [{ currency_code: "eur", amount: 100 }],
      })
      close(s1.variants[0].bounce_rate, 2 / 7)
      expect(s1.variants[1]).toMatchObject({
        recipients: 2, delivered: 2, opens: 1, clicks: 1, conversions: 1, appointments: 1, revenue: [{ currency_code: "usd", amount: 50.5 }],
      })
      expect(wait).toMatchObject({ recipients: 0, conversions: 0, open_rate: null, variants: [] })
      expect(s2).toMatchObject({ recipients: 2, delivered: 2, opens: 1, clicks: 1, conversions: 1, revenue: [{ currency_code: "usd", amount: 30 }] })

      expect(data.holdouts).toHaveLength(1)
      const h = data.holdouts[0]
      expect(h.step_id).toBe("send_1")
      expect(h.holdout).toEqual({
        contacts: 10, conversions: 2, conversion_rate: 0.2,
        revenue_per_contact: [{ currency_code: "eur", amount: 2 }, { currency_code: "usd", amount: 0 }],
      })
      expect(h.treated).toEqual({
        contacts: 20, conversions: 8, conversion_rate: 0.4,
        revenue_per_contact: [{ currency_code: "eur", amount: 3 }, { currency_code: "usd", amount: 1.5 }],
      })
      // 0.4 − 0.2 ± 1.959964 × sqrt(0.24/20 + 0.16/10)
      close(h.lift.absolute, 0.2)
      close(h.lift.relative, 1)
      expect(h.lift.ci_low).toBeCloseTo(-0.127963, 5)
      expect(h.lift.ci_high).toBeCloseTo(0.527963, 5)
      expect(h.lift.confidence).toBe(0.95)

      expect(data.decisions).toEqual([
        {
          step_id: "send_1", metric: "click_rate", winner: "b", test: "two_proportion_z", p_value: expect.any(Number), confidence: 0.95,
          samples: { a: 600, b: 600 }, decided_at: "2026-03-07T00:00:00.000Z",
        },
      ])
      close(data.decisions[0].p_value, 0.01)
    })

    it("messages per UTC day of sending; transactional mail left out", async () => {
      const { data } = await api.get(`/admin/marketing/reports/messages${Q}`, admin)
      expect(data.days).toHaveLength(10)
      expect(data.days[0]).toEqual({ day: "2026-03-01", sent: 1, opened: 0, clicked: 0, bounced: 0, unsubscribed: 0 })
      expect(data.days[1]).toEqual({ day: "2026-03-02", sent: 9, opened: 5, clicked: 2, bounced: 2, unsubscribed: 1 })
      expect(data.days[3]).toEqual({ day: "2026-03-04", sent: 2, opened: 2, clicked: 0, bounced: 0, unsubscribed: 0 })
      expect(data.days[4]).toEqual({ day: "2026-03-05", sent: 1, opened: 1, clicked: 1, bounced: 0, unsubscribed: 0 })
      expect(data.days[9]).toEqual({ day: "2026-03-10", sent: 0, opened: 0, clicked: 0, bounced: 0, unsubscribed: 0 })
    })

    it("revenue per flow per day in one currency, never added across currencies", async () => {
      const eur = (await api.get(`/admin/marketing/reports/revenue${Q}`, admin)).data
      expect(eur.currency_code).toBe("eur")
      expect(eur.currency_codes).toEqual(["eur", "usd"])
      expect(eur.flows).toEqual([{ flow_id: "mflow_a", name: "Cart reminder" }])
      expect(eur.days).toHaveLength(10)
      expect(eur.days[2]).toEqual({ day: "2026-03-03", total: 100, flows: { mflow_a: 100 } })
      expect(eur.days[3]).toEqual({ day: "2026-03-04", total: 0, flows: { mflow_a: 0 } })

      const usd = (await api.get(`/admin/marketing/reports/revenue${Q}&currency_code=USD`, admin)).data
      expect(usd.currency_code).toBe("usd")
      expect(usd.days[3]).toEqual({ day: "2026-03-04", total: 57.5, flows: { mflow_a: 50.5 } })
      expect(usd.days[4]).toEqual({ day: "2026-03-05", total: 30, flows: { mflow_a: 30 } })
      expect(usd.days.reduce((s: number, d: any) => s + d.total, 0)).toBeCloseTo(87.5, 6)

      const none = (await api.get(`/admin/marketing/reports/revenue?from=2025-01-01&to=2025-01-10`, admin)).data
      expect(none).toMatchObject({ currency_code: "eur", currency_codes: [], flows: [] })
      expect(none.period).toEqual({ from: "2025-01-01T00:00:00.000Z", to: "2025-01-11T00:00:00.000Z" })
    })

    it("funnel: contacts per stage now, entries per stage in the period", async () => {
      const { data } = await api.get(`/admin/marketing/reports/funnel${Q}`, admin)
      const by = Object.fromEntries(data.stages.map((s: any) => [s.stage, s]))
      expect(data.stages[0].stage).toBe("subscriber")
      expect(by.lead).toEqual({ stage: "lead", contacts: 2, entered: 2 })
      expect(by.customer).toEqual({ stage: "customer", contacts: 1, entered: 1 })
      expect(by.vip).toEqual({ stage: "vip", contacts: 0, entered: 0 })
    })

    it("defaults to the last 30 days; a bare `to` date includes its day", async () => {
      const { data } = await api.get(`/admin/marketing/reports/flows`, admin)
      expect(Date.parse(data.period.to) - Date.parse(data.period.from)).toBe(30 * 86_400_000)
      expect(Math.abs(Date.parse(data.period.to) - Date.now())).toBeLessThan(120_000)
      const dated = (await api.get(`/admin/marketing/reports/funnel?from=2026-03-01&to=2026-03-10`, admin)).data
      expect(dated.period).toEqual({ from: FROM, to: TO })
    })

    it("400s name the field; an unknown flow is a 404", async () => {
      const fail = async (url: string) => {
        const e: any = await api.get(url, admin).then(() => null, (err) => err)
        return { status: e?.response?.status, message: String(e?.response?.data?.message ?? "") }
      }
      let r = await fail(`/admin/marketing/reports/flows?from=2026-03-10&to=2026-03-01`)
      expect(r.status).toBe(400)
      expect(r.message).toMatch(/from: must be before to/)
      r = await fail(`/admin/marketing/reports/messages?from=2026-02-30`)
      expect(r.status).toBe(400)
      expect(r.message).toMatch(/from: must be an ISO date/)
      r = await fail(`/admin/marketing/reports/funnel?to=yesterday`)
      expect(r.status).toBe(400)
      expect(r.message).toMatch(/to: must be an ISO date/)
      r = await fail(`/admin/marketing/reports/revenue?from=2024-01-01&to=2025-06-01`)
      expect(r.status).toBe(400)
      expect(r.message).toMatch(/to: the period .* is longer than 400 days/)
      r = await fail(`/admin/marketing/reports/revenue${Q}&currency_code=euro`)
      expect(r.status).toBe(400)
      expect(r.message).toMatch(/currency_code/)
      r = await fail(`/admin/marketing/reports/flows/mflow_a?period=7`)
      expect(r.status).toBe(400)
      expect(r.message).toMatch(/period/)
      r = await fail(`/admin/marketing/reports/flows/mflow_nope${Q}`)
      expect(r.status).toBe(404)
    })

    // Last: it changes the data. The minutely rollup job may build days at any moment in this app too; the answers are the same either way.
    it("closed days come from daily rollups; a changed message reaches the reports at once", async () => {
      const partial = `?from=2026-03-02T12:00:00.000Z&to=2026-03-05T18:00:00.000Z`
      const reports = async () => ({
        flows: (await api.get(`/admin/marketing/reports/flows${Q}`, admin)).data,
        partial: (await api.get(`/admin/marketing/reports/flows${partial}`, admin)).data,
        detail: (await api.get(`/admin/marketing/reports/flows/mflow_a${Q}`, admin)).data,
        messages: (await api.get(`/admin/marketing/reports/messages${Q}`, admin)).data,
      })
      const before = await reports()
      const flowA = (r: any) => r.flows.flows.find((f: any) => f.flow_id === "mflow_a")

      const built = await runWorkflow(getContainer(), "build-marketing-message-rollups", { now: "2026-03-12T06:00:00Z" })
      expect(built.days).toBeGreaterThanOrEqual(0)
      const unbuilt = await run(
        `SELECT g FROM generate_series('2026-02-01T00:00:00Z'::timestamptz, '2026-03-11T00:00:00Z'::timestamptz, interval '24 hours') g
          WHERE NOT EXISTS (SELECT 1 FROM marketing_message_rollup_day d WHERE d.day = g)
             OR EXISTS (SELECT 1 FROM marketing_message_rollup_stale s WHERE s.day = g)`
      )
      expect(unbuilt).toEqual([])
      // 2026-03-02: flow A's send_1 in variants a (8 messages) and b (2)
      const day2 = await run(
        `SELECT variant, recipients, handed, opens, clicks FROM marketing_message_rollup WHERE day = '2026-03-02T00:00:00Z' ORDER BY variant`
      )
      expect(day2).toEqual([
        { variant: "a", recipients: 8, handed: 7, opens: 4, clicks: 1 },
        { variant: "b", recipients: 2, handed: 2, opens: 1, clicks: 1 },
      ])
      expect(await reports()).toEqual(before)

      // The reports do read built days from the rollup (a tampered count shows), and only whole days of the period.
      await run(`UPDATE marketing_message_rollup SET opens = opens + 100 WHERE day = '2026-03-02T00:00:00Z' AND variant = 'a'`)
      const tampered = await reports()
      expect(flowA(tampered).opens).toBe(flowA(before).opens + 100)
      expect(tampered.messages.days.find((d: any) => d.day === "2026-03-02").opened).toBe(5 + 100)
      expect(tampered.partial).toEqual(before.partial)
      await run(`UPDATE marketing_message_rollup SET opens = opens - 100 WHERE day = '2026-03-02T00:00:00Z' AND variant = 'a'`)

      // A late open of a built day: the trigger marks the day, the reports count it from its messages at once.
      const [late] = await run(
        `UPDATE marketing_message SET opened_at = '2026-03-08T00:00:00Z' WHERE id = (
           SELECT id FROM marketing_message WHERE variant = 'b' AND opened_at IS NULL AND queued_at = '2026-03-02T10:00:00Z') RETURNING id`
      )
      expect(await run(`SELECT to_char(day AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day FROM marketing_message_rollup_stale`)).toEqual([{ day: "2026-03-02" }])
      const opened = await reports()
      expect(flowA(opened).opens).toBe(flowA(before).opens + 1)
      expect(opened.detail.steps.find((x: any) => x.step_id === "send_1").variants.find((v: any) => v.variant === "b").opens).toBe(2)
      expect(opened.messages.days.find((d: any) => d.day === "2026-03-02").opened).toBe(6)
      expect(opened.partial).toEqual(before.partial) // from 12:00 on that day: the message (10:00) is outside
      await runWorkflow(getContainer(), "build-marketing-message-rollups", { now: "2026-03-12T06:00:00Z" })
      expect(await run(`SELECT day FROM marketing_message_rollup_stale`)).toEqual([])
      expect(await reports()).toEqual(opened)

      // Deleted (as erasure deletes): gone from the counts at once, and from the rebuilt rollup.
      await run(`DELETE FROM marketing_message WHERE id = ?`, [late.id])
      const erased = await reports()
      expect(flowA(erased).recipients).toBe(flowA(before).recipients - 1)
      expect(flowA(erased).opens).toBe(flowA(before).opens)
      await runWorkflow(getContainer(), "build-marketing-message-rollups", { now: "2026-03-12T06:00:00Z" })
      expect(await reports()).toEqual(erased)
    })
  },
})
