/**
 * The flow engine end to end, on the real app with the SMTP provider and a
 * real SMTP server: triggers from Medusa's cart and order events, waits on
 * an injected clock (the runner's `now`), goal and conversion, wait for an
 * event, conditions, message pressure (frequency cap, quiet hours), re-entry,
 * pause and resume, versions, manual enrollment routes and retried step runs.
 */
import { Modules } from "@medusajs/framework/utils"
import { marketingTestRunner } from "../runner"
import path from "path"
import type { FlowDefinition } from "../../src/modules/marketing/flows/types"
import {
  createAdminHeaders, createPublishableKey, orderCatalog, placeOrder, registerCustomer, sql, storeHeaders, waitFor, runWorkflow } from "../helpers"
import { useTestSmtpServer } from "../smtp-server"
import { WorkflowResponse, createStep, createWorkflow } from "@medusajs/framework/workflows-sdk"
import { enrollInFlowStep, type EnrollInFlowStepInput } from "../../src/workflows/flows/steps/enroll-in-flow"

jest.setTimeout(300000)

const APP_DIR = path.join(__dirname, "../app-smtp")
const HOUR = 3_600_000
const started = Date.now()
const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16)
// Quiet hours from 6 h to 10 h after the suite starts (UTC, the store's default zone): every
// other clock the tests use is outside them.
const QUIET = { start: hhmm(started + 6 * HOUR), end: hhmm(started + 10 * HOUR) }

const received = useTestSmtpServer()
const mailsTo = (email: string) => received.filter((r) => r.envelope.to.includes(email))

beforeAll(() => {
  process.env.MMA_EMAIL_TEST_OPTIONS = JSON.stringify({ secret: "flows-test-secret-0123456789", publicUrl: "https://api.shop.test" })
  process.env.MMA_FLOWS_TEST_OPTIONS = JSON.stringify({ frequencyCapHours: 16, quietHours: QUIET })
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
    let cartTemplateId: string
    let n = 0

    const db = (text: string, params: unknown[] = []) => sql(getContainer(), text, params)
    const marketing = () => getContainer().resolve("marketing") as any
    const run = (workflow: string, input: unknown) => runWorkflow(getContainer(), workflow, input)
    const runDue = (at: number) => run("run-due-flows", { now: new Date(at).toISOString() })
    const at = (offsetMs: number) => Date.now() + offsetMs

    /** A published, active flow (as the flows API makes one). */
    async function createFlow(definition: FlowDefinition, status = "active") {
      const flow = await marketing().createFlows({ name: `Flow ${++n}`, status, definition, version_count: 1, published_at: new Date() })
      const version = await marketing().createFlowVersions({
        flow_id: flow.id, version: 1, definition, trigger_type: definition.trigger.type, published_at: new Date(),
      })
      await marketing().updateFlows({ id: flow.id, active_version_id: version.id })
      return { id: flow.id as string, version_id: version.id as string }
    }

    /** A storefront visitor who gave their email, with marketing consent. */
    async function subscriber(firstName: string, consent = true) {
      const email = `${firstName.toLowerCase()}-${++n}@example.com`
      const anon = `anon-flows-${n}`
      await api.post("/store/marketing/events", { events: [{ type: "identify", anonymous_id: anon, properties: { email, first_name: firstName } }] }, storeHeaders(pk))
      const [{ id }] = await db(`SELECT id FROM marketing_contact WHERE email = ? AND deleted_at IS NULL`, [email])
      if (consent) await api.post(`/admin/marketing/contacts/${id}/consent`, { status: "granted" }, admin)
      return { id: id as string, email, anon }
    }
    const track = (anon: string, type: string, properties: Record<string, unknown> = {}) =>
      api.post("/store/marketing/events", { events: [{ type, anonymous_id: anon, properties }] }, storeHeaders(pk))
    const enrollmentsOf = (flowId: string, contactId: string) =>
      db(`SELECT * FROM marketing_flow_enrollment WHERE flow_id = ? AND contact_id = ? ORDER BY entered_at, id`, [flowId, contactId])
    const stepRuns = (enrollmentId: string) =>
      db(`SELECT * FROM marketing_flow_step_run WHERE enrollment_id = ? ORDER BY started_at, created_at`, [enrollmentId])
    const tagsOf = async (contactId: string) => (await db(`SELECT tags FROM marketing_contact WHERE id = ?`, [contactId]))[0].tags ?? []
    const enroll = (flowId: string, body: unknown) => api.post(`/admin/marketing/flows/${flowId}/enrollments`, body, admin)
    const manual = (steps: FlowDefinition["steps"], extra: Partial<FlowDefinition> = {}): FlowDefinition => ({
      trigger: { type: "manual" }, reentry: { policy: "every_time" }, start: Object.keys(steps)[0], steps, ...extra,
    })

    beforeAll(async () => {
      admin = await createAdminHeaders(getContainer())
      pk = await createPublishableKey(getContainer())
      const plain = await api.post("/admin/marketing/templates", { name: "Flow news", subject: "News for {{contact.first_name}}", html: "<p>Hello {{contact.first_name}}</p>" }, admin)
      templateId = plain.data.template.id
      const cart = await api.post(
        "/admin/marketing/templates",
        { name: "Cart reminder", subject: "You left something", html: `<p id="items">{{#each cart.items}}{{title}} x{{quantity}};{{/each}}</p>` },
        admin
      )
      cartTemplateId = cart.data.template.id
    })

    it("cart abandonment: enrolls on cart_updated, sends the cart an hour later, converts on the order and stops", async () => {
      const container = getContainer()
      const catalog = await orderCatalog(container)
      const flow = await createFlow({
        trigger: { type: "event", event: { type: "cart_updated", where: { field: "properties.item_count", operator: "gt", value: 0 } } },
        reentry: { policy: "once_per_days", days: 7 },
        goal: { event: { type: "order_placed" } },
        message_pressure: { bypass_frequency_cap: true },
        start: "wait",
        steps: {
          wait: { type: "wait", seconds: 3600, next: "remind" },
          remind: { type: "send_email", template_id: cartTemplateId, topic: "recommendations", next: "later" },
          later: { type: "wait", seconds: 86400, next: "again" },
          again: { type: "send_email", template_id: cartTemplateId },
        },
      })
      const email = `cart-${++n}@example.com`
      const { customer } = await registerCustomer(api, pk, email)
      const contact = await waitFor(async () => (await db(`SELECT id FROM marketing_contact WHERE customer_id = ? AND deleted_at IS NULL`, [customer.id]))[0])
      await api.post(`/admin/marketing/contacts/${contact.id}/consent`, { status: "granted" }, admin)

      const cart = await container.resolve(Modules.CART).createCarts({
        currency_code: "eur", customer_id: customer.id, email,
        items: [{ title: "Trail Runner", product_id: catalog.product_id, variant_id: catalog.variant_id, quantity: 2, unit_price: 60 }],
      })
      await container.resolve(Modules.EVENT_BUS).emit({ name: "cart.updated", data: { id: cart.id } })
      // The fast path ran the wait at once: the reminder is due in an hour.
      const [enrollment] = await waitFor(async () => {
        const rows = await enrollmentsOf(flow.id, contact.id)
        return rows[0]?.current_step_id === "remind" ? rows : null
      })
      expect(enrollment.context).toMatchObject({ cart_id: cart.id })
      expect(new Date(enrollment.next_run_at).getTime()).toBeGreaterThan(Date.now() + 0.9 * HOUR)
      expect((await runDue(at(30 * 60_000))).claimed).toBe(0)
      expect(mailsTo(email)).toHaveLength(0)
      // The runner's drain can wait for the reminder: it is the next due in a window around its time, and once
      // its time has come it is no longer "next" (a claim takes it).
      const due = new Date(enrollment.next_run_at).getTime()
      const nextDue = (now: number) => marketing().nextEnrollmentDueAt({ now: new Date(now), before: new Date(due + 1000) })
      expect((await nextDue(due - 1))?.getTime()).toBe(due)
      expect(await nextDue(due)).toBeNull()

      await runDue(at(HOUR + 60_000))
      const mail = await waitFor(async () => mailsTo(email)[0])
      expect(mail.parsed.html).toContain("Trail Runner x2;")
      const runs = await stepRuns(enrollment.id)
      expect(runs.map((r: any) => [r.step_id, r.outcome])).toEqual([["wait", "completed"], ["remind", "completed"], ["later", "completed"]])
      expect(runs[1].message_id).toBeTruthy()

      const order = await placeOrder(container, catalog, { customer_id: customer.id, email, unit_price: 80 })
      const converted = await waitFor(async () => {
        const [row] = await enrollmentsOf(flow.id, contact.id)
        return row.status === "converted" ? row : null
      })
      expect(converted).toMatchObject({ end_reason: "goal", conversion_order_id: order.id, conversion_amount: "80", raw_conversion_amount: { value: "80", precision: 20 }, conversion_currency_code: "eur" })
      // The API answers the amount as a number.
      const shown = await api.get(`/admin/marketing/flows/${flow.id}/enrollments/${converted.id}`, admin)
      expect(shown.data.enrollment).toMatchObject({ conversion_amount: 80, conversion_currency_code: "eur" })
      await runDue(at(3 * 86400_000))
      expect(mailsTo(email)).toHaveLength(1)
    })

    it("wait_for_event: the event takes the yes branch at once, a timeout the no branch; update_contact writes tags and a ledger entry", async () => {
      const flow = await createFlow(manual({
        quiz: { type: "wait_for_event", event: { type: "custom:quiz_done" }, timeout_seconds: 86400, yes: "thanks", no: "nudge" },
        thanks: { type: "update_contact", name: "Reward", add_tags: ["answered"], score: { score: "acquisition", points: 5 } },
        nudge: { type: "update_contact", add_tags: ["silent"] },
      }))
      const yes = await subscriber("Yara")
      const no = await subscriber("Noah")
      expect((await enroll(flow.id, { contact_id: yes.id })).data).toMatchObject({ enrolled: 1, enrollment_ids: [expect.any(String)] })
      await enroll(flow.id, { contact_id: no.id })
      const [waiting] = await enrollmentsOf(flow.id, yes.id)
      expect(waiting).toMatchObject({ status: "active", current_step_id: "quiz" })
      expect(waiting.wait_until).toBeTruthy()

      await track(yes.anon, "custom:quiz_done")
      // The event path runs the yes branch in the background: wait for the enrollment to end, not only for the tag
      // (the tag is written a moment before the enrollment is marked completed).
      const done = await waitFor(async () => {
        const [e] = await enrollmentsOf(flow.id, yes.id)
        return e?.status === "completed" ? e : undefined
      })
      expect(done).toMatchObject({ status: "completed", end_reason: "end of flow" })
      expect(await tagsOf(yes.id)).toContain("answered")
      expect((await stepRuns(done.id)).map((r: any) => [r.step_id, r.branch])).toEqual([["quiz", "yes"], ["thanks", null]])
      const [entry] = await db(`SELECT * FROM marketing_score_entry WHERE contact_id = ? AND reason LIKE 'Flow %'`, [yes.id])
      expect(entry).toMatchObject({ score: "acquisition", delta: 5 })
      expect(entry.reason).toMatch(/^Flow "Flow \d+", step "Reward"$/)
      expect((await db(`SELECT acquisition_score FROM marketing_contact WHERE id = ?`, [yes.id]))[0].acquisition_score).toBeGreaterThanOrEqual(5)

      expect(await tagsOf(no.id)).toEqual([])
      await runDue(at(86400_000 + 60_000))
      expect(await tagsOf(no.id)).toEqual(["silent"])
      const [timedOut] = await enrollmentsOf(flow.id, no.id)
      expect((await stepRuns(timedOut.id)).map((r: any) => [r.step_id, r.branch])).toEqual([["quiz", "no"], ["nudge", null]])
    })

    it("condition: over the contact's fields and events since entry", async () => {
      const flow = await createFlow(manual({
        check: {
          type: "condition",
          if: { or: [{ field: "first_name", operator: "eq", value: "Vera" }, { since_entry: { event: { type: "custom:vip" } } }] },
          yes: "vip", no: "regular",
        },
        // Every settable profile field is written (age_band was once accepted and dropped).
        vip: { type: "update_contact", add_tags: ["vip"], set: [{ field: "age_band", value: "25-34" }, { field: "job_title", value: "Buyer" }] },
        regular: { type: "update_contact", add_tags: ["regular"] },
      }))
      const vera = await subscriber("Vera")
      const otto = await subscriber("Otto")
      await enroll(flow.id, { contact_id: vera.id })
      await enroll(flow.id, { contact_id: otto.id })
      expect(await tagsOf(vera.id)).toEqual(["vip"])
      expect(await tagsOf(otto.id)).toEqual(["regular"])
      expect((await db(`SELECT age_band, job_title FROM marketing_contact WHERE id = ?`, [vera.id]))[0]).toEqual({ age_band: "25-34", job_title: "Buyer" })
    })

    it("message pressure: a second flow's email waits for the frequency cap; quiet hours delay", async () => {
      const first = await createFlow(manual({ send: { type: "send_email", template_id: templateId } }))
      const second = await createFlow(manual({ send: { type: "send_email", template_id: templateId } }))
      const c = await subscriber("Cara")
      await enroll(first.id, { contact_id: c.id })
      await waitFor(async () => mailsTo(c.email)[0])
      await enroll(second.id, { contact_id: c.id })
      const [held] = await enrollmentsOf(second.id, c.id)
      expect(held).toMatchObject({ status: "active", current_step_id: "send" })
      expect(new Date(held.next_run_at).getTime()).toBeGreaterThan(Date.now() + 15 * HOUR)
      expect((await stepRuns(held.id)).map((r: any) => [r.outcome, r.reason])).toEqual([["held", "frequency_cap"]])
      expect(mailsTo(c.email)).toHaveLength(1)
      await runDue(at(16 * HOUR + 60_000))
      await waitFor(async () => mailsTo(c.email)[1])
      expect((await enrollmentsOf(second.id, c.id))[0].status).toBe("completed")

      // Quiet hours: a wait ending inside them holds the email until they end.
      const quiet = await createFlow(manual({ wait: { type: "wait", seconds: 7 * 3600, next: "send" }, send: { type: "send_email", template_id: templateId } }))
      const q = await subscriber("Quinn")
      await enroll(quiet.id, { contact_id: q.id })
      const [waiting] = await enrollmentsOf(quiet.id, q.id)
      // Due about 7 h from now: inside the quiet hours (6 h to 10 h after the suite started).
      await runDue(new Date(waiting.next_run_at).getTime())
      const [delayed] = await enrollmentsOf(quiet.id, q.id)
      expect((await stepRuns(delayed.id)).map((r: any) => r.reason)).toContain("quiet_hours")
      expect(new Date(delayed.next_run_at).toISOString().slice(11, 16)).toBe(QUIET.end)
      expect(mailsTo(q.email)).toHaveLength(0)
      await runDue(new Date(delayed.next_run_at).getTime())
      await waitFor(async () => mailsTo(q.email)[0])
    })

    it("re-entry: once enrolls a contact one time ever, every_time on each occurrence", async () => {
      const once = await createFlow({ trigger: { type: "event", event: { type: "custom:visit" } }, reentry: { policy: "once" }, start: "tag", steps: { tag: { type: "update_contact", add_tags: ["once"] } } })
      const every = await createFlow({ trigger: { type: "event", event: { type: "custom:visit" } }, reentry: { policy: "every_time" }, start: "tag", steps: { tag: { type: "update_contact", add_tags: ["every"] } } })
      const r = await subscriber("Remy")
      await track(r.anon, "custom:visit", { page: 1 })
      await waitFor(async () => (await enrollmentsOf(every.id, r.id)).length === 1 && (await enrollmentsOf(once.id, r.id)).length === 1)
      await track(r.anon, "custom:visit", { page: 2 })
      // The second enrollment exists before its first step has run: wait for both to finish.
      await waitFor(async () => {
        const rows = await enrollmentsOf(every.id, r.id)
        return rows.length === 2 && rows.every((e: any) => e.status === "completed")
      })
      expect(await enrollmentsOf(once.id, r.id)).toHaveLength(1)
    })

    it("pause holds waiting contacts and enrolls nobody; resume sends", async () => {
      const flow = await createFlow(manual({ wait: { type: "wait", seconds: 3600, next: "send" }, send: { type: "send_email", template_id: templateId } }))
      const p = await subscriber("Pia")
      await enroll(flow.id, { contact_id: p.id })
      await marketing().updateFlows({ id: flow.id, status: "paused" })
      const other = await subscriber("Pete")
      expect((await api.post(`/admin/marketing/flows/${flow.id}/enrollments`, { contact_id: other.id }, { ...admin, validateStatus: () => true })).status).toBe(400)
      await runDue(at(2 * HOUR))
      expect(mailsTo(p.email)).toHaveLength(0)
      await marketing().updateFlows({ id: flow.id, status: "active" })
      await runDue(at(2 * HOUR))
      await waitFor(async () => mailsTo(p.email)[0])
    })

    it("a new version: enrolled contacts finish on theirs, new ones enter the new one", async () => {
      const v1 = manual({ wait: { type: "wait", seconds: 3600, next: "tag" }, tag: { type: "update_contact", add_tags: ["v1"] } })
      const flow = await createFlow(v1)
      const early = await subscriber("Eve")
      await enroll(flow.id, { contact_id: early.id })
      const v2 = manual({ wait: { type: "wait", seconds: 3600, next: "tag" }, tag: { type: "update_contact", add_tags: ["v2"] } })
      const version = await marketing().createFlowVersions({ flow_id: flow.id, version: 2, definition: v2, trigger_type: "manual", published_at: new Date() })
      await marketing().updateFlows({ id: flow.id, active_version_id: version.id, version_count: 2, definition: v2 })
      const late = await subscriber("Leo")
      await enroll(flow.id, { contact_id: late.id })
      await runDue(at(2 * HOUR))
      expect(await tagsOf(early.id)).toEqual(["v1"])
      expect(await tagsOf(late.id)).toEqual(["v2"])
      expect((await enrollmentsOf(flow.id, late.id))[0].flow_version_id).toBe(version.id)
    })

    it("a retried step run sends no second email; enrollments are listed and shown with their step runs", async () => {
      const flow = await createFlow(manual({ send: { type: "send_email", template_id: templateId } }))
      const s = await subscriber("Sam")
      await enroll(flow.id, { contact_id: s.id })
      await waitFor(async () => mailsTo(s.email)[0])
      const [row] = await enrollmentsOf(flow.id, s.id)
      // The run exactly as it was claimed, once more (a worker that died before recording it).
      const claimed = {
        ...row, flow_name: "again", current_step_id: "send", step_count: 0, attempts: 0, wait_until: null, awaited_event_id: null,
        definition: (await db(`SELECT definition FROM marketing_flow_version WHERE id = ?`, [row.flow_version_id]))[0].definition, time_zone: null,
      }
      const again = await run("run-flow-step", { enrollment: claimed, now: new Date().toISOString() })
      expect(again.kind).toBe("stale")
      await new Promise((r) => setTimeout(r, 500))
      expect(mailsTo(s.email)).toHaveLength(1)
      expect(await stepRuns(row.id)).toHaveLength(1)

      const list = await api.get(`/admin/marketing/flows/${flow.id}/enrollments?status=completed&contact_id=${s.id}`, admin)
      expect(list.data).toMatchObject({ count: 1, enrollments: [{ id: row.id, status: "completed" }] })
      const one = await api.get(`/admin/marketing/flows/${flow.id}/enrollments/${row.id}`, admin)
      expect(one.data.enrollment.step_runs).toMatchObject([{ step_id: "send", outcome: "completed" }])
      const bad = await api.post(`/admin/marketing/flows/${flow.id}/enrollments`, { contact_id: s.id, segment_id: "mseg_x" }, { ...admin, validateStatus: () => true })
      expect(bad.status).toBe(400)
      expect(bad.data.message).toContain("segment_id")
    })

    it("segment triggers, and a segment enrolled now (set-based) or at a scheduled time", async () => {
      const { data } = await api.post("/admin/marketing/segments", { name: "Called Sia", definition: { field: "first_name", operator: "eq", value: "Sia" } }, admin)
      const segmentId = data.segment.id
      const onEntry = await createFlow({ trigger: { type: "segment_entered", segment_id: segmentId }, reentry: { policy: "once" }, start: "tag", steps: { tag: { type: "update_contact", add_tags: ["entered"] } } })
      const sia = await subscriber("Sia")
      await waitFor(async () => (await tagsOf(sia.id)).includes("entered"))
      expect((await enrollmentsOf(onEntry.id, sia.id))[0].context).toMatchObject({ segment_id: segmentId })

      const bulk = await createFlow(manual({ tag: { type: "update_contact", add_tags: ["bulk"] } }))
      const now = await enroll(bulk.id, { segment_id: segmentId })
      expect(now.data).toEqual({ enrolled: 1, schedule_id: null })
      const later = await enroll(bulk.id, { segment_id: segmentId, at: new Date(at(86400_000)).toISOString() })
      expect(later.status).toBe(202)
      expect(await enrollmentsOf(bulk.id, sia.id)).toHaveLength(1)
      await runDue(at(86400_000 + 60_000))
      expect(await enrollmentsOf(bulk.id, sia.id)).toHaveLength(2)
      const [schedule] = await db(`SELECT status, enrolled FROM marketing_flow_schedule WHERE id = ?`, [later.data.schedule_id])
      expect(schedule).toEqual({ status: "done", enrolled: 1 })
    })

    it("a segment enrollment rolled back ends only the enrollments it made", async () => {
      const { data } = await api.post("/admin/marketing/segments", { name: "Called Rollo", definition: { field: "first_name", operator: "eq", value: "Rollo" } }, admin)
      const [first, second] = [await subscriber("Rollo"), await subscriber("Rollo")]
      await waitFor(async () => (await db(`SELECT count(*)::int AS n FROM marketing_segment_membership WHERE segment_id = ? AND exited_at IS NULL`, [data.segment.id]))[0].n === 2)
      const flow = await createFlow(manual({ wait: { type: "wait", seconds: 86400, next: "tag" }, tag: { type: "update_contact", add_tags: ["rollo"] } }))
      // Already in the flow before the segment enrollment: the rollback must leave it be.
      const [kept] = (await enroll(flow.id, { contact_id: first.id })).data.enrollment_ids
      const fail = createStep("test-fail-after-segment-enrollment", async () => {
        throw new Error("the next step failed")
      })
      const workflow = createWorkflow("test-enroll-segment-then-fail", (input: EnrollInFlowStepInput) => {
        enrollInFlowStep(input)
        fail()
        return new WorkflowResponse({})
      })
      const { errors } = await workflow(getContainer()).run({ input: { flow_id: flow.id, segment_id: data.segment.id, request_id: "rollback-1" }, throwOnError: false })
      expect(errors.map((e) => e.error.message)).toEqual(["the next step failed"])
      expect((await enrollmentsOf(flow.id, first.id)).map((e) => [e.id, e.status])).toEqual([[kept, "active"]])
      expect((await enrollmentsOf(flow.id, second.id)).map((e) => [e.status, e.end_reason])).toEqual([["exited", "enrollment rolled back"]])
    })

    it("a contact merge moves enrollments and step runs; where both are in a flow, the target's goes on", async () => {
      const flow = await createFlow(manual({ wait: { type: "wait", seconds: 3600, next: "tag" }, tag: { type: "update_contact", add_tags: ["merged-flow"] } }))
      const source = await subscriber("Milo")
      const target = await subscriber("Mara")
      await enroll(flow.id, { contact_id: source.id })
      await enroll(flow.id, { contact_id: target.id })
      const [moved] = await enrollmentsOf(flow.id, source.id)
      // An email the source got, and an order credited to it: the person's, so they move too.
      await db(
        `INSERT INTO marketing_message (id, contact_id, kind, email, status, idempotency_key, queued_at, open_count, click_count,
                                        machine_open_count, machine_click_count)
         VALUES ('mmsg_merge_1', ?, 'marketing', 'milo@example.com', 'sent', 'merge-test', now(), 0, 0, 0, 0)`,
        [source.id]
      )
      await db(
        `INSERT INTO marketing_attribution (id, kind, order_id, contact_id, message_id, touch, touched_at, ordered_at)
         VALUES ('matr_merge_1', 'order', 'order_merge_1', ?, 'mmsg_merge_1', 'click', now(), now())`,
        [source.id]
      )
      await marketing().mergeContacts(source.id, target.id)
      expect((await db(`SELECT contact_id FROM marketing_message WHERE id = 'mmsg_merge_1'`))[0].contact_id).toBe(target.id)
      expect((await db(`SELECT contact_id FROM marketing_attribution WHERE id = 'matr_merge_1'`))[0].contact_id).toBe(target.id)
      const after = await enrollmentsOf(flow.id, target.id)
      expect(after.map((e: any) => [e.id === moved.id, e.status, e.end_reason])).toEqual(
        expect.arrayContaining([[true, "exited", "merged"], [false, "active", null]])
      )
      expect((await stepRuns(moved.id)).every((r: any) => r.contact_id === target.id)).toBe(true)
      await runDue(at(2 * HOUR))
      expect(await tagsOf(target.id)).toEqual(["merged-flow"])
    })

    it("two runners at once: each due enrollment is claimed by one, every email sent once", async () => {
      const flow = await createFlow(manual({ wait: { type: "wait", seconds: 3600, next: "send" }, send: { type: "send_email", template_id: templateId } }))
      const people: { id: string; email: string; anon: string }[] = []
      for (let i = 0; i < 6; i++) people.push(await subscriber(`Twin${i}`))
      for (const p of people) await enroll(flow.id, { contact_id: p.id })
      const t = at(2 * HOUR)
      const [a, b] = await Promise.all([run("run-due-flows", { now: new Date(t).toISOString(), limit: 3 }), run("run-due-flows", { now: new Date(t).toISOString(), limit: 3 })])
      await runDue(t) // whatever neither took
      expect(a.claimed + b.claimed).toBeLessThanOrEqual(6)
      for (const p of people) {
        await waitFor(async () => mailsTo(p.email)[0])
        const [e] = await enrollmentsOf(flow.id, p.id)
        expect(e.status).toBe("completed")
        expect((await stepRuns(e.id)).map((r: any) => r.step_id)).toEqual(["wait", "send"])
      }
      await new Promise((r) => setTimeout(r, 500))
      expect(people.map((p) => mailsTo(p.email).length)).toEqual([1, 1, 1, 1, 1, 1])
    })

    it("date triggers: a birthday at 09:00 in the contact's own time zone, once a year", async () => {
      const flow = await createFlow({
        trigger: { type: "date", field: "birth_date", mode: "anniversary", at: "09:00" },
        reentry: { policy: "every_time" }, start: "tag", steps: { tag: { type: "update_contact", add_tags: ["birthday"] } },
      })
      // A day three days ahead, so the app's own job (on the real clock) never meets it.
      const day = new Date(Date.now() + 3 * 86400_000).toISOString().slice(0, 10)
      const birth = `1990-${day.slice(5)}T00:00:00Z`
      const tokyo = await subscriber("Toki")
      const york = await subscriber("Yorick")
      await db(`UPDATE marketing_contact SET birth_date = ?, timezone = 'Asia/Tokyo' WHERE id = ?`, [birth, tokyo.id])
      await db(`UPDATE marketing_contact SET birth_date = ?, timezone = 'America/New_York' WHERE id = ?`, [birth, york.id])
      const tokyoAt = (hhmm: string) => new Date(new Date(`${day}T${hhmm}:00+09:00`).getTime()).toISOString()
      await run("run-flow-date-triggers", { now: tokyoAt("08:00") })
      expect(await enrollmentsOf(flow.id, tokyo.id)).toHaveLength(0)
      await run("run-flow-date-triggers", { now: tokyoAt("10:00") })
      await run("run-flow-date-triggers", { now: tokyoAt("11:00") })
      expect(await enrollmentsOf(flow.id, tokyo.id)).toHaveLength(1)
      expect(await tagsOf(tokyo.id)).toEqual(["birthday"])
      // 10:00 in Tokyo is the evening before in New York.
      expect(await enrollmentsOf(flow.id, york.id)).toHaveLength(0)
      await run("run-flow-date-triggers", { now: new Date(`${day}T09:30:00-05:00`).toISOString() })
      expect(await enrollmentsOf(flow.id, york.id)).toHaveLength(1)
    })

    it("a contact without consent skips send steps and goes on, or leaves the flow, as the flow says", async () => {
      const steps: FlowDefinition["steps"] = {
        send: { type: "send_email", template_id: templateId, next: "after" },
        after: { type: "update_contact", add_tags: ["after-send"] },
      }
      const goOn = await createFlow(manual(steps))
      const leave = await createFlow(manual(steps, { message_pressure: { when_suppressed: "exit" } }))
      const u = await subscriber("Una", false)
      await enroll(goOn.id, { contact_id: u.id })
      const [went] = await enrollmentsOf(goOn.id, u.id)
      expect(went.status).toBe("completed")
      expect((await stepRuns(went.id)).map((r: any) => [r.step_id, r.outcome, String(r.reason).startsWith("suppressed")])).toEqual([
        ["send", "skipped", true], ["after", "completed", false],
      ])
      expect(await tagsOf(u.id)).toEqual(["after-send"])
      await db(`UPDATE marketing_contact SET tags = NULL WHERE id = ?`, [u.id])
      await enroll(leave.id, { contact_id: u.id })
      const [left] = await enrollmentsOf(leave.id, u.id)
      expect(left).toMatchObject({ status: "exited", end_reason: "suppressed" })
      expect(await tagsOf(u.id)).toEqual([])
      expect(mailsTo(u.email)).toHaveLength(0)
    })
  },
})
