/**
 * The contact database's admin pages in a real browser: importing a CSV from
 * the Contacts page (file, guessed mapping, preview, consent's source and
 * date, progress and rejected rows), then exporting the list from the same
 * page and downloading the file from Marketing → Exports. Starts from the
 * admin fixture (helpers/admin-app.ts); screenshots in
 * integration-tests/browser/screenshots/ (contact-import.png, contact-exports.png).
 */
import { Client } from "pg"
import { readFileSync } from "fs"
import { parse } from "csv-parse/sync"
import type { Page } from "playwright-core"
import { UI_TIMEOUT, useAdminApp } from "./helpers/admin-app"

jest.setTimeout(10 * 60 * 1000)

const app = useAdminApp({ name: "contact-data", database: "mma_browser_contact_data", viewport: { width: 1440, height: 1000 } })
const { shot, pageTest, waitForText, expectHeading } = app
let page: Page
let db: Client

// Four good rows (one address twice, in another case), one bad address; consent for two.
const CSV = [
  "Email,First name,Country,Opt-in",
  "ada@browser-import.test,Ada,gb,yes",
  "grace@browser-import.test,Grace,us,no",
  "ADA@browser-import.test,Ada L.,gb,yes",
  "not-an-address,Nobody,fr,yes",
  "alan@browser-import.test,Alan,gb,",
  "",
].join("\n")

beforeAll(async () => {
  page = app.page
  db = new Client({ connectionString: app.databaseUrl })
  await db.connect()
  // The fixture drops the database WITH (FORCE) at the end: not an error of this spec.
  db.on("error", () => undefined)
})

describe("admin: importing and exporting contacts", () => {
  afterAll(async () => {
    await db?.end().catch(() => undefined)
  })

  pageTest("imports a CSV from the Contacts page: mapping, preview, consent's proof, progress and the rejected row", async () => {
    await app.openMarketingSection("contacts", "Contacts")
    await page.getByRole("link", { name: "Import contacts" }).click()
    await page.waitForURL(/\/app\/marketing\/contacts\/imports$/)
    await expectHeading("Import contacts")

    await page.getByTestId("import-file").setInputFiles({ name: "newsletter.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) })
    // The preview shows the file's first rows; the mapping is guessed from the column names.
    await page.getByRole("cell", { name: "grace@browser-import.test" }).waitFor({ state: "visible", timeout: UI_TIMEOUT })
    await waitForText(page.getByTestId("import-map-email"), (t) => t.includes("Email"), "the guessed email column")
    await waitForText(page.getByTestId("import-map-email_consent"), (t) => t.includes("Opt-in"), "the guessed consent column")
    await page.getByPlaceholder("Newsletter signup form").fill("Old shop newsletter")
    await page.getByPlaceholder("2024-01-31").fill("2024-05-01")
    await shot("contact-import", page.getByTestId("marketing-contact-import"))
    await page.getByTestId("import-confirm").click()

    const progress = page.getByTestId("import-progress")
    await waitForText(progress, (t) => t.includes("newsletter.csv: completed"), "the import completed")
    const text = await progress.innerText()
    expect(text).toContain("5 of 5 rows: 3 created")
    expect(text).toContain("1 duplicates, 1 skipped")
    // The rejected row with its line and column.
    expect(await progress.getByRole("row").filter({ hasText: "not an email address" }).innerText()).toMatch(/^5\s+Email/)
    const [rejected] = await Promise.all([page.waitForEvent("download", { timeout: UI_TIMEOUT }), page.getByTestId("import-rejected-download").click()])
    expect(rejected.suggestedFilename()).toBe("newsletter-rejected.csv")
    const rejectedRows: Record<string, string>[] = parse(readFileSync(await rejected.path(), "utf8"), { columns: true, bom: true })
    expect(rejectedRows).toEqual([expect.objectContaining({ Email: "not-an-address", line: "5", column: "Email" })])
    // Each import has its own page: listed below, and its address shows it again after a reload.
    await waitForText(page.getByTestId("import-history"), (t) => t.includes("newsletter.csv") && t.includes("completed"), "the import listed")
    expect(page.url()).toMatch(/\?import=mimp_/)
    await page.reload()
    await waitForText(page.getByTestId("import-progress"), (t) => t.includes("newsletter.csv: completed"), "the import's page after a reload")

    const { rows } = await db.query(
      `SELECT email, first_name, email_marketing_consent, email_marketing_consent_source FROM marketing_contact
        WHERE email LIKE '%@browser-import.test' ORDER BY email`
    )
    expect(rows).toEqual([
      { email: "ada@browser-import.test", first_name: "Ada L.", email_marketing_consent: "granted", email_marketing_consent_source: "import" },
      { email: "alan@browser-import.test", first_name: "Alan", email_marketing_consent: "unknown", email_marketing_consent_source: null },
      { email: "grace@browser-import.test", first_name: "Grace", email_marketing_consent: "denied", email_marketing_consent_source: "import" },
    ])
  })

  pageTest("shows a contact's sessions and the time spent per category", async () => {
    const { rows } = await db.query(`SELECT id FROM marketing_contact WHERE email = 'ada@browser-import.test'`)
    const ada = rows[0].id
    const started = new Date(Date.now() - 2 * 3_600_000)
    const at = (minutes: number) => new Date(started.getTime() + minutes * 60_000).toISOString()
    await db.query(
      `INSERT INTO marketing_session (id, contact_id, started_at, ended_at, pages, engaged_ms, landing_page, utm_campaign, channel, created_at, updated_at)
       VALUES ('mses_browser_1', $1, $2, $3, 3, 200000, '/products/trail-shoe', 'spring', 'email', now(), now())`,
      [ada, at(0), at(9)]
    )
    await db.query(
      `INSERT INTO marketing_event (id, type, properties, occurred_at, received_at, source, contact_id)
       SELECT 'mevt_browser_' || n, 'page_engaged', jsonb_build_object('engaged_ms', ms, 'page_type', 'product', 'category', cat, 'path', '/products/p' || n),
              $2::timestamptz, $2::timestamptz, 'storefront', $1
         FROM (VALUES (1, 150000, 'Shoes'), (2, 50000, 'Socks')) AS v(n, ms, cat)`,
      [ada, at(5)]
    )
    await db.query(`UPDATE marketing_contact SET sessions_count = 1, engaged_ms = 200000, last_session_at = $2 WHERE id = $1`, [ada, at(9)])

    await app.login()
    await page.goto(app.url(`/app/marketing/contacts/${ada}`))
    const section = page.getByTestId("marketing-contact-sessions")
    await waitForText(section, (t) => t.includes("Latest sessions") && t.includes("spring"), "the sessions block")
    const categories = await section.getByTestId("marketing-contact-category-time").innerText()
    // The category with the most engaged time first.
    expect(categories.indexOf("Shoes")).toBeLessThan(categories.indexOf("Socks"))
    expect(await section.innerText()).toContain("3 pages")
    await shot("contact-sessions", section)
  })

  pageTest("exports the contacts list and downloads it from Marketing → Exports", async () => {
    await app.openMarketingSection("contacts", "Contacts")
    await page.getByTestId("contacts-export").click()
    await page.getByTestId("contact-export-submit").click()

    await page.goto(app.url("/app/marketing/exports"))
    const table = page.getByTestId("contact-exports-table")
    await waitForText(table, (t) => /done/i.test(t), "the export done")
    const { rows: exports } = await db.query(`SELECT id, kind, status, row_count FROM marketing_contact_export`)
    expect(exports).toEqual([expect.objectContaining({ kind: "list", status: "done" })])
    const [record] = exports
    await shot("contact-exports", table)

    const [download] = await Promise.all([
      page.waitForEvent("download", { timeout: UI_TIMEOUT }),
      page.getByTestId(`contact-export-${record.id}`).getByRole("button", { name: "Download" }).click(),
    ])
    const file = await download.path()
    const csv: Record<string, string>[] = parse(readFileSync(file, "utf8"), { columns: true, bom: true })
    expect(csv).toHaveLength(record.row_count)
    const emails = csv.map((r) => Object.entries(r).find(([k]) => /email/i.test(k))?.[1]).filter(Boolean)
    expect(emails).toEqual(expect.arrayContaining(["ada@browser-import.test", "alan@browser-import.test", "grace@browser-import.test"]))
  })
})
