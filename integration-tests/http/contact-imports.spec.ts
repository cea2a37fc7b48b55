import { Modules } from "@medusajs/framework/utils"
import { marketingTestRunner } from "../runner"
import { type AdminHeaders, anonymousId, registerCustomer, sql, storeAndAdmin, storeHeaders, TEST_APP_DIR, waitFor } from "../helpers"

jest.setTimeout(600_000)

// The generated file is shared with the bench (bench/imports.js), which imports the sizes.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { HEADER, MAPPING, generateImportCsv: generate } = require("../../scripts/lib/import-csv")

marketingTestRunner({
  cwd: TEST_APP_DIR,
  testSuite: ({ api, getContainer }) => {
    let pk: string
    let admin: AdminHeaders

    beforeAll(async () => void ({ pk, admin } = await storeAndAdmin(getContainer())))

    const form = (parts: { mapping?: unknown; file?: Buffer | string; fileName?: string }) => {
      const body = new FormData()
      if (parts.mapping !== undefined) body.append("mapping", typeof parts.mapping === "string" ? parts.mapping : JSON.stringify(parts.mapping))
      if (parts.file !== undefined) body.append("file", new Blob([typeof parts.file === "string" ? parts.file : new Uint8Array(parts.file)]), parts.fileName ?? "contacts.csv")
      return body
    }
    const upload = (parts: Parameters<typeof form>[0]) =>
      api.post("/admin/marketing/contacts/imports", form(parts), { ...admin, maxBodyLength: Infinity, maxContentLength: Infinity })
    const finished = async (id: string, timeoutMs = 900_000) => {
      let last: any = null
      try {
        return await waitFor(async () => {
          const { data } = await api.get(`/admin/marketing/contacts/imports/${id}`, admin)
          last = data.contact_import
          return ["completed", "failed"].includes(data.contact_import.status) ? data : null
        }, timeoutMs)
      } catch (e) {
        throw new Error(`${(e as Error).message}; the import was ${JSON.stringify(last)}`)
      }
    }
    const identify = async (email: string, extra: Record<string, unknown> = {}) => {
      const anon = anonymousId()
      await api.post("/store/marketing/events", { type: "identify", anonymous_id: anon, properties: { email, ...extra } }, storeHeaders(pk))
      return waitFor(async () => (await sql(getContainer(), `SELECT * FROM marketing_contact WHERE lower(email) = ? AND deleted_at IS NULL`, [email]))[0])
    }
    const fingerprint = async () =>
      (await sql(getContainer(), `SELECT md5(string_agg(c::text, '|' ORDER BY c.id)) AS h, count(*)::int AS n FROM marketing_contact c`))[0]

    it("previews the header, the first rows and a guessed mapping", async () => {
      const { csv } = generate(30)
      const { data } = await api.post("/admin/marketing/contacts/imports/preview", form({ file: csv, fileName: "export.csv" }), admin)
      expect(data.file_name).toBe("export.csv")
      expect(data.delimiter).toBe(",")
      expect(data.columns).toEqual(HEADER)
      expect(data.rows).toHaveLength(10)
      expect(data.rows[0][0]).toBe("User0@IMPORT.test")
      expect(data.suggested_mapping.columns).toMatchObject({ email: "Email", first_name: "First name", last_name: "Last name", city: "City" })
      const semicolons = await api.post("/admin/marketing/contacts/imports/preview", form({ file: "email;name\na@b.co;Ann\n" }), admin)
      expect(semicolons.data).toMatchObject({ delimiter: ";", columns: ["email", "name"], rows: [["a@b.co", "Ann"]] })
    })

    it("answers a bad mapping or an unreadable file with a 400 naming it, and stores nothing", async () => {
      const good = "Email,First name\nann@example.com,Ann\n"
      const cases: [Parameters<typeof form>[0], string, RegExp][] = [
        [{ file: good }, "mapping", /mapping/],
        [{ mapping: "{not json", file: good }, "mapping", /not JSON/],
        [{ mapping: { columns: { first_name: "First name" } }, file: good }, "mapping.columns.email", /email address/],
        [{ mapping: { columns: { email: "E-mail" } }, file: good }, "mapping.columns.email", /no column "E-mail"/],
        [{ mapping: { columns: { email: "Email", colour: "x" } }, file: good }, "mapping.columns", /colour/],
        [{ mapping: { columns: { email: "Email", email_consent: "First name" }, consent_date: "2024-01-01" }, file: good }, "mapping.consent_source", /source/],
        // Latin-1 "é" on line 3: not UTF-8.
        [{ mapping: { columns: { email: "Email" } }, file: Buffer.concat([Buffer.from("Email,First name\na@b.co,Ann\nc@d.co,Ren"), Buffer.from([0xe9]), Buffer.from("\n")]) }, "file", /line 3: the file is not UTF-8/],
        [{ mapping: { columns: { email: "Email" } }, file: Buffer.from("\ufeffEmail\na@b.co\n", "utf16le") }, "file", /UTF-16/],
        [{ mapping: { columns: { email: "Email" } }, file: 'Email,First name\na@b.co,"Ann\n' }, "file", /Quote Not Closed/i],
        [{ mapping: { columns: { email: "Email" } }, file: "Email,Email\na@b.co,c@d.co\n" }, "file", /appears twice/],
        // Past 5,000 good rows: two batches were staged (one may still be written) before the bad line; none stays.
        [{ mapping: { columns: { email: "Email" } }, file: `Email,First name\n${Array.from({ length: 5000 }, (_, i) => `late${i}@example.com,Ann\n`).join("")}a@b.co,"Ann\n` }, "file", /Quote Not Closed/i],
        [{ mapping: { columns: { email: "Email" } }, file: "" }, "file", /empty/],
      ]
      for (const [parts, field, message] of cases) {
        const res = await upload(parts).catch((e) => e.response)
        expect([res.status, res.data.field]).toEqual([400, field])
        expect(res.data.message).toMatch(message)
      }
      const json = await api.post("/admin/marketing/contacts/imports", { mapping: MAPPING }, admin).catch((e) => e.response)
      expect([json.status, json.data.field]).toEqual([400, "file"])
      const { data } = await api.get("/admin/marketing/contacts/imports", admin)
      expect(data.count).toBe(0)
      expect((await sql(getContainer(), `SELECT count(*)::int AS n FROM marketing_contact_import_row`))[0].n).toBe(0)
      expect((await sql(getContainer(), `SELECT count(*)::int AS n FROM marketing_contact`))[0].n).toBe(0)
    })

    // 6,000 rows: three staging statements and six apply batches. `npm run bench` (BENCH_SCENARIOS=imports) imports 100,000 and 1M.
    it("imports 6,000 generated rows: duplicates, bad rows, consent, existing contacts and customers; again changes nothing", async () => {
      const container = getContainer()
      const rows = Number(process.env.MMA_IMPORT_ROWS ?? 6_000)
      const { csv, bad, good, duplicates } = generate(rows)

      // Before: a visitor who gave an address of the file (another case), a registered customer with one,
      // a customer Medusa holds without a contact, and an address that unsubscribed.
      const visitor = await identify("user7@import.test", { first_name: "Old" })
      const { customer: registered } = await registerCustomer(api, pk, "user10@import.test")
      const registeredContact = await waitFor(async () => (await sql(container, `SELECT * FROM marketing_contact WHERE customer_id = ?`, [registered.id]))[0])
      const [bare] = await container.resolve(Modules.CUSTOMER).createCustomers([{ email: "user20@import.test", first_name: "Bare" }])
      const unsubscribed = await identify("user30@import.test")
      await api.post(`/admin/marketing/contacts/${unsubscribed.id}/consent`, { status: "denied", source: "admin" }, admin)
      const suppressions = async () => (await sql(container, `SELECT reason, source FROM marketing_suppression ORDER BY created_at`))

      // A segment of the file's addresses: the import writes contacts in sets, so its members come with the rebuild after it.
      const segment = (await api.post(`/admin/marketing/segments`, { name: "Imported", definition: { field: "email", operator: "contains", value: "@import.test" } }, admin)).data.segment
      expect(segment.member_count).toBe(3)

      const started = Date.now()
      const created = await upload({ mapping: MAPPING, file: csv, fileName: "old-shop.csv" })
      const staged = Date.now()
      expect(created.status).toBe(202)
      expect(created.data.contact_import).toMatchObject({ file_name: "old-shop.csv", rows_read: rows, skipped: bad.size })
      const { contact_import: done, rejected_rows } = await finished(created.data.contact_import.id)
      const applied = Date.now()
      console.log(`contact import of ${rows} rows: upload and staging ${staged - started} ms, background run ${applied - staged} ms, total ${applied - started} ms`)

      const existing = 3 // the visitor, the registered customer's contact, the unsubscribed contact
      expect(done).toMatchObject({
        status: "completed",
        rows_read: rows,
        rows_processed: rows,
        skipped: bad.size,
        duplicates,
        created: good.size - existing,
        merged: existing,
        customers_linked: 1,
        consent_refused: 1,
        error: null,
      })
      expect(done.created + done.merged + done.duplicates + done.skipped).toBe(rows)
      expect(rejected_rows).toHaveLength(Math.min(100, bad.size))
      expect(rejected_rows[0]).toEqual({ line: 101, column: "Email", message: "Email: not an email address" })
      expect(rejected_rows.find((r: any) => r.line === 334)).toEqual({ line: 334, column: "Birthday", message: "Birthday: not a date: write it as YYYY-MM-DD" })

      // One contact per address of the file, case-insensitively.
      const [{ n }] = await sql(container, `SELECT count(*)::int AS n FROM marketing_contact WHERE lower(email) LIKE '%@import.test' AND deleted_at IS NULL`)
      expect(n).toBe(good.size)
      const members = async () =>
        (await sql(container, `SELECT count(*)::int AS n FROM marketing_segment_membership WHERE segment_id = ? AND exited_at IS NULL AND deleted_at IS NULL`, [segment.id]))[0].n
      await waitFor(async () => ((await members()) === good.size ? true : null), 60_000)
      const contactOf = async (email: string) =>
        (await sql(container, `SELECT * FROM marketing_contact WHERE lower(email) = ? AND deleted_at IS NULL`, [email]))
      // The visitor's contact took the file's values (User7@IMPORT.test in the file).
      expect(await contactOf("user7@import.test")).toEqual([expect.objectContaining({ id: visitor.id, first_name: "First7", country_code: "fr", company: "Company 7" })])
      // The registered customer's contact, the customer without one tied to a new contact.
      expect(await contactOf("user10@import.test")).toEqual([expect.objectContaining({ id: registeredContact.id, customer_id: registered.id, city: "City 10" })])
      expect(await contactOf("user20@import.test")).toEqual([expect.objectContaining({ customer_id: bare.id, first_name: "First20", has_account: false })])
      // A duplicate's values joined its address's contact: row 50 repeats row 49's address with city Lyon.
      expect(await contactOf("user48@import.test")).toEqual([expect.objectContaining({ city: "Lyon", tags: ["vip", "newsletter"], metadata: { plan: "free" } })])
      expect((await contactOf("user47@import.test"))[0].birth_date.toISOString()).toBe("1997-03-17T00:00:00.000Z")

      // Consent: recorded as `import` with the file's stated source and date.
      const [granted] = await contactOf("user3@import.test")
      expect(granted).toMatchObject({ email_marketing_consent: "granted", email_marketing_consent_source: "import" })
      expect(granted.email_marketing_consent_at.toISOString()).toBe("2024-04-15T00:00:00.000Z")
      const history = await api.get(`/admin/marketing/contacts/${granted.id}/consent`, admin)
      expect(history.data.consent_records).toEqual([
        expect.objectContaining({ status: "granted", source: "import", detail: "Newsletter signup form (old shop) (file old-shop.csv)", occurred_at: "2024-04-15T00:00:00.000Z" }),
      ])
      // A withdrawal in the file suppresses the address, as every withdrawal does.
      expect(await contactOf("user4@import.test")).toEqual([expect.objectContaining({ email_marketing_consent: "denied" })])
      // The address that unsubscribed stays unsubscribed and suppressed, though the file says granted.
      expect(await contactOf("user30@import.test")).toEqual([expect.objectContaining({ id: unsubscribed.id, email_marketing_consent: "denied", email_marketing_consent_source: "admin" })])
      const after = await suppressions()
      expect(after.filter((s: any) => s.source === "admin")).toEqual([{ reason: "unsubscribed", source: "admin" }])
      expect(after.filter((s: any) => s.source === "import").length).toBeGreaterThan(rows / 4)

      // Applied rows are gone; rejected ones wait for the CSV.
      expect((await sql(container, `SELECT status, count(*)::int AS n FROM marketing_contact_import_row GROUP BY status`))).toEqual([{ status: "rejected", n: bad.size }])
      const rejected = await api.get(`/admin/marketing/contacts/imports/${done.id}/rejected`, { ...admin, responseType: "text" })
      expect(rejected.headers["content-type"]).toMatch(/text\/csv/)
      expect(rejected.headers["content-disposition"]).toBe('attachment; filename="old-shop-rejected.csv"')
      const csvLines = String(rejected.data).trim().split("\n")
      expect(csvLines).toHaveLength(bad.size + 1)
      expect(csvLines[0]).toBe([...HEADER, "line", "column", "reason"].join(","))
      expect(csvLines[1]).toMatch(/^user98-at-import\.test,First98,.*,101,Email,Email: not an email address$/)

      // The same file again: every address lands on its contact, and nothing changes.
      const before = await fingerprint()
      const consentRecords = (await sql(container, `SELECT count(*)::int AS n FROM marketing_consent_record`))[0].n
      const suppressionCount = after.length
      const again = await upload({ mapping: MAPPING, file: csv, fileName: "old-shop.csv" })
      const { contact_import: rerun } = await finished(again.data.contact_import.id)
      expect(rerun).toMatchObject({
        status: "completed", created: 0, updated: 0, merged: good.size, duplicates, skipped: bad.size, customers_linked: 0, consent_refused: 1,
      })
      expect(await fingerprint()).toEqual(before)
      expect((await sql(container, `SELECT count(*)::int AS n FROM marketing_consent_record`))[0].n).toBe(consentRecords)
      expect((await suppressions()).length).toBe(suppressionCount)

      const list = await api.get("/admin/marketing/contacts/imports?limit=1", admin)
      expect(list.data).toMatchObject({ count: 2, limit: 1, offset: 0, contact_imports: [expect.objectContaining({ id: rerun.id })] })
    })
  },
})
