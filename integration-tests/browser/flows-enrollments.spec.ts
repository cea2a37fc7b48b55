/**
 * A flow's enrollments in a real browser: a contact enrolled from the contact
 * page, a segment enrolled now and at a later time with its count shown before
 * confirming, the flow's enrollments (status, current step) filtered by
 * status, one enrollment's history with each step run's reason (a held email,
 * an unsubscribed contact, a conversion) checked against the API and the
 * database, and the flows a contact is in on the contact page and in the
 * customer widget.
 *
 * Starts from the admin fixture (helpers/admin-app.ts). Screenshots go to
 * integration-tests/browser/screenshots/.
 */
import { Client } from "pg"
import type { Locator, Page } from "playwright-core"
import {
  describeEnrollmentEnd,
  describeStepRun,
  stepLabel,
  stepLabelIn,
} from "../../src/admin/lib/flows/enrollments"
import { UI_TIMEOUT, useAdminApp } from "./helpers/admin-app"
import { FLOWS_VIEWPORT } from "./helpers/flows"
import { DESKTOP_UA, createPublishableKey, pollUntil, registerCustomer, visitor, type Api } from "./helpers/store"

jest.setTimeout(15 * 60 * 1000)

const app = useAdminApp({ name: "flows-enrollments", database: "mma_browser_flows_enrollments", viewport: FLOWS_VIEWPORT })
const { shot, pageTest, waitForText, waitForAttribute } = app
const step = app.log
let page: Page
let api: Api
let adminJwt: string
let db: Client

const HOUR = 3_600_000
const people = {
  ana: { email: "ana.enroll@example.com", first_name: "Ana" },
  ben: { email: "ben.seg@example.com", first_name: "Ben" },
  cleo: { email: "cleo.seg@example.com", first_name: "Cleo" },
  dora: { email: "dora.quiet@example.com", first_name: "Dora" },
}
const ids: Record<keyof typeof people, string> = { ana: "", ben: "", cleo: "", dora: "" }
let anaCustomerId: string
let segmentId: string
let welcome: any
let quiet: any
/** A zone where it is the middle of the night now, so quiet hours (21:00 to 08:00) hold Dora's email. */
let nightZone: string

const get = (path: string) => api("GET", path, { token: adminJwt })
const post = (path: string, body: unknown) => api("POST", path, { token: adminJwt, body })

/** "Etc/GMT-N" is UTC+N: the zone where the local hour is 2 now. */
function zoneAtTwoAm(now = new Date()) {
  let offset = (2 - now.getUTCHours() + 24) % 24
  if (offset > 14) offset -= 24
  return offset === 0 ? "Etc/GMT" : `Etc/GMT${offset > 0 ? "-" : "+"}${Math.abs(offset)}`
}

const definition = (templateId: string, pressure: Record<string, unknown>) => ({
  trigger: { type: "manual" },
  reentry: { policy: "every_time" },
  message_pressure: pressure,
  start: "hello",
  steps: {
    hello: { type: "send_email", template_id: templateId, name: "Say hello", next: "pause" },
    pause: { type: "wait", seconds: 3 * 86_400, name: "Three days", next: "bye" },
    bye: { type: "exit", name: "Goodbye" },
  },
})

async function contactId(email: string) {
  return pollUntil(`the contact ${email}`, async () => (await get(`/admin/marketing/contacts?q=${encodeURIComponent(email)}`)).contacts[0]?.id)
}

beforeAll(async () => {
  ;({ page, api, adminJwt } = app)
  db = new Client({ connectionString: app.databaseUrl })
  // The fixture drops the database when the spec ends, possibly before this client is closed.
  db.on("error", () => undefined)
  await db.connect()

  step("creating contacts, a segment, a template and two flows over HTTP")
  const publishableKey = await createPublishableKey(api, adminJwt, "Enrollments test storefront")
  const { customer } = await registerCustomer(api, publishableKey, { ...people.ana, password: "secret-password", last_name: "Lopez" })
  anaCustomerId = customer.id
  for (const key of ["ben", "cleo", "dora"] as const) {
    const someone = visitor({ userAgent: DESKTOP_UA })
    await api("POST", "/store/marketing/events", { publishableKey, body: { events: [someone.event("identify", people[key])] } })
  }
  for (const key of Object.keys(people) as (keyof typeof people)[]) ids[key] = await contactId(people[key].email)
  for (const key of ["ana", "ben", "dora"] as const) await post(`/admin/marketing/contacts/${ids[key]}/consent`, { status: "granted" })
  await post(`/admin/marketing/contacts/${ids.cleo}/consent`, { status: "denied" })
  nightZone = zoneAtTwoAm()
  await db.query(`UPDATE marketing_contact SET timezone = $1 WHERE id = $2`, [nightZone, ids.dora])

  const { segment } = await post("/admin/marketing/segments", {
    name: "Segment shoppers",
    definition: { field: "email", operator: "contains", value: ".seg@" },
  })
  segmentId = segment.id
  await pollUntil("the segment's two members", async () => (await get(`/admin/marketing/segments/${segmentId}`)).segment.member_count === 2, {
    timeoutMs: UI_TIMEOUT * 2,
  })

  const { template } = await post("/admin/marketing/templates", { name: "Hello", subject: "Hello {{contact.first_name}}", html: "<p>Hello</p>" })
  const publish = async (name: string, pressure: Record<string, unknown>) => {
    const { flow } = await post("/admin/marketing/flows", { name, definition: definition(template.id, pressure) })
    return (await post(`/admin/marketing/flows/${flow.id}/publish`, {})).flow
  }
  welcome = await publish("Welcome journey", { bypass_quiet_hours: true, bypass_frequency_cap: true })
  quiet = await publish("Night owls", {})
})

afterAll(async () => {
  await db?.end().catch(() => undefined)
})

/** The flow's enrollments table, newest first, as the API lists them. */
const enrollmentsTable = () => page.getByTestId("flow-enrollments")
const rows = () => enrollmentsTable().locator("tbody tr")

/** The definition of the version an enrollment is in. */
async function definitionOf(flowId: string, versionId: string) {
  const { versions } = await get(`/admin/marketing/flows/${flowId}/versions`)
  return versions.find((v: any) => v.id === versionId)?.definition
}

/** Checks each row of the table against the API's enrollments, in order. */
async function expectRowsMatch(flowId: string, enrollments: any[]) {
  // Counted by their status badges: loading rows have none.
  const loaded = () => enrollmentsTable().getByTestId("enrollment-status").count()
  await pollUntil(`${enrollments.length} rows`, async () => (await loaded()) === enrollments.length && (await rows().count()) === enrollments.length, {
    timeoutMs: UI_TIMEOUT,
  })
  for (const [i, e] of enrollments.entries()) {
    const row = rows().nth(i)
    const def = await definitionOf(flowId, e.flow_version_id)
    expect(await row.getByTestId("enrollment-contact").innerText()).toContain(e.contact.email)
    expect(await row.getByTestId("enrollment-status").getAttribute("data-status")).toBe(e.status)
    const where = e.current_step_id ? stepLabelIn(def, e.current_step_id) : describeEnrollmentEnd(e, def)
    expect(await row.getByTestId("enrollment-step").innerText()).toBe(where)
  }
}

/** Waits for the history drawer and checks each step run against the API's, oldest first. */
async function expectHistoryMatches(drawer: Locator, flowId: string, enrollmentId: string) {
  const { enrollment } = await get(`/admin/marketing/flows/${flowId}/enrollments/${enrollmentId}`)
  const { rows: dbRuns } = await db.query(
    `SELECT step_id, outcome, reason FROM marketing_flow_step_run WHERE enrollment_id = $1 AND deleted_at IS NULL ORDER BY started_at, created_at`,
    [enrollmentId]
  )
  expect(enrollment.step_runs.map((r: any) => [r.step_id, r.outcome, r.reason])).toEqual(dbRuns.map((r) => [r.step_id, r.outcome, r.reason]))
  const runs = drawer.getByTestId("enrollment-step-run")
  await pollUntil(`${dbRuns.length} step runs in the drawer`, async () => (await runs.count()) === dbRuns.length, { timeoutMs: UI_TIMEOUT })
  const def = await definitionOf(flowId, enrollment.flow_version_id)
  for (const [i, run] of enrollment.step_runs.entries()) {
    const item = runs.nth(i)
    expect(await item.getAttribute("data-step-id")).toBe(run.step_id)
    expect(await item.getAttribute("data-outcome")).toBe(run.outcome)
    expect(await item.innerText()).toContain(stepLabelIn(def, run.step_id))
    expect(await item.getByTestId("enrollment-step-run-reason").innerText()).toBe(describeStepRun(run))
  }
  return { enrollment, texts: await runs.getByTestId("enrollment-step-run-reason").allInnerTexts() }
}

describe("admin: flow enrollments", () => {
  pageTest("enrolls a contact from the contact page", async () => {
    await app.login()
    await page.goto(app.url(`/app/marketing/contacts/${ids.ana}`))
    const section = page.getByTestId("marketing-contact-flows")
    await section.getByText("The contact has never been in a flow.").waitFor({ state: "visible" })
    await section.getByTestId("contact-enroll").click()
    const drawer = page.getByTestId("contact-enroll-drawer")
    await drawer.getByTestId("contact-enroll-flow").click()
    await page.getByRole("option", { name: "Welcome journey", exact: true }).click()
    await drawer.getByTestId("contact-enroll-submit").click()
    await drawer.waitFor({ state: "hidden" })

    const { enrollments } = await get(`/admin/marketing/contacts/${ids.ana}/enrollments`)
    expect(enrollments).toHaveLength(1)
    expect(enrollments[0]).toMatchObject({ flow_id: welcome.id, status: "active", flow: { name: "Welcome journey" } })
    const row = section.getByTestId("marketing-contact-flow")
    await row.waitFor({ state: "visible" })
    expect(await row.getAttribute("data-flow-id")).toBe(welcome.id)
    expect(await row.getByTestId("marketing-contact-flow-step").innerText()).toBe(stepLabel(enrollments[0].current_step))
  })

  pageTest("enrolls a segment now, showing how many before confirming", async () => {
    await page.goto(app.url(`/app/marketing/flows/${welcome.id}`))
    await expectRowsMatch(welcome.id, (await get(`/admin/marketing/flows/${welcome.id}/enrollments`)).enrollments)
    await page.getByTestId("flow-enroll-segment").click()
    const drawer = page.getByTestId("flow-enroll-segment-drawer")
    await drawer.getByTestId("enroll-segment-select").click()
    await page.getByRole("option", { name: "Segment shoppers (2)" }).click()
    await waitForText(drawer.getByTestId("enroll-segment-count"), (t) => t === "2 contacts will be enrolled now.", "the count")
    const submit = drawer.getByTestId("enroll-segment-submit")
    expect(await submit.innerText()).toBe("Enroll 2 contacts")
    await shot("e01-enroll-segment-count", drawer)
    await submit.click()
    await drawer.waitFor({ state: "hidden" })
    await page.getByText('2 enrolled from "Segment shoppers"').first().waitFor({ state: "visible" })

    const { enrollments, count } = await get(`/admin/marketing/flows/${welcome.id}/enrollments`)
    expect(count).toBe(3)
    expect(enrollments.map((e: any) => e.contact_id).sort()).toEqual([ids.ana, ids.ben, ids.cleo].sort())
    await expectRowsMatch(welcome.id, enrollments)
  })

  pageTest("schedules the segment for a later time, with the count first", async () => {
    // Tomorrow at 09:30 on the browser's clock (the same machine as this test).
    const later = new Date(Date.now() + 24 * HOUR)
    later.setHours(9, 30, 0, 0)
    const pad = (n: number) => String(n).padStart(2, "0")
    const local = `${later.getFullYear()}-${pad(later.getMonth() + 1)}-${pad(later.getDate())}T09:30`

    await page.getByTestId("flow-enroll-segment").click()
    const drawer = page.getByTestId("flow-enroll-segment-drawer")
    await drawer.getByTestId("enroll-segment-select").click()
    await page.getByRole("option", { name: "Segment shoppers (2)" }).click()
    await drawer.getByTestId("enroll-when-later").click()
    const submit = drawer.getByTestId("enroll-segment-submit")
    expect(await submit.isDisabled()).toBe(true)
    await drawer.getByTestId("enroll-at").fill(local)
    await waitForText(drawer.getByTestId("enroll-segment-count"), (t) => t.startsWith("2 contacts in the segment now; its members at"), "the count")
    expect(await submit.innerText()).toMatch(/^Schedule for /)
    await shot("e02-schedule-segment", drawer)
    await submit.click()
    await drawer.waitFor({ state: "hidden" })

    const { rows: schedules } = await db.query(`SELECT segment_id, run_at, status FROM marketing_flow_schedule WHERE flow_id = $1`, [welcome.id])
    expect(schedules).toHaveLength(1)
    expect(schedules[0]).toMatchObject({ segment_id: segmentId, status: "pending" })
    expect(new Date(schedules[0].run_at).toISOString()).toBe(later.toISOString())
    // Nobody is enrolled until then.
    expect((await get(`/admin/marketing/flows/${welcome.id}/enrollments`)).count).toBe(3)
  })

  pageTest("lists the enrollments with status and current step, and filters by status", async () => {
    // An earlier visit of Cleo's that converted, as the runner leaves its rows: her email skipped (unsubscribed), then an order.
    const converted = "mfen_browser_converted"
    await db.query(
      `INSERT INTO marketing_flow_enrollment (id, flow_id, flow_version_id, contact_id, status, enrollment_key, entered_at, ended_at, end_reason,
         converted_at, conversion_order_id, conversion_amount, conversion_currency_code)
       VALUES ($1, $2, $3, $4, 'converted', 'browser-converted', now() - interval '10 days', now() - interval '9 days', 'goal',
         now() - interval '9 days', 'order_browser_gone', 82.5, 'eur')`,
      [converted, welcome.id, welcome.active_version_id, ids.cleo]
    )
    await db.query(
      `INSERT INTO marketing_flow_step_run (id, enrollment_id, flow_id, flow_version_id, contact_id, step_id, step_type, outcome, reason,
         idempotency_key, data, started_at, finished_at)
       VALUES ('mfsr_browser_1', $1, $2, $3, $4, 'hello', 'send_email', 'skipped', 'suppressed: email consent denied', 'browser-1', NULL,
               now() - interval '10 days', now() - interval '10 days'),
              ('mfsr_browser_2', $1, $2, $3, $4, 'pause', 'wait', 'completed', NULL, 'browser-2',
               jsonb_build_object('until', to_char((now() - interval '7 days') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
               now() - interval '10 days' + interval '1 second', now() - interval '10 days' + interval '1 second')`,
      [converted, welcome.id, welcome.active_version_id, ids.cleo]
    )

    await page.goto(app.url(`/app/marketing/flows/${welcome.id}`))
    const all = (await get(`/admin/marketing/flows/${welcome.id}/enrollments`)).enrollments
    expect(all.map((e: any) => e.status).sort()).toEqual(["active", "active", "active", "converted"])
    await expectRowsMatch(welcome.id, all)
    await shot("e03-flow-enrollments", enrollmentsTable())

    await page.goto(app.url(`/app/marketing/flows/${welcome.id}?status=converted`))
    const onlyConverted = (await get(`/admin/marketing/flows/${welcome.id}/enrollments?status=converted`)).enrollments
    expect(onlyConverted.map((e: any) => e.id)).toEqual([converted])
    await expectRowsMatch(welcome.id, onlyConverted)
    expect(await rows().first().getByTestId("enrollment-step").innerText()).toMatch(/^converted: an order, .*82\.50$/)
    await page.goto(app.url(`/app/marketing/flows/${welcome.id}?status=exited`))
    await page.getByText("No enrollments with this status").waitFor({ state: "visible" })
  })

  pageTest("opens an enrollment's history with each step's reason, as the API and database have it", async () => {
    await page.goto(app.url(`/app/marketing/flows/${welcome.id}?status=converted`))
    await rows().first().getByTestId("enrollment-contact").click()
    await page.waitForURL(/enrollment=mfen_browser_converted/)
    const drawer = page.getByTestId("flow-enrollment-drawer")
    await drawer.waitFor({ state: "visible" })
    const { texts } = await expectHistoryMatches(drawer, welcome.id, "mfen_browser_converted")
    expect(texts[0]).toBe("skipped: unsubscribed")
    expect(texts[1]).toMatch(/^waiting until /)
    await waitForText(drawer.getByTestId("enrollment-end"), (t) => /^converted: an order, .*82\.50/.test(t), "the conversion")
    await shot("e04-enrollment-history", drawer)
    // Back closes it.
    await page.goBack()
    await drawer.waitFor({ state: "hidden" })

    // Ana's real runs: the email went out, then the wait began.
    const ana = (await get(`/admin/marketing/flows/${welcome.id}/enrollments?contact_id=${ids.ana}`)).enrollments[0]
    await page.goto(app.url(`/app/marketing/flows/${welcome.id}?enrollment=${ana.id}`))
    await drawer.waitFor({ state: "visible" })
    const real = await expectHistoryMatches(drawer, welcome.id, ana.id)
    expect(real.enrollment.step_runs.map((r: any) => [r.step_id, r.outcome])).toEqual([["hello", "completed"], ["pause", "completed"]])
    const def = await definitionOf(welcome.id, ana.flow_version_id)
    expect(await drawer.getByTestId("enrollment-now").innerText()).toContain(`At ${stepLabelIn(def, ana.current_step_id)}, next run `)
  })

  pageTest("holds an email by quiet hours in the contact's zone and says until when", async () => {
    await post(`/admin/marketing/flows/${quiet.id}/enrollments`, { contact_id: ids.dora })
    const [held] = (await get(`/admin/marketing/flows/${quiet.id}/enrollments`)).enrollments
    await page.goto(app.url(`/app/marketing/flows/${quiet.id}?enrollment=${held.id}`))
    const drawer = page.getByTestId("flow-enrollment-drawer")
    await drawer.waitFor({ state: "visible" })
    const { enrollment, texts } = await expectHistoryMatches(drawer, quiet.id, held.id)
    expect(enrollment.step_runs).toMatchObject([{ step_id: "hello", outcome: "held", reason: "quiet_hours", data: { time_zone: nightZone } }])
    expect(texts[0]).toMatch(new RegExp(`^held by quiet hours until (\\w{3} \\d+ \\w{3}, )?08:00 ${nightZone.replace(/[+]/g, "\\+")}$`))
    expect(enrollment).toMatchObject({ status: "active", current_step_id: "hello" })
    expect(new Date(enrollment.next_run_at).toISOString()).toBe(enrollment.step_runs[0].data.retry_at)
    await shot("e05-held-by-quiet-hours", drawer)
  })

  pageTest("shows the contact's flows with the current step on the contact page and in the customer widget", async () => {
    const { enrollments } = await get(`/admin/marketing/contacts/${ids.cleo}/enrollments`)
    expect(enrollments.map((e: any) => e.status).sort()).toEqual(["active", "converted"])
    await page.goto(app.url(`/app/marketing/contacts/${ids.cleo}`))
    const section = page.getByTestId("marketing-contact-flows")
    const items = section.getByTestId("marketing-contact-flow")
    await pollUntil("both of Cleo's enrollments", async () => (await items.count()) === 2, { timeoutMs: UI_TIMEOUT })
    for (const [i, e] of enrollments.entries()) {
      expect(await items.nth(i).getAttribute("data-status")).toBe(e.status)
      const where = e.current_step ? stepLabel(e.current_step) : describeEnrollmentEnd(e)
      expect(await items.nth(i).getByTestId("marketing-contact-flow-step").innerText()).toBe(where)
    }
    await shot("e06-contact-flows", section)

    // Ana is a customer: the widget on her customer page lists the flows she is in now.
    const active = (await get(`/admin/marketing/contacts/${ids.ana}/enrollments?status=active`)).enrollments
    expect(active).toHaveLength(1)
    await page.goto(app.url(`/app/customers/${anaCustomerId}`))
    const widget = page.getByTestId("marketing-profile-widget")
    const flows = widget.getByTestId("marketing-profile-flows")
    await flows.getByTestId("marketing-profile-flow").first().waitFor({ state: "visible" })
    expect(await flows.getByTestId("marketing-profile-flow").count()).toBe(1)
    await waitForAttribute(flows.getByTestId("marketing-profile-flow").first(), "data-flow-id", welcome.id, "the welcome flow")
    expect(await flows.innerText()).toContain("Welcome journey")
    expect(await flows.getByTestId("marketing-profile-flow-step").innerText()).toBe(stepLabel(active[0].current_step))
    await shot("e07-customer-widget-flows", widget)
  })
})
