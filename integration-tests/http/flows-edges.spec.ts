/**
 * Where flows meet the rest of the plugin: points a flow gives survive a full
 * scoring recompute (rebuilt or changed in place), a variant's subject reaches
 * the inbox, and two publishes at once do not answer a 500.
 */
import { Modules } from "@medusajs/framework/utils"
import { marketingTestRunner } from "../runner"
import path from "path"
import type { FlowDefinition } from "../../src/modules/marketing/flows/types"
import { createAdminHeaders, createPublishableKey, sql, storeHeaders, waitFor } from "../helpers"
import { useTestSmtpServer } from "../smtp-server"

jest.setTimeout(300000)

const APP_DIR = path.join(__dirname, "../app-smtp")

const received = useTestSmtpServer()
const mailsTo = (email: string) => received.filter((r) => r.envelope.to.includes(email))

beforeAll(() => {
  process.env.MMA_EMAIL_TEST_OPTIONS = JSON.stringify({ secret: "flows-test-secret-0123456789", publicUrl: "https://api.shop.test" })
  // Quiet hours (the flows-engine spec covers them) would hold the variants' emails when this runs after 21:00 UTC.
  process.env.MMA_FLOWS_TEST_OPTIONS = JSON.stringify({ quietHours: null })
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
    let n = 0

    const db = (text: string, params: unknown[] = []) => sql(getContainer(), text, params)
    const marketing = () => getContainer().resolve("marketing") as any

    /** A published, active flow (as the flows API makes one). */
    async function createFlow(definition: FlowDefinition) {
      const flow = await marketing().createFlows({ name: `Flow ${++n}`, status: "active", definition, version_count: 1, published_at: new Date() })
      const version = await marketing().createFlowVersions({
        flow_id: flow.id, version: 1, definition, trigger_type: definition.trigger.type, published_at: new Date(),
      })
      await marketing().updateFlows({ id: flow.id, active_version_id: version.id })
      return { id: flow.id as string, version_id: version.id as string }
    }
    const manual = (steps: FlowDefinition["steps"]): FlowDefinition => ({
      trigger: { type: "manual" }, reentry: { policy: "every_time" }, message_pressure: { bypass_frequency_cap: true },
      start: Object.keys(steps)[0], steps,
    })

    /** A storefront visitor who gave their email, with marketing consent. */
    async function subscriber(firstName: string) {
      const email = `${firstName.toLowerCase()}-${++n}@example.com`
      const anon = `anon-edges-${n}`
      await api.post("/store/marketing/events", { events: [{ type: "identify", anonymous_id: anon, properties: { email, first_name: firstName } }] }, storeHeaders(pk))
      const [{ id }] = await db(`SELECT id FROM marketing_contact WHERE email = ? AND deleted_at IS NULL`, [email])
      await api.post(`/admin/marketing/contacts/${id}/consent`, { status: "granted" }, admin)
      return { id: id as string, email, anon }
    }
    const enroll = (flowId: string, body: unknown) => api.post(`/admin/marketing/flows/${flowId}/enrollments`, body, admin)
    const scoresOf = async (contactId: string) =>
      (await db(`SELECT acquisition_score, engagement_score, loyalty_points FROM marketing_contact WHERE id = ?`, [contactId]))[0]
    const recompute = async () => {
      const { recompute } = (await api.post("/admin/marketing/scoring/recompute", {}, admin)).data
      return waitFor(async () => {
        const r = await marketing().retrieveScoringRecompute(recompute.id)
        return r.status !== "running" ? r : null
      }, 60000)
    }

    beforeAll(async () => {
      admin = await createAdminHeaders(getContainer())
      pk = await createPublishableKey(getContainer())
    })

    it("points a flow gives stay in the ledger and the totals through full recomputes, rebuilt or in place", async () => {
      const flow = await createFlow(manual({
        reward: { type: "update_contact", name: "Reward", score: { score: "acquisition", points: 10 }, next: "loyal" },
        loyal: { type: "update_contact", score: { score: "loyalty", points: 7 } },
      }))
      const contact = await subscriber("Pia")
      await enroll(flow.id, { contact_id: contact.id })
      const flowEntries = () => db(`SELECT score, component, delta FROM marketing_score_entry WHERE contact_id = ? AND reason LIKE 'Flow %' ORDER BY delta`, [contact.id])
      await waitFor(async () => (await flowEntries()).length === 2)
      expect(await scoresOf(contact.id)).toMatchObject({ acquisition_score: 10, loyalty_points: 7 })

      // No rule entries yet: the recompute rebuilds the ledger whole.
      const rebuilt = await recompute()
      expect(rebuilt).toMatchObject({ status: "done" })
      expect(rebuilt.stats).toMatchObject({ ledger_rebuilt: 1 })
      expect(await flowEntries()).toEqual([
        { score: "loyalty", component: "loyalty_rule", delta: 7 },
        { score: "acquisition", component: "engagement", delta: 10 },
      ])
      expect(await scoresOf(contact.id)).toMatchObject({ acquisition_score: 10, loyalty_points: 7 })

      // With a rule and its entry in the ledger, the next recompute changes it in place: both kinds of points add up.
      await api.post("/admin/marketing/scoring-rules", { name: "Any page", kind: "engagement", event_type: "page_viewed", points: 3 }, admin)
      await api.post("/store/marketing/events", { events: [{ type: "page_viewed", anonymous_id: contact.anon, properties: { path: "/" } }] }, storeHeaders(pk))
      await waitFor(async () => (await scoresOf(contact.id)).acquisition_score === 13)
      const inPlace = await recompute()
      expect(inPlace).toMatchObject({ status: "done" })
      expect(inPlace.stats.ledger_rebuilt).toBeUndefined()
      expect(await flowEntries()).toHaveLength(2)
      expect(await scoresOf(contact.id)).toMatchObject({ acquisition_score: 13, loyalty_points: 7 })
    })

    it("each variant's email arrives with the variant's subject, placeholders filled", async () => {
      const template = (await api.post("/admin/marketing/templates", { name: "Variant news", subject: "Template subject", html: "<p>Hi {{contact.first_name}}</p>" }, admin)).data.template
      const flow = await createFlow(manual({
        mail: {
          type: "send_email", template_id: template.id,
          variants: [{ key: "a", weight: 50, subject: "A for {{contact.first_name}}" }, { key: "b", weight: 50, subject: "B: last chance" }],
        },
      }))
      // Variants come from a hash of the enrollment: enroll until both have been chosen.
      const seen = new Map<string, { email: string; first: string }>()
      for (let i = 0; i < 16 && seen.size < 2; i++) {
        const contact = await subscriber(`Vic${i}`)
        await enroll(flow.id, { contact_id: contact.id })
        const run = await waitFor(async () => (await db(
          `SELECT r.variant FROM marketing_flow_step_run r JOIN marketing_flow_enrollment e ON e.id = r.enrollment_id
            WHERE e.flow_id = ? AND e.contact_id = ? AND r.step_id = 'mail' AND r.outcome = 'completed'`, [flow.id, contact.id]))[0])
        if (!seen.has(run.variant)) seen.set(run.variant, { email: contact.email, first: `Vic${i}` })
      }
      expect([...seen.keys()].sort()).toEqual(["a", "b"])
      const a = seen.get("a")!
      const b = seen.get("b")!
      expect((await waitFor(async () => mailsTo(a.email)[0])).parsed.subject).toBe(`A for ${a.first}`)
      expect((await waitFor(async () => mailsTo(b.email)[0])).parsed.subject).toBe("B: last chance")
      const [stored] = await db(`SELECT subject FROM marketing_message WHERE email = ?`, [b.email])
      expect(stored.subject).toBe("B: last chance")
    })

    it("tells the event bus when a step ran and when an enrollment ended: by a step, its goal or the flow's archiving", async () => {
      const heard: { name: string; data: any }[] = []
      const bus = getContainer().resolve(Modules.EVENT_BUS) as any
      for (const name of ["marketing.flow_step_ran", "marketing.flow_enrollment_ended"]) {
        bus.subscribe(name, async (event: any) => void heard.push({ name, data: event.data }), { subscriberId: `flows-edges-${name}` })
      }
      const flow = await createFlow(manual({ tag: { type: "update_contact", add_tags: ["heard"] } }))
      const contact = await subscriber("Hal")
      await enroll(flow.id, { contact_id: contact.id })
      const ended = await waitFor(async () => heard.find((h) => h.name === "marketing.flow_enrollment_ended" && h.data.contact_id === contact.id))
      const [enrollment] = await db(`SELECT id FROM marketing_flow_enrollment WHERE flow_id = ? AND contact_id = ?`, [flow.id, contact.id])
      expect(ended.data).toEqual({ id: enrollment.id, contact_id: contact.id, status: "completed", reason: "end of flow" })
      const [run] = await db(`SELECT id FROM marketing_flow_step_run WHERE enrollment_id = ?`, [enrollment.id])
      expect(heard.find((h) => h.name === "marketing.flow_step_ran" && h.data.contact_id === contact.id)?.data).toEqual({
        id: run.id, enrollment_id: enrollment.id, flow_id: flow.id, contact_id: contact.id, step_id: "tag", step_type: "update_contact", outcome: "completed",
      })

      // A goal reached while waiting converts the enrollment: one message too.
      const goal = await createFlow({ ...manual({ wait: { type: "wait", seconds: 3600, next: "tag" }, tag: { type: "update_contact", add_tags: ["late"] } }), goal: { event: { type: "custom:signed_up" } } })
      await enroll(goal.id, { contact_id: contact.id })
      await api.post("/store/marketing/events", { events: [{ type: "custom:signed_up", anonymous_id: contact.anon }] }, storeHeaders(pk))
      const converted = await waitFor(async () => heard.find((h) => h.name === "marketing.flow_enrollment_ended" && h.data.status === "converted"))
      const [waiting] = await db(`SELECT id, status FROM marketing_flow_enrollment WHERE flow_id = ?`, [goal.id])
      expect(waiting.status).toBe("converted")
      expect(converted.data).toEqual({ id: waiting.id, contact_id: contact.id, status: "converted", reason: "goal" })

      // Archiving a flow takes its contacts out: one message each.
      const archived = await createFlow(manual({ wait: { type: "wait", seconds: 3600, next: "tag" }, tag: { type: "update_contact", add_tags: ["never"] } }))
      await enroll(archived.id, { contact_id: contact.id })
      await api.post(`/admin/marketing/flows/${archived.id}/archive`, {}, admin)
      const [taken] = await db(`SELECT id FROM marketing_flow_enrollment WHERE flow_id = ?`, [archived.id])
      const out = await waitFor(async () => heard.find((h) => h.name === "marketing.flow_enrollment_ended" && h.data.id === taken.id))
      expect(out.data).toEqual({ id: taken.id, contact_id: contact.id, status: "exited", reason: "archived" })
    })

    it("publishes at once from several requests: each one a version of its own, none a server error", async () => {
      const definition = manual({ tag: { type: "update_contact", add_tags: ["published"] } })
      const { flow } = (await api.post("/admin/marketing/flows", { name: "Published in a hurry", definition }, admin)).data
      const answers = await Promise.all(
        Array.from({ length: 4 }, () => api.post(`/admin/marketing/flows/${flow.id}/publish`, {}, admin).then((r: any) => r.status, (e: any) => e.response?.status))
      )
      expect(answers).toEqual([200, 200, 200, 200])
      const versions = await db(`SELECT id, version FROM marketing_flow_version WHERE flow_id = ? ORDER BY version`, [flow.id])
      expect(versions.map((v: any) => v.version)).toEqual([1, 2, 3, 4])
      const [row] = await db(`SELECT status, version_count, active_version_id FROM marketing_flow WHERE id = ?`, [flow.id])
      expect(row).toEqual({ status: "active", version_count: 4, active_version_id: versions[3].id })
    })
  },
})
