/**
 * The Marketing dashboard and a flow's Performance section in a real browser,
 * over seeded data: two published flows, contacts at several lifecycle stages
 * and channels, the flows' messages (sent, opened, clicked, bounced) over the
 * last days, enrollments that converted, orders credited to the emails in two
 * currencies (one of them 20 days ago, so the 7 and 30 day periods differ) and
 * a month's spend. Messages, enrollments and attributions are written over SQL
 * (what the send, tracking and attribution jobs would have written); flows,
 * templates and spend go through the API.
 *
 * Checks: every chart draws an svg with marks, the relevance table lists the
 * flows and links to them, the period and currency pickers change the data
 * (and the request the page makes), the flow page's Performance section. Starts
 * from the admin fixture (helpers/admin-app.ts). Screenshots go to
 * integration-tests/browser/screenshots/ (dashboard.png among them).
 */
import { Client } from "pg"
import type { Page } from "playwright-core"
import { choose, UI_TIMEOUT, useAdminApp } from "./helpers/admin-app"
import type { Api } from "./helpers/store"

// The same chart list the demo's dashboard check uses (scripts/demo/check-dashboard.js).
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { CHARTS: DASHBOARD_CHARTS }: { CHARTS: string[] } = require("../../scripts/demo/check-dashboard")

jest.setTimeout(15 * 60 * 1000)

const app = useAdminApp({ name: "dashboard", database: "mma_browser_dashboard", viewport: { width: 1600, height: 1100 } })
const { shot, pageTest, waitForText, expectHeading } = app
let page: Page
let api: Api
let adminJwt: string
let db: Client

const post = (path: string, body: unknown) => api("POST", path, { token: adminJwt, body })

const DAY = 24 * 60 * 60 * 1000
/** Noon UTC `days` ago: inside the period whatever the time of day the spec runs at. */
const daysAgo = (days: number) => {
  const at = new Date(Date.now() - days * DAY)
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate(), 12))
}
const money = (amount: number) => JSON.stringify({ value: String(amount), precision: 20 })

const flows: { id: string; name: string; version: string }[] = []

async function seed() {
  const { template } = await post("/admin/marketing/templates", { name: "Dashboard", subject: "Hi", html: "<p>Hi</p>" })
  for (const name of ["Welcome series", "Win-back"]) {
    const { flow } = await post("/admin/marketing/flows", {
      name,
      definition: {
        trigger: { type: "manual" },
        reentry: { policy: "every_time" },
        start: "hello",
        steps: {
          hello: { type: "send_email", template_id: template.id, name: "Say hello", next: "done" },
          done: { type: "exit", name: "Done" },
        },
      },
    })
    await post(`/admin/marketing/flows/${flow.id}/publish`, {})
    const { rows } = await db.query(`SELECT id FROM marketing_flow_version WHERE flow_id = $1 ORDER BY created_at DESC LIMIT 1`, [flow.id])
    flows.push({ id: flow.id, name, version: rows[0].id })
  }

  // Six contacts: stages and first channels for the funnel and the channels chart.
  const stages = ["subscriber", "lead", "lead", "customer", "customer", "repeat_customer"]
  const channels = ["direct", "organic_search", "paid_search", "paid_search", "social", "email"]
  for (let i = 0; i < stages.length; i++) {
    await db.query(
      `INSERT INTO marketing_contact (id, email, first_seen_at, last_seen_at, lifecycle_stage, lifecycle_stage_at, first_channel, last_channel)
       VALUES ($1, $2, $3, $3, $4, $3, $5, $5)`,
      [`mcon_dash_${i}`, `dash${i}@example.com`, daysAgo(10), stages[i], channels[i]]
    )
  }

  // Each flow: one enrollment and one email per contact, sent over the last days.
  let n = 0
  for (const [f, flow] of flows.entries()) {
    for (let i = 0; i < stages.length; i++) {
      const sent = daysAgo(1 + ((i + f) % 5))
      const opened = i % 2 === 0 ? new Date(sent.getTime() + 3600_000) : null
      const clicked = i % 3 === 0 ? new Date(sent.getTime() + 7200_000) : null
      const bounced = i === 5 && f === 1
      const converted = i >= 3 && (f === 0 || i === 3)
      await db.query(
        `INSERT INTO marketing_flow_enrollment (id, flow_id, flow_version_id, contact_id, status, enrollment_key, entered_at, ended_at, converted_at)
         VALUES ($1, $2, $3, $4, $5, $1, $6, $7, $7)`,
        [`mfen_dash_${n}`, flow.id, flow.version, `mcon_dash_${i}`, converted ? "converted" : "completed", sent, converted ? new Date(sent.getTime() + DAY / 2) : sent]
      )
      await db.query(
        `INSERT INTO marketing_message (id, contact_id, template_id, kind, email, subject, status, idempotency_key, queued_at, sent_at,
                                        opened_at, clicked_at, open_count, click_count, bounced_at, flow_id, flow_version_id, step_id)
         VALUES ($1, $2, $3, 'marketing', $4, 'Hi', $5, $1, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'hello')`,
        [
          `mmsg_dash_${n}`, `mcon_dash_${i}`, template.id, `dash${i}@example.com`, bounced ? "bounced" : "sent", sent,
          sent, opened, clicked, opened ? 1 : 0, clicked ? 1 : 0, bounced ? sent : null, flow.id, flow.version,
        ]
      )
      n++
    }
  }

  // Orders credited to the emails: EUR and USD in the last week, and EUR 20 days ago (only in 30 days).
  const orders: [number, number, number, string, number][] = [
    // [flow, contact, amount, currency, days ago]
    [0, 3, 120, "eur", 2],
    [0, 4, 80, "eur", 3],
    [1, 3, 60, "eur", 2],
    [0, 5, 50, "usd", 1],
    [1, 4, 300, "eur", 20],
  ]
  for (const [k, [f, i, amount, currency, ago]] of orders.entries()) {
    const flow = flows[f]
    const message = `mmsg_dash_${f * stages.length + i}`
    await db.query(
      `INSERT INTO marketing_attribution (id, kind, order_id, contact_id, message_id, flow_id, flow_version_id, step_id, touch, touched_at,
                                          amount, raw_amount, currency_code, discount_amount, raw_discount_amount, first_order, ordered_at)
       VALUES ($1, 'order', $2, $3, $4, $5, $6, 'hello', 'click', $7, $8, $9::jsonb, $10, 0, $11::jsonb, $12, $7)`,
      [`matr_dash_${k}`, `order_dash_${k}`, `mcon_dash_${i}`, message, flow.id, flow.version, daysAgo(ago), amount, money(amount), currency, money(0), k < 3]
    )
  }

  // First orders (the channels report counts new customers by their first order_placed event).
  for (const i of [3, 4, 5]) {
    await db.query(
      `INSERT INTO marketing_event (id, type, properties, occurred_at, received_at, source, contact_id)
       VALUES ($1, 'order_placed', '{}'::jsonb, $2, $2, 'medusa', $3)`,
      [`mevt_dash_${i}`, new Date(Date.now() - 3600_000), `mcon_dash_${i}`]
    )
  }
  const month = new Date().toISOString().slice(0, 7)
  await post("/admin/marketing/reports/spend", { month, channel: "paid_search", amount: 1000, currency_code: "eur" })
}

/** The svg marks one chart draws (bars, areas, lines). */
const marks = (testId: string) =>
  page.locator(`[data-testid='${testId}'] svg`).locator(".recharts-bar-rectangle, .recharts-area-area, .recharts-line-curve")

async function expectMarks(testId: string) {
  await marks(testId).first().waitFor({ state: "attached", timeout: UI_TIMEOUT })
  expect(await marks(testId).count()).toBeGreaterThan(0)
}

const revenueRequests: string[] = []

beforeAll(async () => {
  ;({ page, api, adminJwt } = app)
  db = new Client({ connectionString: app.databaseUrl })
  await db.connect()
  await seed()
  page.on("request", (request) => {
    if (request.url().includes("/admin/marketing/reports/revenue")) revenueRequests.push(request.url())
  })
})

describe("admin: the Marketing dashboard", () => {
  afterAll(async () => {
    await db?.end().catch(() => undefined)
  })

  pageTest("draws every chart and lists the flows side by side", async () => {
    await app.login()
    await page.goto(app.url("/app/marketing?period=30"))
    await expectHeading("Marketing")
    // The section links stay, as a compact header.
    await page.getByTestId("marketing-section-flows").waitFor({ state: "visible" })

    for (const chart of DASHBOARD_CHARTS) {
      await expectMarks(chart)
    }
    // One stacked area per flow.
    expect(await page.locator("[data-testid='dashboard-revenue-chart'] .recharts-area").count()).toBe(2)

    const table = page.getByTestId("dashboard-relevance-table")
    await waitForText(table, (t) => t.includes("Welcome series") && t.includes("Win-back"), "both flows in the relevance table")
    expect(await table.getByTestId("dashboard-relevance-row").count()).toBe(2)
    const welcome = table.locator(`[data-flow-id='${flows[0].id}']`)
    expect(await welcome.getByTestId("dashboard-relevance-recipients").innerText()).toBe("6")
    expect(await welcome.getByTestId("dashboard-relevance-revenue").innerText()).toContain("200")
    await shot("dashboard")
  })

  pageTest("the period and currency pickers change the data", async () => {
    const winBack = () => page.getByTestId("dashboard-relevance-table").locator(`[data-flow-id='${flows[1].id}']`)
    // 30 days: Win-back's EUR 300 from 20 days ago counts.
    await waitForText(winBack().getByTestId("dashboard-relevance-revenue"), (t) => t.includes("360"), "Win-back's 30-day revenue")

    await choose(page.getByTestId("dashboard-period"), "Last 7 days")
    await page.waitForURL(/period=7/)
    await waitForText(winBack().getByTestId("dashboard-relevance-revenue"), (t) => t.includes("60") && !t.includes("360"), "Win-back's 7-day revenue")
    await expectMarks("dashboard-revenue-chart")

    // Custom: the days 25 to 15 ago hold only the EUR 300 order.
    // Each change waits for the URL: the picker keeps the range there, and Custom pre-fills it from the preset.
    await choose(page.getByTestId("dashboard-period"), "Custom")
    await page.waitForURL(/period=custom.*to=/)
    const customFrom = daysAgo(25).toISOString().slice(0, 10)
    const customTo = daysAgo(15).toISOString().slice(0, 10)
    await page.getByTestId("dashboard-from").fill(customFrom)
    await page.waitForURL(new RegExp(`from=${customFrom}`))
    await page.getByTestId("dashboard-to").fill(customTo)
    await page.waitForURL(new RegExp(`to=${customTo}`))
    await waitForText(winBack().getByTestId("dashboard-relevance-revenue"), (t) => t.includes("300") && !t.includes("360"), "the custom period's revenue")

    await choose(page.getByTestId("dashboard-period"), "Last 30 days")
    const before = revenueRequests.length
    await choose(page.getByTestId("dashboard-currency"), "USD")
    await page.waitForURL(/currency=usd/)
    await pollFor(() => revenueRequests.slice(before).some((url) => url.includes("currency_code=usd")), "the revenue request in USD")
    await expectMarks("dashboard-revenue-chart")
    // Top flows by revenue in USD: only Welcome series had a USD order.
    await waitForText(page.getByTestId("dashboard-top-flows"), (t) => t.includes("Welcome series"), "the USD top flows")
    expect(await marks("dashboard-top-revenue-chart").count()).toBe(1)
    await shot("dashboard-usd")
  })

  pageTest("a flow's page shows its performance", async () => {
    await page.goto(app.url("/app/marketing?period=30"))
    await page.getByTestId("dashboard-relevance-table").getByRole("link", { name: "Welcome series" }).click()
    await page.waitForURL(new RegExp(`/app/marketing/flows/${flows[0].id}`))
    const section = page.getByTestId("flow-performance")
    await waitForText(section.getByTestId("flow-performance-recipients"), (t) => t.includes("6"), "the flow's recipients")
    await section.getByTestId("flow-performance-step").first().waitFor({ state: "visible" })
    expect(await section.getByTestId("flow-performance-revenue").innerText()).toContain("200")
    await section.scrollIntoViewIfNeeded()
    await shot("dashboard-flow-performance", section)

    // The canvas reads the same report: the send step's conversions and revenue, currencies apart.
    const earnings = page.locator("[data-testid='flow-node'][data-step-id='hello'] [data-testid='flow-node-earnings']")
    await waitForText(earnings, (t) => t.startsWith("Last 30 days: 3 conversions") && t.includes("200") && t.includes("50"), "the step's earnings on the canvas")
    // A shorter period: one request for both, kept in the address.
    await choose(section.getByTestId("flow-performance-period"), "Last 7 days")
    await page.waitForURL(/performance=7/)
    await waitForText(earnings, (t) => t.startsWith("Last 7 days: 3 conversions"), "the step's 7-day earnings")
  })
})

async function pollFor(check: () => boolean, what: string, timeout = UI_TIMEOUT) {
  const end = Date.now() + timeout
  while (!check()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}
