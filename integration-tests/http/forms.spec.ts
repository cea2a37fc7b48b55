/**
 * Signup forms and pop-ups over HTTP: the admin's CRUD and its 400s, the
 * storefront's config, visibility, view counters and submissions (the contact
 * through the identify path, consent from source `form` with its proof,
 * double opt-in's confirmation email through a real SMTP server on loopback,
 * the incentive's discount code, `form_submitted` starting a flow), the
 * figures per variant with the A/B winner, and the submissions in GDPR export
 * and erasure.
 */
import path from "path"
import { marketingTestRunner } from "../runner"
import { createAdminHeaders, createPublishableKey, sql, storeHeaders, waitFor } from "../helpers"
import { useTestSmtpServer } from "../smtp-server"

jest.setTimeout(240000)

const APP_DIR = path.join(__dirname, "../app-smtp")
const received = useTestSmtpServer()
const mailsTo = (email: string) => received.filter((r) => r.envelope.to.includes(email))

beforeAll(() => {
  process.env.MMA_EMAIL_TEST_OPTIONS = JSON.stringify({
    secret: "forms-test-secret-0123456789",
    publicUrl: "https://api.shop.test",
    doubleOptIn: true,
  })
})
afterAll(() => {
  delete process.env.MMA_EMAIL_TEST_OPTIONS
})

const variant = (id: "a" | "b", weight: number, title = "Join the club") => ({
  id,
  weight,
  content: { title, text: "News and offers", button: "Sign up", success_message: "Welcome aboard!", redirect_url: null },
  branding: { background: "#ffffff", text_color: "#111111", accent_color: "#0055ff", font_family: "Georgia, serif", border_radius: 12 },
})

/** A valid pop-up: email, first name, a custom field, required consent with two topics, UTM and page as hidden fields. */
const popup = (over: Record<string, unknown> = {}) => ({
  name: "Newsletter pop-up",
  status: "active",
  kind: "popup",
  fields: [
    { name: "email", label: "Email", required: true, placeholder: "you@example.com" },
    { name: "first_name", label: "First name", required: false },
    { name: "custom.plan", label: "Plan", required: false },
  ],
  consent: { required: true, text: "Yes, email me news and offers. Unsubscribe any time.", topics: ["newsletter", "offers"] },
  hidden_fields: ["utm_source", "utm_campaign", "page"],
  variants: [variant("a", 50), variant("b", 50, "Get 10% off")],
  targeting: { include_pages: ["/", "/products/*"], exclude_pages: ["/checkout*"] },
  triggers: { delay_seconds: 5, scroll_percent: null, exit_intent: false, page_count: null },
  frequency: { days_after_close: 14 },
  ...over,
})

marketingTestRunner({
  cwd: APP_DIR,
  testSuite: ({ api, getContainer }) => {
    let admin: { headers: Record<string, string> }
    let pk: string
    let n = 0
    const db = (text: string, params: unknown[] = []) => sql(getContainer(), text, params)
    const marketing = () => getContainer().resolve("marketing") as any
    const fail = (p: Promise<any>) => p.then((r) => r, (e: any) => e.response)
    const createForm = async (body: Record<string, unknown>) => (await api.post("/admin/marketing/forms", body, admin)).data.form
    const submit = (formId: string, body: Record<string, unknown>) =>
      fail(api.post(`/store/marketing/forms/${formId}/submissions`, body, storeHeaders(pk)))
    const view = (formId: string, body: Record<string, unknown>) => fail(api.post(`/store/marketing/forms/${formId}/views`, body, storeHeaders(pk)))
    const anon = () => `anon-forms-${++n}-${Math.random().toString(36).slice(2, 8)}`
    const counts = async () =>
      (await db(`SELECT (SELECT count(*) FROM marketing_form_submission)::int AS submissions, (SELECT count(*) FROM marketing_contact)::int AS contacts,
                        (SELECT count(*) FROM marketing_form_stat)::int AS stats, (SELECT count(*) FROM marketing_event)::int AS events`))[0]

    beforeEach(async () => {
      admin = await createAdminHeaders(getContainer())
      pk = await createPublishableKey(getContainer())
    })

    describe("admin", () => {
      it("creates, reads, lists with 30-day figures, updates a part and deletes a form; a bad definition is a 400 naming the field and writes nothing", async () => {
        const form = await createForm(popup())
        expect(form).toMatchObject({
          id: expect.stringMatching(/^mform_/),
          name: "Newsletter pop-up",
          status: "active",
          kind: "popup",
          position: "center",
          incentive: null,
          targeting: { include_pages: ["/", "/products/*"], exclude_pages: ["/checkout*"], visitors: "all", devices: [], countries: [], segment_ids: [], exclude_segment_ids: [] },
          stats: { days: 30, views: 0, submissions: 0, submit_rate: null, winner: null, ab_reason: "below_min_sample" },
        })
        expect(form.stats.variants.map((v: any) => v.id)).toEqual(["a", "b"])

        const bad = async (body: Record<string, unknown>, field: string) => {
          const res = await fail(api.post("/admin/marketing/forms", body, admin))
          expect([res.status, res.data.type, res.data.field]).toEqual([400, "invalid_data", field])
          return res.data.message as string
        }
        expect(await bad(popup({ variants: [variant("a", 60), variant("b", 50)] }), "variants[1].weight")).toMatch(/add up to 100/)
        await bad(popup({ variants: [variant("a", 50), { ...variant("b", 50), weight: 150 }] }), "variants[1].weight")
        await bad(popup({ targeting: { include_pages: ["products"] } }), "targeting.include_pages[0]")
        expect(await bad(popup({ consent: { required: true, text: "Yes", topics: ["newsletter", "sms"] } }), "consent.topics[1]")).toMatch(/unknown topic sms/)
        await bad(popup({ fields: [{ name: "first_name", label: "Name", required: true }] }), "fields")
        await bad(popup({ fields: [{ name: "email", label: "Email", required: true }, { name: "nickname", label: "Nick", required: false }] }), "fields[1].name")
        await bad(popup({ kind: "flyout", position: "center" }), "position")
        await bad(popup({ consent: { required: true, text: "", topics: [] } }), "consent.text")
        await bad(popup({ targeting: { segment_ids: ["mseg_missing"] } }), "targeting.segment_ids[0]")
        await bad(popup({ incentive: { discount: { kind: "fixed", value: 5, expires_in_days: 30 }, delivery: "show" } }), "incentive.discount.currency_code")
        await bad(popup({ colour: "red" }), "body")
        expect((await db(`SELECT count(*)::int AS n FROM marketing_form`))[0].n).toBe(1)

        const activated = (await api.post(`/admin/marketing/forms/${form.id}`, { status: "paused", triggers: { exit_intent: true } }, admin)).data.form
        expect(activated).toMatchObject({ status: "paused", triggers: { delay_seconds: null, exit_intent: true }, fields: form.fields, variants: form.variants })
        const badUpdate = await fail(api.post(`/admin/marketing/forms/${form.id}`, { variants: [variant("a", 40)] }, admin))
        expect([badUpdate.status, badUpdate.data.field]).toEqual([400, "variants[0].weight"])
        const kindChange = await fail(api.post(`/admin/marketing/forms/${form.id}`, { kind: "embedded", triggers: { exit_intent: false } }, admin))
        expect(kindChange.data.form).toMatchObject({ kind: "embedded", position: "center" })
        expect((await api.get(`/admin/marketing/forms/${form.id}`, admin)).data.form).toMatchObject({ status: "paused", kind: "embedded" })

        await createForm(popup({ name: "Exit offer", status: "draft" }))
        const list = (await api.get("/admin/marketing/forms?q=exit", admin)).data
        expect([list.count, list.forms.map((f: any) => f.name)]).toEqual([1, ["Exit offer"]])
        expect((await api.get("/admin/marketing/forms?limit=1", admin)).data).toMatchObject({ count: 2, limit: 1, offset: 0 })

        expect((await api.delete(`/admin/marketing/forms/${form.id}`, admin)).data).toEqual({ id: form.id, object: "marketing_form", deleted: true })
        expect((await fail(api.get(`/admin/marketing/forms/${form.id}`, admin))).status).toBe(404)
        expect((await api.get("/admin/marketing/forms", admin)).data.count).toBe(1)
      })
    })

    describe("storefront", () => {
      it("lists only active forms, without segment ids or figures, cacheable for a minute", async () => {
        const segment = (await api.post("/admin/marketing/segments", { name: "VIPs", definition: { field: "email", operator: "exists" } }, admin)).data.segment
        const active = await createForm(popup({ targeting: { segment_ids: [segment.id] }, incentive: { discount: { kind: "percentage", value: 10, expires_in_days: 30 }, delivery: "show" } }))
        await createForm(popup({ name: "Draft", status: "draft" }))
        await createForm(popup({ name: "Paused", status: "paused" }))
        const res = await api.get("/store/marketing/forms", storeHeaders(pk))
        expect(res.headers["cache-control"]).toBe("public, max-age=60")
        expect(res.data.forms.map((f: any) => f.id)).toEqual([active.id])
        const [pub] = res.data.forms
        expect(pub.targeting).toEqual({ include_pages: [], exclude_pages: [], visitors: "all", devices: [], countries: [], segments: true, members_only: true })
        expect(pub.consent.topics).toEqual([{ id: "newsletter", label: expect.any(String) }, { id: "offers", label: expect.any(String) }])
        expect(pub.incentive).toEqual({ delivery: "show" })
        expect(JSON.stringify(res.data)).not.toContain(segment.id)
        expect(pub).not.toHaveProperty("stats")
        expect(pub).not.toHaveProperty("name")
        // The publishable key is required, as on every store route.
        expect((await fail(api.get("/store/marketing/forms"))).status).toBe(400)
      })

      it("a submission creates the contact stitched to the visitor, consent pending from source form with the form's name and text as proof, sends the confirmation, stores the hidden fields, and the form shows the incentive's code", async () => {
        const form = await createForm(popup({ incentive: { discount: { kind: "percentage", value: 10, expires_in_days: 30 }, delivery: "show" } }))
        const visitor = anon()
        await api.post("/store/marketing/events", { type: "page_viewed", anonymous_id: visitor, properties: { path: "/" } }, storeHeaders(pk))
        const [before] = await db(`SELECT c.id FROM marketing_visitor v JOIN marketing_contact c ON c.id = v.contact_id WHERE v.anonymous_id = ?`, [visitor])

        const res = await submit(form.id, {
          anonymous_id: visitor,
          variant: "b",
          values: { email: " Nora@Example.com ", first_name: "Nora", "custom.plan": "pro" },
          consent: { given: true, topics: ["newsletter"] },
          hidden: { utm_source: "instagram", utm_campaign: "spring", page: "/products/rain-jacket" },
          page_url: "https://shop.test/products/rain-jacket?utm_source=instagram",
        })
        expect([res.status, res.status === 201 ? null : res.data]).toEqual([201, null])
        expect(res.data).toEqual({
          submission: { id: expect.stringMatching(/^mfsub_/) },
          status: "confirmation_sent",
          success_message: "Welcome aboard!",
          redirect_url: null,
          incentive: { code: expect.stringMatching(/^MA-[A-Z0-9]{12}$/) },
        })

        const [contact] = await db(`SELECT * FROM marketing_contact WHERE email = 'nora@example.com' AND deleted_at IS NULL`)
        expect(contact.id).toBe(before.id) // the anonymous visitor's own contact, now known
        expect(contact).toMatchObject({ first_name: "Nora", email_marketing_consent: "pending", email_marketing_consent_source: "form" })
        expect(contact.metadata).toMatchObject({ plan: "pro" })
        expect(contact.email_topics_opted_out).toEqual(["offers"])
        const records = await db(`SELECT status, source, detail FROM marketing_consent_record WHERE contact_id = ?`, [contact.id])
        expect(records).toEqual([
          { status: "pending", source: "form", detail: `Form "Newsletter pop-up" (${form.id}, variant b): Yes, email me news and offers. Unsubscribe any time.` },
        ])
        const confirmation = await waitFor(async () => mailsTo("nora@example.com")[0])
        expect(confirmation.parsed.subject).toMatch(/^Please confirm your subscription/)

        const submissions = (await api.get(`/admin/marketing/forms/${form.id}/submissions`, admin)).data
        expect(submissions).toMatchObject({ count: 1, limit: 20, offset: 0 })
        expect(submissions.submissions[0]).toEqual({
          id: res.data.submission.id,
          form_id: form.id,
          variant: "b",
          contact_id: contact.id,
          email: "nora@example.com",
          values: { email: "nora@example.com", first_name: "Nora", "custom.plan": "pro" },
          consent_given: true,
          consent_topics: ["newsletter"],
          consent_text: "Yes, email me news and offers. Unsubscribe any time.",
          hidden: { utm_source: "instagram", utm_campaign: "spring", page: "/products/rain-jacket" },
          page_url: "https://shop.test/products/rain-jacket?utm_source=instagram",
          discount_code: res.data.incentive.code,
          created_at: expect.any(String),
        })
        const events = await db(`SELECT type, properties FROM marketing_event WHERE contact_id = ? ORDER BY occurred_at, type`, [contact.id])
        // The hidden UTM reached the contact's own path: the campaign opened a session of its own.
        expect(events.map((e: any) => e.type).sort()).toEqual(["form_submitted", "identify", "page_viewed", "session_started", "session_started"])
        expect(contact).toMatchObject({ last_utm_source: "instagram", last_utm_campaign: "spring" })
        expect(events.find((e: any) => e.type === "form_submitted").properties).toMatchObject({ form_id: form.id, form_name: "Newsletter pop-up", variant: "b", discount_code: res.data.incentive.code })
        const [promotion] = await db(`SELECT code, "limit" FROM promotion WHERE code = ? AND deleted_at IS NULL`, [res.data.incentive.code])
        expect(promotion).toEqual({ code: res.data.incentive.code, limit: 1 })

        // Subscribed (pending counts): the visitor sees no signup form any more.
        const visibility = (await api.post("/store/marketing/forms/visibility", { anonymous_id: visitor }, storeHeaders(pk))).data
        expect(visibility).toEqual({ hidden: [form.id], country: null })
        const stranger = (await api.post("/store/marketing/forms/visibility", { anonymous_id: anon() }, storeHeaders(pk))).data
        expect(stranger).toEqual({ hidden: [], country: null })

        // GDPR: the submission is in the person's export and goes with the erasure.
        const exported = (await api.get(`/admin/marketing/contacts/${contact.id}/export`, admin)).data
        expect(exported.form_submissions).toEqual([expect.objectContaining({ id: res.data.submission.id, form_name: "Newsletter pop-up", email: "nora@example.com" })])
        const erased = (await api.post(`/admin/marketing/contacts/${contact.id}/erase`, {}, admin)).data
        expect(erased.counts.marketing_form_submission).toBe(1)
        expect(await db(`SELECT id FROM marketing_form_submission`)).toEqual([])
      })

      it("bad submissions are 400s naming the field and write nothing: consent missing, invalid email, unknown or oversized field, unknown topic, variant", async () => {
        const form = await createForm(popup({ variants: [variant("a", 100)] }))
        const visitor = anon()
        const good = { anonymous_id: visitor, variant: "a", values: { email: "ines@example.com" }, consent: { given: true, topics: [] }, hidden: {} }
        const start = await counts()
        const cases: [Record<string, unknown>, string][] = [
          [{ ...good, consent: { given: false, topics: [] } }, "consent.given"],
          [{ ...good, consent: undefined }, "consent.given"],
          [{ ...good, values: { email: "not-an-address" } }, "values.email"],
          [{ ...good, values: { first_name: "Ines" } }, "values.email"],
          [{ ...good, values: { email: "ines@example.com", nickname: "I" } }, "values.nickname"],
          [{ ...good, values: { email: "ines@example.com", first_name: "x".repeat(1001) } }, "values.first_name"],
          [{ ...good, consent: { given: true, topics: ["sms"] } }, "consent.topics[0]"],
          [{ ...good, hidden: { utm_term: "shoes" } }, "hidden.utm_term"],
          [{ ...good, hidden: { gclid: "x" } }, "hidden"],
          [{ ...good, variant: "b" }, "variant"],
          [{ ...good, anonymous_id: "short" }, "anonymous_id"],
          [{ ...good, extra: true }, "body"],
        ]
        for (const [body, field] of cases) {
          const res = await submit(form.id, body)
          expect([res.status, res.data.type, res.data.field ?? ""]).toEqual([400, "invalid_data", field])
        }
        expect(await counts()).toEqual(start)
        expect(await db(`SELECT id FROM marketing_contact WHERE email = 'ines@example.com'`)).toEqual([])
        // A form not on the storefront takes no submission.
        const draft = await createForm(popup({ status: "draft" }))
        expect((await submit(draft.id, good)).status).toBe(404)
        expect((await view(draft.id, { anonymous_id: visitor, variant: "a", action: "viewed" })).status).toBe(404)
        // The same body on the right form goes through.
        expect((await submit(form.id, good)).data.status).toBe("confirmation_sent")
      })

      it("a form without required consent records the contact without consent; a subscribed contact and segment targeting hide forms", async () => {
        const open = await createForm(popup({ name: "Open", consent: { required: false, text: "", topics: [] } }))
        const visitor = anon()
        const res = await submit(open.id, { anonymous_id: visitor, variant: "a", values: { email: "omar@example.com" } })
        expect(res.data.status).toBe("recorded")
        const [contact] = await db(`SELECT id, email_marketing_consent FROM marketing_contact WHERE email = 'omar@example.com' AND deleted_at IS NULL`)
        expect(contact.email_marketing_consent).toBe("unknown")
        expect(await db(`SELECT id FROM marketing_consent_record WHERE contact_id = ?`, [contact.id])).toEqual([])

        const segment = (await api.post("/admin/marketing/segments", { name: "French", definition: { field: "country_code", operator: "eq", value: "fr" } }, admin)).data.segment
        const targeted = await createForm(popup({ name: "French only", targeting: { segment_ids: [segment.id] } }))
        const excluding = await createForm(popup({ name: "Not French", targeting: { exclude_segment_ids: [segment.id] } }))
        const seen = async (id: string) => (await api.post("/store/marketing/forms/visibility", { anonymous_id: id }, storeHeaders(pk))).data
        expect(await seen(visitor)).toEqual({ hidden: [targeted.id], country: null })
        await api.post("/store/marketing/events", { type: "identify", anonymous_id: visitor, properties: { country_code: "FR" } }, storeHeaders(pk))
        await waitFor(async () => (await db(`SELECT 1 FROM marketing_segment_membership WHERE segment_id = ? AND contact_id = ? AND exited_at IS NULL`, [segment.id, contact.id])).length)
        expect(await seen(visitor)).toEqual({ hidden: [excluding.id], country: "fr" })
        await api.post(`/admin/marketing/contacts/${contact.id}/consent`, { status: "granted" }, admin)
        expect((await seen(visitor)).hidden.sort()).toEqual([open.id, targeted.id, excluding.id].sort())
        const bad = await fail(api.post("/store/marketing/forms/visibility", { anonymous_id: "x" }, storeHeaders(pk)))
        expect([bad.status, bad.data.field]).toEqual([400, "anonymous_id"])
      })

      it("counts views, closes and submissions per variant and day, and names the A/B winner when the difference is significant", async () => {
        const form = await createForm(popup())
        const visitor = anon()
        for (const [variantId, action] of [["a", "viewed"], ["a", "viewed"], ["a", "viewed"], ["a", "closed"], ["b", "viewed"], ["b", "viewed"]]) {
          expect((await view(form.id, { anonymous_id: visitor, variant: variantId, action })).status).toBe(204)
        }
        const bad = await view(form.id, { anonymous_id: visitor, variant: "a", action: "clicked" })
        expect([bad.status, bad.data.field]).toEqual([400, "action"])
        await submit(form.id, { anonymous_id: visitor, variant: "a", values: { email: "vic@example.com" }, consent: { given: true, topics: [] } })
        const stats = (await api.get(`/admin/marketing/forms/${form.id}`, admin)).data.form.stats
        expect(stats).toMatchObject({ days: 30, views: 5, closes: 1, submissions: 1, submit_rate: 0.2, winner: null, ab_reason: "below_min_sample" })
        expect(stats.variants).toEqual([
          { id: "a", views: 3, closes: 1, submissions: 1, submit_rate: 1 / 3 },
          { id: "b", views: 2, closes: 0, submissions: 0, submit_rate: 0 },
        ])

        // A month of traffic (the counters the views route writes, one row per variant and day): b converts better.
        const day = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString().slice(0, 10)
        for (let d = 1; d <= 10; d++) {
          await db(
            `INSERT INTO marketing_form_stat (id, form_id, variant, day, views, closes, submissions) VALUES (?, ?, 'a', ?, 100, 10, 5), (?, ?, 'b', ?, 100, 10, 12)`,
            [`mfst_a${d}`, form.id, day(d), `mfst_b${d}`, form.id, day(d)]
          )
        }
        // Older than 30 days: left out.
        await db(`INSERT INTO marketing_form_stat (id, form_id, variant, day, views, closes, submissions) VALUES ('mfst_old', ?, 'a', ?, 5000, 0, 5000)`, [form.id, day(31)])
        const listed = (await api.get("/admin/marketing/forms", admin)).data.forms.find((f: any) => f.id === form.id)
        expect(listed.stats.variants.map((v: any) => [v.id, v.views, v.submissions])).toEqual([["a", 1003, 51], ["b", 1002, 120]])
        expect(listed.stats.winner).toEqual({ id: "b", p_value: expect.any(Number), submit_rate: 120 / 1002 })
        expect(listed.stats.winner.p_value).toBeLessThan(0.05)
      })

      it("form_submitted starts a flow whose trigger filters on the form, with the emailed incentive's code for its emails", async () => {
        const newsletter = await createForm(popup({ incentive: { discount: { kind: "fixed", value: 5, currency_code: "eur", expires_in_days: 14 }, delivery: "email" } }))
        const other = await createForm(popup({ name: "Other" }))
        const definition = {
          trigger: { type: "event", event: { type: "form_submitted", where: { field: "properties.form_id", operator: "eq", value: newsletter.id } } },
          reentry: { policy: "once" },
          start: "tag",
          steps: { tag: { type: "update_contact", add_tags: ["from-form"] } },
        }
        expect((await api.post("/admin/marketing/flows/validate", { definition }, admin)).data).toEqual({ valid: true, errors: [] })
        const flow = (await api.post("/admin/marketing/flows", { name: "Welcome from the pop-up", definition }, admin)).data.flow
        await api.post(`/admin/marketing/flows/${flow.id}/publish`, {}, admin)

        const enrolled = async (email: string) =>
          db(`SELECT e.id FROM marketing_flow_enrollment e JOIN marketing_contact c ON c.id = e.contact_id WHERE e.flow_id = ? AND c.email = ?`, [flow.id, email])
        await submit(other.id, { anonymous_id: anon(), variant: "a", values: { email: "otto@example.com" }, consent: { given: true, topics: [] } })
        const fay = await submit(newsletter.id, { anonymous_id: anon(), variant: "b", values: { email: "fay@example.com" }, consent: { given: true, topics: [] } })
        expect(fay.data.incentive).toEqual({ delivery: "email" })
        await waitFor(async () => (await enrolled("fay@example.com")).length === 1)
        expect(await enrolled("otto@example.com")).toEqual([])
        const [{ discount_code }] = await db(`SELECT discount_code FROM marketing_form_submission WHERE id = ?`, [fay.data.submission.id])
        expect(discount_code).toMatch(/^MA-/)
        const [enrollment] = await db(`SELECT context FROM marketing_flow_enrollment WHERE flow_id = ?`, [flow.id])
        expect(enrollment.context).toMatchObject({ event_id: expect.any(String), discount: { code: discount_code, promotion_id: expect.stringMatching(/^promo_/) } })
      })
    })
  },
})
