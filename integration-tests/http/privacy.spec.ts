import { marketingTestRunner } from "../runner"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { deleteCustomersWorkflow } from "@medusajs/medusa/core-flows"
import { suppressionHash } from "../../src/modules/marketing/email/headers"
import {
  type AdminHeaders, anonymousId, contactOfAnonymousId, registerCustomer, sql, storeAndAdmin, storeHeaders,
  TEST_APP_DIR, waitFor,
} from "../helpers"

jest.setTimeout(240000)

marketingTestRunner({
  cwd: TEST_APP_DIR,
  testSuite: ({ api, getContainer }) => {
    let pk: string
    let admin: AdminHeaders
    const erasedEvents: { id: string }[] = []

    beforeAll(async () => {
      ;({ pk, admin } = await storeAndAdmin(getContainer()))
      const eventBus = getContainer().resolve(Modules.EVENT_BUS) as any
      eventBus.subscribe("marketing.contact_erased", async (e: any) => void erasedEvents.push(e.data), {
        subscriberId: "test-contact-erased",
      })
      // Every product view is worth 5 points, so the ledger and a stage change exist.
      await api.post(
        "/admin/marketing/scoring-rules",
        { name: "Any product view", kind: "engagement", event_type: "product_viewed", points: 5 },
        admin
      )
    })

    const marketing = () => getContainer().resolve("marketing") as any
    const hashOf = (email: string) => suppressionHash(email, marketing().getEmailSettings().secret)
    const tag = () => Math.random().toString(36).slice(2, 10)
    const track = (events: unknown[], token?: string) => api.post("/store/marketing/events", { events }, storeHeaders(pk, token))
    const view = (anon: string, n: number) => ({
      type: "product_viewed",
      anonymous_id: anon,
      properties: { product_id: `prod_${n}`, category: "shoes" },
    })
    const contactOfCustomer = async (customerId: string) =>
      (await sql(getContainer(), `SELECT * FROM marketing_contact WHERE customer_id = ? AND deleted_at IS NULL`, [customerId]))[0]
    const contactOfVisitor = (anon: string) => contactOfAnonymousId(getContainer(), anon)
    const groupsOf = async (customerId: string) => {
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({ entity: "customer", fields: ["id", "groups.id"], filters: { id: customerId } })
      return ((data[0] as any)?.groups ?? []).filter(Boolean).map((g: any) => g.id as string)
    }

    /**
     * Rows in any `marketing_*` table with a text, varchar or jsonb value that
     * contains one of the needles (case-insensitive), read from the catalog so
     * a table added later is searched too.
     */
    async function rowsMentioning(needles: string[]): Promise<{ table: string; column: string; count: number }[]> {
      const columns: { table_name: string; column_name: string }[] = await sql(
        getContainer(),
        `SELECT table_name, column_name FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name LIKE 'marketing\\_%'
            AND data_type IN ('text', 'character varying', 'jsonb')
          ORDER BY table_name, column_name`
      )
      expect(columns.length).toBeGreaterThan(40)
      const lowered = needles.map((n) => n.toLowerCase())
      const found: { table: string; column: string; count: number }[] = []
      for (const { table_name, column_name } of columns) {
        const [{ n }] = await sql(
          getContainer(),
          `SELECT count(*)::int AS n FROM "${table_name}" WHERE ${lowered.map(() => `strpos(lower("${column_name}"::text), ?) > 0`).join(" OR ")}`,
          lowered
        )
        if (n) found.push({ table: table_name, column: column_name, count: n })
      }
      return found
    }

    describe("admin export and erasure", () => {
      it("exports everything about a person, and erasure leaves no row referencing them in any plugin table", async () => {
        const t = tag()
        const email = `privacy-${t}@example.com`
        const oldEmail = `old-${t}@example.com`
        const anon = anonymousId()

        // A mirrored segment of everyone who viewed a product.
        const { segment } = (
          await api.post(
            "/admin/marketing/segments",
            { name: `Viewers ${t}`, definition: { event: { type: "product_viewed", count: { operator: "gte", value: 1 } } }, mirror_to_customer_group: true },
            admin
          )
        ).data

        // Someone else, in the same segment, who must not be touched.
        const otherAnon = anonymousId()
        await track([view(otherAnon, 9)])
        const other = await contactOfVisitor(otherAnon)
        await waitFor(async () =>
          (await sql(getContainer(), `SELECT 1 FROM marketing_segment_membership WHERE contact_id = ? AND segment_id = ?`, [other.id, segment.id]))[0]
        )

        // Browsing anonymously first: a contact of its own, in the segment.
        await track([view(anon, 1), view(anon, 2), view(anon, 3)])
        const anonymous = await contactOfVisitor(anon)
        await waitFor(async () =>
          (await sql(getContainer(), `SELECT 1 FROM marketing_segment_membership WHERE contact_id = ? AND segment_id = ?`, [anonymous.id, segment.id]))[0]
        )

        // Then registers and logs in: the visitor's contact is merged into the customer's.
        const { customer, token } = await registerCustomer(api, pk, email)
        const person = await waitFor(() => contactOfCustomer(customer.id))
        const company = { company: `Acme-${t}`, industry: `Retail-${t}`, job_title: `Buyer-${t}` }
        await track([{ type: "identify", anonymous_id: anon, properties: company }, view(anon, 4), view(anon, 5)], token)
        await waitFor(async () => (await sql(getContainer(), `SELECT merged_into_id FROM marketing_contact WHERE id = ?`, [anonymous.id]))[0]?.merged_into_id === person.id)
        await waitFor(async () =>
          (await sql(getContainer(), `SELECT 1 FROM marketing_segment_membership WHERE contact_id = ? AND segment_id = ? AND exited_at IS NULL`, [person.id, segment.id]))[0]
        )
        // The merged contact left the segment (it lives on as the customer's).
        await waitFor(async () =>
          (await sql(getContainer(), `SELECT 1 FROM marketing_segment_membership WHERE contact_id = ? AND segment_id = ? AND exited_at IS NOT NULL`, [anonymous.id, segment.id]))[0]
        )
        const groupId = await waitFor(async () => (await marketing().retrieveSegment(segment.id)).customer_group_id as string)
        await waitFor(async () => (await groupsOf(customer.id)).includes(groupId))

        // Email data, through the module's generated methods.
        const now = new Date()
        const [sent, old] = await marketing().createMessages([
          { contact_id: person.id, email, subject: "Welcome", idempotency_key: `welcome-${t}`, queued_at: now, status: "sent", context: { email } },
          { contact_id: person.id, email: oldEmail, subject: "Old", idempotency_key: `old-${t}`, queued_at: now, status: "sent" },
        ])
        // Sent to one of the person's addresses before the contact existed (no contact id), in other case.
        await marketing().createMessages([{ email: email.toUpperCase(), subject: "Hello", idempotency_key: `orphan-${t}`, queued_at: now }])
        await marketing().createConsentRecords([
          { contact_id: person.id, status: "granted", source: "checkout", ip_address: "203.0.113.7", user_agent: "Test", message_id: sent.id, occurred_at: now },
        ])
        await marketing().createSuppressions([
          { email_hash: hashOf(email), reason: "unsubscribed", source: "unsubscribe_link", detail: `clicked by ${email}`, contact_id: person.id, message_id: sent.id },
          { email_hash: hashOf(`stranger-${t}@example.com`), reason: "hard_bounce", source: "sendgrid", detail: "550" },
        ])
        // A parked event the minutely backlog job cannot score (its event row is gone), so
        // the job cannot empty the backlog before the scan below looks for the person.
        await marketing().createScoringBacklogs([{ event_id: `mevt_gone_${t}`, contact_id: person.id }])
        // Their predictions, as a nightly fit writes them.
        await marketing().createContactPredictions([
          {
            contact_id: person.id, currency_code: "eur", fit_id: `mpfit_${t}`, orders: 2, first_order_at: new Date(Date.now() - 90 * 86_400_000),
            last_order_at: now, historic_value: 120, average_order_value: 60, average_days_between_orders: 90, probability_active: 0.8,
            churn_risk: 0.2, churn_risk_band: "low", predicted_orders_365: 1.7, predicted_value_365: 102, predicted_lifetime_value: 260,
            expected_next_order_at: null, predicted_at: now,
          },
        ])
        // Their purchase propensity and best send time, as the nightly fit writes them.
        await marketing().createContactPropensities([{ contact_id: person.id, fit_id: `mpfp_${t}`, probability: 0.12, predicted_at: now }])
        await marketing().createContactSendTimes([{ contact_id: person.id, best_hour: 34, engagements: 3, hours: { "34": 3 }, computed_at: now }])

        // ── Export ──
        const unknown = await api.get(`/admin/marketing/contacts/mcon_nope/export`, admin).catch((e: any) => e.response)
        expect(unknown.status).toBe(404)
        const res = await api.get(`/admin/marketing/contacts/${person.id}/export`, admin)
        expect(res.headers["content-disposition"]).toBe(`attachment; filename="contact-${person.id}.json"`)
        const doc = res.data
        expect(Object.keys(doc).sort()).toEqual(
          ["exported_at", "contact", "merged_contacts", "visitors", "events", "score_entries", "stage_changes", "segment_memberships", "messages", "consent_records", "suppressions", "flow_enrollments", "flow_step_runs", "attributions", "predictions", "propensities", "send_times", "import_rows", "sessions", "form_submissions"].sort()
        )
        expect(doc.contact).toMatchObject({ id: person.id, customer_id: customer.id, email, ...company })
        expect(doc.merged_contacts.map((c: any) => c.id)).toEqual([anonymous.id])
        expect(doc.visitors.map((v: any) => v.anonymous_id)).toEqual([anon])
        expect(doc.events.filter((e: any) => e.type === "product_viewed")).toHaveLength(5)
        expect(doc.events.map((e: any) => e.type)).toEqual(expect.arrayContaining(["identify", "customer_created"]))
        expect(doc.score_entries.length).toBeGreaterThanOrEqual(5)
        expect(doc.score_entries[0]).toMatchObject({ rule_name: "Any product view", delta: 5 })
        expect(doc.stage_changes.map((s: any) => s.to_stage)).toContain("lead")
        expect(doc.segment_memberships).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ contact_id: person.id, segment_id: segment.id, segment_name: `Viewers ${t}`, exited_at: null }),
            expect.objectContaining({ contact_id: anonymous.id, segment_id: segment.id }),
          ])
        )
        expect(doc.messages.map((m: any) => m.subject).sort()).toEqual(["Hello", "Old", "Welcome"])
        expect(doc.consent_records).toEqual([expect.objectContaining({ status: "granted", source: "checkout", ip_address: "203.0.113.7" })])
        expect(doc.suppressions).toEqual([expect.objectContaining({ email_hash: hashOf(email), reason: "unsubscribed" })])
        expect(doc.predictions).toEqual([expect.objectContaining({ contact_id: person.id, currency_code: "eur", churn_risk_band: "low" })])
        expect(doc.propensities).toEqual([expect.objectContaining({ contact_id: person.id, probability: 0.12 })])
        expect(doc.send_times).toEqual([expect.objectContaining({ contact_id: person.id, best_hour: 34, hours: { "34": 3 } })])
        // Their storefront sessions (the tracked views opened at least one).
        expect(doc.sessions.length).toBeGreaterThanOrEqual(1)
        expect(doc.sessions.every((x: any) => x.contact_id === person.id)).toBe(true)
        // Any of the person's ids finds them.
        expect((await api.get(`/admin/marketing/contacts/${anonymous.id}/export`, admin)).data.contact.id).toBe(person.id)

        // ── Erase ──
        // The scan below sees the person in every table that holds them now.
        const needles = [person.id, anonymous.id, customer.id, anon, email, oldEmail, ...Object.values(company)]
        const before = new Set((await rowsMentioning(needles)).map((r) => r.table))
        expect((await rowsMentioning(Object.values(company))).filter((r) => r.table === "marketing_contact").map((r) => r.column).sort()).toEqual([
          "company", "industry", "job_title",
        ])
        expect([...before].sort()).toEqual([
          "marketing_consent_record",
          "marketing_contact",
          "marketing_contact_prediction",
          "marketing_contact_propensity",
          "marketing_contact_send_time",
          "marketing_event",
          "marketing_lifecycle_stage_change",
          "marketing_message",
          "marketing_score_entry",
          "marketing_scoring_backlog",
          "marketing_segment_membership",
          "marketing_session",
          "marketing_suppression",
          "marketing_visitor",
        ])
        const [{ member_count: membersBefore }] = await sql(getContainer(), `SELECT member_count FROM marketing_segment WHERE id = ?`, [segment.id])
        const notFound = await api.post(`/admin/marketing/contacts/mcon_nope/erase`, {}, admin).catch((e: any) => e.response)
        expect(notFound.status).toBe(404)
        const erased = (await api.post(`/admin/marketing/contacts/${person.id}/erase`, {}, admin)).data
        expect(erased).toMatchObject({ id: person.id, object: "contact", deleted: true, suppressions_added: 1 })
        expect(erased.contact_ids.sort()).toEqual([person.id, anonymous.id].sort())
        expect(erased.counts).toMatchObject({
          marketing_contact: 2,
          marketing_visitor: 1,
          marketing_event: doc.events.length,
          marketing_score_entry: doc.score_entries.length,
          marketing_lifecycle_stage_change: doc.stage_changes.length,
          marketing_segment_membership: doc.segment_memberships.length,
          marketing_scoring_backlog: 1,
          marketing_message: 3,
          marketing_consent_record: 1,
          marketing_contact_prediction: 1,
          marketing_contact_propensity: 1,
          marketing_contact_send_time: 1,
          marketing_session: doc.sessions.length,
        })

        // Nothing in any plugin table mentions the person any more...
        expect(await rowsMentioning(needles)).toEqual([])
        // ...but both of their addresses stay suppressed, by hash only. The
        // unsubscribe keeps its reason; the other address is suppressed as erased.
        const suppressions = await sql(getContainer(), `SELECT * FROM marketing_suppression WHERE email_hash = ANY(?::text[]) ORDER BY reason`, [
          `{${hashOf(email)},${hashOf(oldEmail)}}`,
        ])
        expect(suppressions).toEqual([
          expect.objectContaining({ email_hash: hashOf(oldEmail), reason: "erased", source: "admin", contact_id: null, message_id: null, detail: null }),
          expect.objectContaining({ email_hash: hashOf(email), reason: "unsubscribed", source: "unsubscribe_link", contact_id: null, message_id: null, detail: null }),
        ])
        // Another address's suppression is untouched, and so is another person.
        expect(await sql(getContainer(), `SELECT detail FROM marketing_suppression WHERE email_hash = ?`, [hashOf(`stranger-${t}@example.com`)])).toEqual([
          { detail: "550" },
        ])
        expect(await contactOfVisitor(otherAnon)).toMatchObject({ id: other.id })
        expect((await sql(getContainer(), `SELECT count(*)::int AS n FROM marketing_event WHERE contact_id = ? AND type <> 'session_started'`, [other.id]))[0].n).toBe(1)
        expect((await sql(getContainer(), `SELECT count(*)::int AS n FROM marketing_session WHERE contact_id = ?`, [other.id]))[0].n).toBe(1)

        // The segment lost its member, the mirrored group its customer, and the erasure was announced.
        const [{ member_count: membersAfter }] = await sql(getContainer(), `SELECT member_count FROM marketing_segment WHERE id = ?`, [segment.id])
        expect(membersAfter).toBe(membersBefore - 1)
        expect(await groupsOf(customer.id)).not.toContain(groupId)
        await waitFor(async () => erasedEvents.find((e) => e.id === person.id))

        // A second erasure of the same id is a 404: nothing is left.
        const again = await api.post(`/admin/marketing/contacts/${person.id}/erase`, {}, admin).catch((e: any) => e.response)
        expect(again.status).toBe(404)
      })
    })

    describe("store routes for the logged-in customer", () => {
      it("exports and erases the customer's own data, and needs an explicit confirm", async () => {
        const t = tag()
        const email = `me-${t}@example.com`
        const anon = anonymousId()
        const { customer, token } = await registerCustomer(api, pk, email)
        const contact = await waitFor(() => contactOfCustomer(customer.id))
        await track([{ type: "identify", anonymous_id: anon }, view(anon, 1)], token)

        const unauthenticated = await api.get("/store/marketing/me/export", storeHeaders(pk)).catch((e: any) => e.response)
        expect(unauthenticated.status).toBe(401)

        const exported = (await api.get("/store/marketing/me/export", storeHeaders(pk, token))).data
        expect(exported.contact).toMatchObject({ id: contact.id, customer_id: customer.id, email })
        expect(exported.visitors.map((v: any) => v.anonymous_id)).toEqual([anon])
        expect(exported.events.map((e: any) => e.type)).toEqual(expect.arrayContaining(["identify", "product_viewed"]))

        for (const body of [undefined, {}, { confirm: false }, { confirm: "yes" }]) {
          const bad = await api.post("/store/marketing/me/erase", body, storeHeaders(pk, token)).catch((e: any) => e.response)
          expect(bad.status).toBe(400)
          expect(bad.data.message).toMatch(/confirm/)
        }
        expect(await contactOfCustomer(customer.id)).toMatchObject({ id: contact.id })

        const erased = (await api.post("/store/marketing/me/erase", { confirm: true }, storeHeaders(pk, token))).data
        expect(erased).toMatchObject({ erased: true, suppressions_added: 1, counts: { marketing_contact: 1, marketing_visitor: 1 } })
        expect(await contactOfCustomer(customer.id)).toBeUndefined()
        expect(await rowsMentioning([contact.id, customer.id, anon, email])).toEqual([])
        expect(await sql(getContainer(), `SELECT reason, source FROM marketing_suppression WHERE email_hash = ?`, [hashOf(email)])).toEqual([
          { reason: "erased", source: "customer" },
        ])

        // Nothing left: an empty export and a no-op erasure.
        const empty = (await api.get("/store/marketing/me/export", storeHeaders(pk, token))).data
        expect(empty).toMatchObject({ contact: null, merged_contacts: [], events: [], messages: [], suppressions: [] })
        const noop = (await api.post("/store/marketing/me/erase", { confirm: true }, storeHeaders(pk, token))).data
        expect(noop).toMatchObject({ erased: false, suppressions_added: 0 })
      })
    })

    describe("erasure racing the person's own events", () => {
      it("leaves no row behind for the erased contact ids", async () => {
        const email = `race-${tag()}@example.com`
        const anon = anonymousId()
        const { customer, token } = await registerCustomer(api, pk, email)
        const contact = await waitFor(() => contactOfCustomer(customer.id))
        await track([{ type: "identify", anonymous_id: anon }, view(anon, 0)], token)

        const batches = Array.from({ length: 8 }, (_, i) =>
          track([view(anon, i + 1), view(anon, i + 100)], i % 2 ? token : undefined).catch((e: any) => e.response)
        )
        const erase = api.post(`/admin/marketing/contacts/${contact.id}/erase`, {}, admin)
        const [erased, ...tracked] = await Promise.all([erase, ...batches])
        expect(erased.status).toBe(200)
        expect(tracked.every((r: any) => r.status === 200)).toBe(true)
        // Subscribers (segments, groups) run after the requests; let them finish.
        await new Promise((r) => setTimeout(r, 1500))

        // Events that came after the erasure belong to a new contact; none to the erased one.
        expect(await rowsMentioning([contact.id])).toEqual([])
      })
    })

    describe("customer deletion", () => {
      it("erases the deleted customer's contact", async () => {
        const email = `deleted-${tag()}@example.com`
        const anon = anonymousId()
        const { customer, token } = await registerCustomer(api, pk, email)
        const contact = await waitFor(() => contactOfCustomer(customer.id))
        await track([{ type: "identify", anonymous_id: anon }, view(anon, 1), view(anon, 2)], token)
        await waitFor(async () => (await sql(getContainer(), `SELECT 1 FROM marketing_score_entry WHERE contact_id = ?`, [contact.id]))[0])

        await deleteCustomersWorkflow(getContainer()).run({ input: { ids: [customer.id] } })

        await waitFor(async () => !(await sql(getContainer(), `SELECT 1 FROM marketing_contact WHERE id = ?`, [contact.id]))[0])
        expect(await rowsMentioning([contact.id, customer.id, anon, email])).toEqual([])
        expect(await sql(getContainer(), `SELECT reason, source FROM marketing_suppression WHERE email_hash = ?`, [hashOf(email)])).toEqual([
          { reason: "erased", source: "customer_deleted" },
        ])
        await waitFor(async () => erasedEvents.find((e) => e.id === contact.id))
      })
    })

    describe("lookups by contact at scale", () => {
      // Merges, export, erasure and the contact foreign key find a contact's
      // rows without a deleted_at filter (soft-deleted rows are theirs too).
      // A partial index cannot serve that, and the plan falls back to reading
      // the whole table: seconds per merge or erasure with millions of events.
      // With sequential scans priced out, the planner still picks one only when
      // no index applies.
      const lookups: [string, string][] = [
        ["marketing_event", `contact_id = ANY('{mcon_x}'::text[])`],
        ["marketing_score_entry", `contact_id = ANY('{mcon_x}'::text[])`],
        ["marketing_lifecycle_stage_change", `contact_id = ANY('{mcon_x}'::text[])`],
        ["marketing_visitor", `contact_id = ANY('{mcon_x}'::text[])`],
        ["marketing_consent_record", `contact_id = ANY('{mcon_x}'::text[])`],
        ["marketing_message", `contact_id = ANY('{mcon_x}'::text[])`],
        ["marketing_segment_membership", `contact_id = ANY('{mcon_x}'::text[])`],
        // The walk down from a person's contact to those merged into it.
        ["marketing_contact", `merged_into_id = 'mcon_x' AND deleted_at IS NOT NULL`],
        // Addresses match case-insensitively: an identify with an email, and a person's messages.
        ["marketing_contact", `lower(email) = 'a@example.com' AND deleted_at IS NULL AND id <> 'mcon_x'`],
        ["marketing_message", `lower(email) = ANY('{a@example.com}'::text[])`],
        // A person's staged rows of a contact import (export and erasure), by their normalised address.
        ["marketing_contact_import_row", `email = ANY('{a@example.com}'::text[])`],
      ]

      it.each(lookups)("%s: rows found by %s through an index", async (table, where) => {
        const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION) as any
        const plan = await pg.transaction(async (trx: any) => {
          await trx.raw(`SET LOCAL enable_seqscan = off`)
          const { rows } = await trx.raw(`EXPLAIN (FORMAT JSON) SELECT * FROM ${table} WHERE ${where}`)
          return JSON.stringify(rows[0]["QUERY PLAN"])
        })
        expect(plan).not.toContain("Seq Scan")
        expect(plan).toMatch(/Index (Only )?Scan/)
      })
    })
  },
})
