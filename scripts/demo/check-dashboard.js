#!/usr/bin/env node
"use strict"
/**
 * node scripts/demo/check-dashboard.js [admin URL]
 *
 * Opens the running demo's Marketing dashboard in Debian's Chromium
 * (playwright-core, no downloaded browser), checks that every chart draws
 * marks from the demo's own data (the simulated shoppers' orders, and the
 * flow email they opened and clicked in the demo mailbox), and saves a
 * screenshot to .demo/dashboard.png. Run it while `npm run demo` is up, a few
 * minutes after it started: flows need their first emails out and read.
 * Exits 1, naming the charts, when one stays empty.
 */
const fs = require("fs")
const path = require("path")
const { chromium } = require("playwright-core")

const BASE = (process.argv[2] || `http://localhost:${process.env.PORT || 9000}`).replace(/\/+$/, "").replace(/\/app$/, "")
/** The dashboard's charts by test id; the browser spec checks the same list. */
const CHARTS = [
  "dashboard-revenue-chart",
  "dashboard-messages-chart",
  "dashboard-funnel-chart",
  "dashboard-channels-chart",
  "dashboard-top-revenue-chart",
  "dashboard-top-conversion-chart",
]
const MARKS = ".recharts-bar-rectangle, .recharts-area-area, .recharts-line-curve"
const OUT = path.resolve(__dirname, "..", "..", ".demo", "dashboard.png")

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu"],
  })
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1100 } })
    await page.goto(`${BASE}/app/login`)
    await page.locator('input[name="email"]').fill("admin@example.com")
    await page.locator('input[name="password"]').fill("supersecret")
    await page.locator('button[type="submit"]').click()
    await page.waitForURL((u) => !u.pathname.endsWith("/login"), { timeout: 60_000 })
    await page.goto(`${BASE}/app/marketing?period=7`)
    await page.getByTestId("dashboard-relevance-table").waitFor({ state: "visible", timeout: 60_000 })

    const empty = []
    for (const chart of CHARTS) {
      const marks = page.locator(`[data-testid='${chart}'] svg`).locator(MARKS)
      try {
        await marks.first().waitFor({ state: "attached", timeout: 20_000 })
        console.log(`[check] ${chart}: ${await marks.count()} marks`)
      } catch {
        empty.push(chart)
        console.log(`[check] ${chart}: EMPTY`)
      }
    }
    const rows = await page.getByTestId("dashboard-relevance-row").count()
    console.log(`[check] relevance table: ${rows} flows`)
    fs.mkdirSync(path.dirname(OUT), { recursive: true })
    await page.screenshot({ path: OUT, fullPage: true })
    console.log(`[check] screenshot: ${OUT}`)
    if (empty.length || !rows) {
      console.log(`[check] not every chart has data yet (${empty.join(", ") || "no flows"}); give the demo a few more minutes`)
      process.exitCode = 1
    }
  } finally {
    await browser.close()
  }
}

module.exports = { CHARTS }

if (require.main === module) {
  main().catch((e) => {
    console.error(`[check] ${e.message}`)
    process.exit(1)
  })
}
