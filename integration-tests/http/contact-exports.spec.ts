import { createHash } from "crypto"
import { parse } from "csv-parse/sync"
import { marketingTestRunner } from "../runner"
import {
  type AdminHeaders, anonymousId, contactOfAnonymousId, runWorkflow, sql, storeAndAdmin, storeHeaders, TEST_APP_DIR, waitFor,
} from "../helpers"

jest.setTimeout(240000)

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex")

type Seed = { id: string; email?: string | null; phone?: string | null; country?: string | null; stage?: string; ads?: "granted" | "denied" | "unknown"; score?: number }

marketingTestRunner({
  cwd: TEST_APP_DIR,
  testSuite: ({ api, getContainer }) => {
    let pk: string
    let admin: AdminHeaders

    beforeAll(async () => void ({ pk, admin } = await storeAndAdmin(getContainer())))

    const seed = async (rows: Seed[]) => {
      for (const r of rows) {
        await sql(
          getContainer(),
          `INSERT INTO marketing_contact (id, email, phone, country_code, lifecycle_stage, advertising_consent, acquisition_score, first_seen_at, last_seen_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, now(), now())`,
          [r.id, r.email ?? null, r.phone ?? null, r.country ?? null, r.stage ?? "subscriber", r.ads ?? "unknown", r.score ?? 0]
        )
      }
    }

    const post = (body: unknown) => api.post("/admin/marketing/contact-exports", body, admin).catch((e: any) => e.response)

    /** Asks for an export, waits until it is done, and returns its record and parsed CSV (header row first). */
    const exportAndRead = async (body: Record<string, unknown>, timeoutMs = 30000) => {
      const created = await post(body)
      expect(created.status).toBe(202)
      const id = created.data.contact_export.id
      const done = await waitFor(async () => {
        const { data } = await api.get(`/admin/marketing/contact-exports/${id}`, admin)
        if (data.contact_export.status === "failed") throw new Error(data.contact_export.error)
        return data.contact_export.status === "done" && data.contact_export
      }, timeoutMs)
      const file = await api.get(`/admin/marketing/contact-exports/${id}/download`, { ...admin, responseType: "text", transformResponse: (x: string) => x })
      expect(file.headers["content-type"]).toMatch(/^text\/csv/)
      expect(file.headers["content-disposition"]).toContain(`contacts-${body.kind}-${id}.csv`)
      const rows: string[][] = parse(file.data)
      return { record: done, rows }
    }

    const segmentOf = async (definition: unknown) => {
      const { data } = await api.post("/admin/marketing/segments", { name: `Seg ${anonymousId()}`, definition }, admin)
      return data.segment.id as string
    }

    it("exports a filtered list view with the chosen columns, and records who, when and how many", async () => {
      await seed([
        { id: "mcon_a1", email: "a1@example.com", country: "fr", stage: "lead", score: 40 },
        { id: "mcon_a2", email: "a2@example.com", country: "fr", stage: "subscriber", score: 5 },
        { id: "mcon_a3", email: "a3@example.com", country: "de", stage: "lead", score: 50 },
      ])
      const before = Date.now()
      const { record, rows } = await exportAndRead({
        kind: "list",
        filters: { country_code: "FR", min_acquisition_score: 10 },
        columns: ["email", "lifecycle_stage", "acquisition_score"],
      })
      expect(rows).toEqual([
        ["email", "lifecycle_stage", "acquisition_score"],
        ["a1@example.com", "lead", "40"],
      ])
      const me = await sql(getContainer(), `SELECT id FROM "user" ORDER BY created_at DESC LIMIT 1`)
      expect(record).toMatchObject({ kind: "list", status: "done", row_count: 1, requested_by: me[0].id, advertising: false, truncated: false })
      expect(record.filters).toEqual({ country_code: "fr", min_acquisition_score: 10 })
      expect(Date.parse(record.created_at)).toBeGreaterThanOrEqual(before - 1000)
      expect(Date.parse(record.expires_at) - Date.parse(record.finished_at)).toBe(7 * 86_400_000)

      // The search of the list view (`q`, `known` as the query string gives it) works the same.
      const byQuery = await exportAndRead({ kind: "list", filters: { q: "A3@", known: "true" }, columns: ["id"] })
      expect(byQuery.rows).toEqual([["id"], ["mcon_a3"]])

      const { data } = await api.get("/admin/marketing/contact-exports?limit=10", admin)
      expect(data.count).toBe(2)
      expect(data.contact_exports.map((e: any) => e.row_count)).toEqual([1, 1])
      expect(data.contact_exports[1]).toMatchObject({ id: record.id, requested_by: me[0].id, kind: "list" })
    })

    it("exports a segment's members with default or chosen columns", async () => {
      await seed([
        { id: "mcon_s1", email: "s1@example.com", country: "it", phone: "+39 312 345 6789" },
        { id: "mcon_s2", email: "s2@example.com", country: "it" },
        { id: "mcon_s3", email: "s3@example.com", country: "es" },
      ])
      const segmentId = await segmentOf({ field: "country_code", operator: "eq", value: "it" })
      await waitFor(async () => (await sql(getContainer(), `SELECT 1 FROM marketing_segment_membership WHERE segment_id = ?`, [segmentId])).length === 2)

      const chosen = await exportAndRead({ kind: "segment", segment_id: segmentId, columns: ["id", "email", "phone"] })
      expect(chosen.rows).toEqual([
        ["id", "email", "phone"],
        ["mcon_s1", "s1@example.com", "+39 312 345 6789"],
        ["mcon_s2", "s2@example.com", ""],
      ])
      expect(chosen.record).toMatchObject({ kind: "segment", segment_id: segmentId, row_count: 2, columns: ["id", "email", "phone"] })

      const defaults = await exportAndRead({ kind: "segment", segment_id: segmentId })
      expect(defaults.rows[0]).toEqual(["id", "email", "first_name", "last_name", "phone", "country_code", "lifecycle_stage", "acquisition_score", "loyalty_score", "last_seen_at"])
      expect(defaults.rows).toHaveLength(3)
      expect(Number.isNaN(Date.parse(defaults.rows[1][9]))).toBe(false)
    })

    it("leaves out contacts without advertising consent when the export is for advertising", async () => {
      await seed([
        { id: "mcon_ad1", email: "yes@example.com", country: "fr", ads: "granted" },
        { id: "mcon_ad2", email: "no@example.com", country: "fr", ads: "denied" },
        { id: "mcon_ad3", email: "unknown@example.com", country: "fr" },
      ])
      // Consent from the storefront: an event's `consent.advertising`.
      const anon = anonymousId()
      const event = { type: "identify", anonymous_id: anon, properties: { email: "banner@example.com", country_code: "fr" }, consent: { analytics: true, advertising: true } }
      expect((await api.post("/store/marketing/events", event, storeHeaders(pk))).status).toBe(200)
      const fromBanner = await waitFor(() => contactOfAnonymousId(getContainer(), anon))
      expect(fromBanner).toMatchObject({ advertising_consent: "granted", advertising_consent_source: "storefront" })

      const all = await exportAndRead({ kind: "list", filters: { country_code: "fr" }, columns: ["email"] })
      expect(all.rows.slice(1).flat().sort()).toEqual(["banner@example.com", "no@example.com", "unknown@example.com", "yes@example.com"])

      const ads = await exportAndRead({ kind: "list", filters: { country_code: "fr" }, columns: ["email", "advertising_consent"], advertising: true })
      expect(ads.rows.slice(1).sort()).toEqual([["banner@example.com", "granted"], ["yes@example.com", "granted"]])
      expect(ads.record).toMatchObject({ advertising: true, row_count: 2 })

      // Withdrawn later: out of the next advertising export.
      await api.post("/store/marketing/events", { type: "page_viewed", anonymous_id: anon, properties: {}, consent: { advertising: false } }, storeHeaders(pk))
      await waitFor(async () => (await contactOfAnonymousId(getContainer(), anon)).advertising_consent === "denied")
      const again = await exportAndRead({ kind: "list", filters: { country_code: "fr" }, columns: ["email"], advertising: true })
      expect(again.rows).toEqual([["email"], ["yes@example.com"]])
    })

    it("writes ad audiences hashed as Google, Meta and the generic format specify", async () => {
      await seed([
        // Upper case and spaces around the email; a national-format phone read in the contact's country.
        { id: "mcon_au1", email: "  Jane.Doe@Example.COM ", phone: "06 12 34 56 78", country: "fr", ads: "granted" },
        { id: "mcon_au2", email: null, phone: "+1 (657) 777-0000", country: "us", ads: "granted" },
        { id: "mcon_au3", email: "nophone@example.com", phone: "not a phone", country: "fr", ads: "granted" },
        { id: "mcon_au4", email: null, phone: null, country: "fr", ads: "granted" }, // nothing to match by: left out
        { id: "mcon_au5", email: "noconsent@example.com", phone: "0612345679", country: "fr", ads: "denied" },
      ])
      const segmentId = await segmentOf({ field: "first_seen_at", operator: "exists" })
      await waitFor(async () => (await sql(getContainer(), `SELECT 1 FROM marketing_segment_membership WHERE segment_id = ?`, [segmentId])).length === 5)

      const jane = sha256("jane.doe@example.com")
      const nophone = sha256("nophone@example.com")
      const google = await exportAndRead({ kind: "audience", segment_id: segmentId, platform: "google" })
      expect(google.rows).toEqual([
        ["Email", "Phone"],
        [jane, sha256("+33612345678")],
        ["", sha256("+16577770000")],
        [nophone, ""],
      ])
      expect(google.record).toMatchObject({ kind: "audience", platform: "google", advertising: true, row_count: 3, columns: [] })

      const meta = await exportAndRead({ kind: "audience", segment_id: segmentId, platform: "meta" })
      expect(meta.rows).toEqual([
        ["email", "phone"],
        [jane, sha256("33612345678")],
        ["", sha256("16577770000")],
        [nophone, ""],
      ])

      const generic = await exportAndRead({ kind: "audience", segment_id: segmentId })
      expect(generic.rows[0]).toEqual(["email_sha256", "phone_sha256"])
      expect(generic.rows[1]).toEqual([jane, sha256("+33612345678")])
      expect(generic.record.platform).toBe("generic")
    })

    it("refuses bad input with a 400 naming the field, and writes nothing", async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ kind: "segment" }, "segment_id"],
        [{ kind: "list", segment_id: "mseg_1" }, "segment_id"],
        [{ kind: "list", columns: ["email", "password"] }, "columns[1]"],
        [{ kind: "list", columns: [] }, "columns"],
        [{ kind: "list", columns: ["email", "email"] }, "columns"],
        [{ kind: "list", filters: { country_code: "FRA" } }, "filters.country_code"],
        [{ kind: "list", filters: { colour: "red" } }, "filters"],
        [{ kind: "audience", segment_id: "mseg_1", platform: "tiktok" }, "platform"],
        [{ kind: "audience", segment_id: "mseg_1", columns: ["email"] }, "columns"],
        [{ kind: "segment", segment_id: "mseg_1", platform: "meta" }, "platform"],
        [{ kind: "people" }, "kind"],
        [{ kind: "list", advertising: "yes" }, "advertising"],
      ]
      for (const [body, field] of cases) {
        const res = await post(body)
        expect({ body, status: res.status, field: res.data.field }).toEqual({ body, status: 400, field })
        expect(res.data.type).toBe("invalid_data")
      }
      const unknown = await post({ kind: "segment", segment_id: "mseg_nope" })
      expect(unknown.status).toBe(404)
      expect(await sql(getContainer(), `SELECT id FROM marketing_contact_export`)).toEqual([])

      const missing = await api.get("/admin/marketing/contact-exports/mcexp_nope", admin).catch((e: any) => e.response)
      expect(missing.status).toBe(404)
      const badList = await api.get("/admin/marketing/contact-exports?status=lost", admin).catch((e: any) => e.response)
      expect(badList.status).toBe(400)
      expect(badList.data.field).toBe("status")
    })

    it("serves a file only once done, runs each export once across runs, and deletes files after their retention", async () => {
      await seed([{ id: "mcon_r1", email: "r1@example.com" }])
      // Recorded as another instance would leave it: claimed, its lease still running.
      const [row] = await sql(
        getContainer(),
        `INSERT INTO marketing_contact_export (id, kind, columns, status, attempts, lease_until, filters)
         VALUES ('mcexp_running', 'list', '["email"]', 'running', 1, now() + interval '5 minutes', '{}') RETURNING id`
      )
      const notYet = await api.get(`/admin/marketing/contact-exports/${row.id}/download`, admin).catch((e: any) => e.response)
      expect(notYet.status).toBe(409)
      expect(notYet.data.message).toContain("running")

      // Its lease holds: nobody else takes it.
      expect(await runWorkflow(getContainer(), "run-contact-export", {})).toMatchObject({ claimed: false })
      // The instance died: once the lease ran out, the job's run takes it over and finishes it.
      await sql(getContainer(), `UPDATE marketing_contact_export SET lease_until = now() - interval '1 second' WHERE id = ?`, [row.id])
      expect(await runWorkflow(getContainer(), "run-contact-export", {})).toMatchObject({ claimed: true, id: row.id, status: "done", rows: 1 })
      expect(await runWorkflow(getContainer(), "run-contact-export", {})).toMatchObject({ claimed: false })
      const [done] = await sql(getContainer(), `SELECT status, attempts, file_key FROM marketing_contact_export WHERE id = ?`, [row.id])
      expect(done).toMatchObject({ status: "done", attempts: 2 })

      // Past its retention, the file goes and the record stays as expired.
      await sql(getContainer(), `UPDATE marketing_contact_export SET expires_at = now() - interval '1 second' WHERE id = ?`, [row.id])
      expect(await runWorkflow(getContainer(), "expire-contact-export-files", {})).toEqual({ expired: 1, abandoned: 0 })
      const gone = await api.get(`/admin/marketing/contact-exports/${row.id}/download`, admin).catch((e: any) => e.response)
      expect(gone.status).toBe(409)
      expect((await api.get(`/admin/marketing/contact-exports/${row.id}`, admin)).data.contact_export.status).toBe("expired")
    })

    // Six pages of 5,000: enough to show the pages stream in order; a bigger file only takes longer.
    const BIG = Number(process.env.MMA_EXPORT_ROWS ?? 30_000)
    it(`streams a ${BIG.toLocaleString("en-US")}-contact export`, async () => {
      await sql(
        getContainer(),
        `INSERT INTO marketing_contact (id, email, country_code, first_seen_at, last_seen_at)
         SELECT 'mcon_big_' || lpad(i::text, 7, '0'), 'big' || i || '@example.com', 'nl', now(), now() FROM generate_series(1, ?::int) i`,
        [BIG]
      )
      const started = Date.now()
      const { record, rows } = await exportAndRead({ kind: "list", filters: { country_code: "nl" }, columns: ["id", "email"] }, 200000)
      const seconds = (Date.now() - started) / 1000
      const run = (Date.parse(record.finished_at) - Date.parse(record.started_at)) / 1000
      // eslint-disable-next-line no-console
      console.log(`contact export: ${BIG} rows in ${seconds.toFixed(1)} s (request to downloaded file; the run itself ${run.toFixed(1)} s)`)
      expect(record.row_count).toBe(BIG)
      expect(rows).toHaveLength(BIG + 1)
      expect(rows[1]).toEqual(["mcon_big_0000001", "big1@example.com"])
      expect(rows[BIG]).toEqual([`mcon_big_${String(BIG).padStart(7, "0")}`, `big${BIG}@example.com`])
    })
  },
})
