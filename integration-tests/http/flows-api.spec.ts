import { marketingTestRunner } from "../runner"
import { Modules } from "@medusajs/framework/utils"
import path from "path"
import { type AdminHeaders, createAdminHeaders, sql, TEST_APP_DIR } from "../helpers"

jest.setTimeout(240000)

const DAY = 86_400_000

marketingTestRunner({
  cwd: TEST_APP_DIR,
  testSuite: ({ api, getContainer }) => {
    let admin: AdminHeaders
    let templateId: string
    let segmentId: string
    let groupId: string

    beforeAll(async () => {
      admin = await createAdminHeaders(getContainer())
      templateId = (
        await api.post("/admin/marketing/templates", { name: "Reminder", subject: "You left something", html: "<p>Hi</p>" }, admin)
      ).data.template.id
      segmentId = (
        await api.post("/admin/marketing/segments", { name: "French", definition: { field: "country_code", operator: "eq", value: "fr" } }, admin)
      ).data.segment.id
      const [group] = await getContainer().resolve(Modules.CUSTOMER).createCustomerGroups([{ name: "Newsletter" }])
      groupId = group.id
    })

    /** A valid definition naming the template, segment and group created above. */
    const definition = (extra: Record<string, unknown> = {}): any => ({
      trigger: { type: "event", event: { type: "cart_updated", where: { field: "properties.item_count", operator: "gte", value: 1 } } },
      entry_filter: { segment: segmentId },
      reentry: { policy: "once_per_days", days: 7 },
      goal: { event: { type: "order_placed" } },
      start: "wait_1",
      steps: {
        wait_1: { type: "wait", seconds: 3600, next: "send_1" },
        send_1: { type: "send_email", template_id: templateId, next: "check" },
        check: { type: "condition", if: { customer_group: groupId }, yes: "done", no: "done" },
        done: { type: "exit" },
      },
      ...extra,
    })
    const create = async (name: string, def: unknown = definition()) =>
      (await api.post("/admin/marketing/flows", { name, definition: def }, admin)).data.flow
    const failure = (promise: Promise<unknown>) =>
      promise.then(
        () => {
          throw new Error("expected a 4xx")
        },
        (e: any) => ({ status: e.response?.status, message: String(e.response?.data?.message ?? e.message) })
      )
    const count = async (table: string, where = "", params: unknown[] = []) =>
      Number((await sql(getContainer(), `SELECT count(*)::int AS n FROM ${table} ${where}`, params))[0].n)
    const enroll = (flow: { id: string; active_version_id?: string | null }, status: string, enteredDaysAgo: number) =>
      sql(
        getContainer(),
        `INSERT INTO marketing_flow_enrollment (id, flow_id, flow_version_id, contact_id, status, enrollment_key, current_step_id, next_run_at, entered_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          `mfen_${Math.random().toString(36).slice(2)}`, flow.id, flow.active_version_id ?? "mflv_none", `mcon_${Math.random().toString(36).slice(2)}`,
          status, `key-${Math.random()}`, status === "active" ? "send_1" : null, status === "active" ? new Date().toISOString() : null,
          new Date(Date.now() - enteredDaysAgo * DAY).toISOString(),
        ]
      )

    it("creates, reads, edits and lists drafts with their enrollment counts", async () => {
      const flow = await create("Cart reminder")
      expect(flow).toMatchObject({ name: "Cart reminder", status: "draft", version_count: 0, active_version_id: null, active_enrollment_count: 0 })
      // A draft may be incomplete while it is built.
      const edited = (await api.post(`/admin/marketing/flows/${flow.id}`, { description: "WIP", definition: { start: "x", steps: {} } }, admin)).data.flow
      expect(edited).toMatchObject({ description: "WIP", definition: { start: "x", steps: {} } })
      expect((await api.get(`/admin/marketing/flows/${flow.id}`, admin)).data.flow.definition).toEqual({ start: "x", steps: {} })

      const other = await create("Welcome series")
      await enroll(other, "active", 1)
      await enroll(other, "exited", 2)
      await enroll(other, "completed", 40)
      const list = (await api.get("/admin/marketing/flows?q=welcome", admin)).data
      expect(list).toMatchObject({ count: 1, offset: 0, limit: 20 })
      expect(list.flows[0]).toMatchObject({ id: other.id, active_enrollment_count: 1, entered_last_30_days: 2 })
      const drafts = (await api.get("/admin/marketing/flows?status=draft&order=name&limit=1", admin)).data
      expect(drafts.count).toBeGreaterThanOrEqual(2)
      expect(drafts.flows).toHaveLength(1)
      expect((await failure(api.get("/admin/marketing/flows?status=lost", admin))).status).toBe(400)
      expect((await failure(api.post("/admin/marketing/flows", { name: "x", definition: [] }, admin))).message).toContain("definition")
      expect((await failure(api.get("/admin/marketing/flows/mflow_nope", admin))).status).toBe(404)
    })

    it("lists conversions and daily entries, and each step's numbers read from the step runs", async () => {
      const flow = (await api.post(`/admin/marketing/flows/${(await create("Numbers")).id}/publish`, {}, admin)).data.flow
      const rid = (p: string) => `${p}_${Math.random().toString(36).slice(2)}`
      const enrollment = async (status: string, step: string | null, enteredDaysAgo: number, converted = false) => {
        const id = rid("mfen")
        await sql(
          getContainer(),
          `INSERT INTO marketing_flow_enrollment (id, flow_id, flow_version_id, contact_id, status, enrollment_key, current_step_id, entered_at, converted_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [id, flow.id, flow.active_version_id, rid("mcon"), status, rid("key"), step,
            new Date(Date.now() - enteredDaysAgo * DAY).toISOString(), converted ? new Date().toISOString() : null]
        )
        return id
      }
      const run = (enrollmentId: string, step: string, extra: { branch?: string; variant?: string; message_id?: string } = {}) =>
        sql(
          getContainer(),
          `INSERT INTO marketing_flow_step_run (id, enrollment_id, flow_id, flow_version_id, contact_id, step_id, step_type, outcome, branch, variant, message_id, idempotency_key, started_at)
           VALUES (?, ?, ?, ?, 'mcon_x', ?, 'x', 'completed', ?, ?, ?, ?, now())`,
          [rid("mfsr"), enrollmentId, flow.id, flow.active_version_id, step, extra.branch ?? null, extra.variant ?? null, extra.message_id ?? null, rid("key")]
        )
      const a = await enrollment("active", "send_1", 0)
      const b = await enrollment("converted", null, 2, true)
      await enrollment("completed", null, 45)
      const message = rid("mmsg")
      await sql(
        getContainer(),
        `INSERT INTO marketing_message (id, email, idempotency_key, queued_at, sent_at, opened_at) VALUES (?, 'a@example.com', ?, now(), now(), now())`,
        [message, rid("key")]
      )
      await run(a, "wait_1")
      await run(b, "wait_1")
      await run(b, "send_1", { variant: "a", message_id: message })
      await run(b, "check", { branch: "yes" })

      const [listed] = (await api.get("/admin/marketing/flows?q=numbers", admin)).data.flows
      expect(listed).toMatchObject({ active_enrollment_count: 1, entered_last_30_days: 2, converted_last_30_days: 1 })
      expect(listed.entries).toHaveLength(30)
      expect(listed.entries.at(-1)).toEqual({ day: new Date().toISOString().slice(0, 10), count: 1 })
      expect(listed.entries.reduce((n: number, p: { count: number }) => n + p.count, 0)).toBe(2)

      const { steps } = (await api.get(`/admin/marketing/flows/${flow.id}/stats?version_id=${flow.active_version_id}`, admin)).data
      expect(steps.wait_1).toMatchObject({ entered: 2, waiting: 0 })
      expect(steps.send_1).toMatchObject({ entered: 1, waiting: 1, sent: 1, opened: 1, clicked: 0, variants: { a: 1 } })
      expect(steps.check).toMatchObject({ entered: 1, branches: { yes: 1 } })
      expect((await api.get(`/admin/marketing/flows/${flow.id}/stats?version_id=mflv_other`, admin)).data.steps).toEqual({})
      expect((await failure(api.get("/admin/marketing/flows/mflow_nope/stats", admin))).status).toBe(404)
    })

    it("validates a definition as the builder types, 200 either way, and a draft with its references", async () => {
      const ok = (await api.post("/admin/marketing/flows/validate", { definition: definition() }, admin)).data
      expect(ok).toEqual({ valid: true, errors: [] })
      const bad = (await api.post("/admin/marketing/flows/validate", { definition: { ...definition(), start: "nowhere" } }, admin)).data
      expect(bad.valid).toBe(false)
      expect(bad.errors).toContainEqual({ path: "start", message: 'names no step ("nowhere")' })
      const unreachable = (await api.post("/admin/marketing/flows/validate", { definition: { ...definition(), start: "send_1" } }, admin)).data
      expect(unreachable).toEqual({
        valid: false,
        errors: [{ path: "steps.wait_1", message: "cannot be reached from the start step", step_id: "wait_1" }],
      })
      const garbage = (await api.post("/admin/marketing/flows/validate", { definition: "nope" }, admin)).data
      expect(garbage).toEqual({ valid: false, errors: [{ path: "", message: "must be a flow definition object" }] })

      const draft = await create("Unknown template", definition({
        steps: { ...definition().steps, send_1: { type: "send_email", template_id: "mtpl_gone", next: "check" } },
      }))
      const checked = (await api.post(`/admin/marketing/flows/${draft.id}/validate`, {}, admin)).data
      expect(checked).toEqual({
        valid: false,
        errors: [{ path: "steps.send_1.template_id", message: 'unknown template "mtpl_gone"', step_id: "send_1" }],
      })
    })

    it("publishes version 1, publishes an edit of an active flow as version 2 and keeps version 1", async () => {
      const flow = await create("Lifecycle")
      const published = (await api.post(`/admin/marketing/flows/${flow.id}/publish`, {}, admin)).data.flow
      expect(published).toMatchObject({ status: "active", version_count: 1 })
      expect(published.published_at).toBeTruthy()
      const [v1] = (await api.get(`/admin/marketing/flows/${flow.id}/versions`, admin)).data.versions
      expect(v1).toMatchObject({ id: published.active_version_id, version: 1, trigger_type: "event", definition: definition() })

      const next = definition({ trigger: { type: "segment_entered", segment_id: segmentId } })
      const edited = (await api.post(`/admin/marketing/flows/${flow.id}`, { definition: next }, admin)).data.flow
      expect(edited).toMatchObject({ status: "active", version_count: 2 })
      const versions = (await api.get(`/admin/marketing/flows/${flow.id}/versions`, admin)).data.versions
      expect(versions.map((v: any) => [v.version, v.trigger_type])).toEqual([[2, "segment_entered"], [1, "event"]])
      expect(versions[0].id).toBe(edited.active_version_id)
      expect(versions[1].definition).toEqual(definition())

      // A bad edit of an active flow is a 400 and changes nothing: no version, the draft as it was.
      const before = await count("marketing_flow_version", "WHERE flow_id = ?", [flow.id])
      const broken = { ...next, steps: { ...next.steps, orphan: { type: "exit" } } }
      const error = await failure(api.post(`/admin/marketing/flows/${flow.id}`, { name: "Renamed", definition: broken }, admin))
      expect(error).toMatchObject({ status: 400, message: expect.stringContaining("definition.steps.orphan: cannot be reached") })
      expect(await count("marketing_flow_version", "WHERE flow_id = ?", [flow.id])).toBe(before)
      const after = (await api.get(`/admin/marketing/flows/${flow.id}`, admin)).data.flow
      expect(after).toMatchObject({ name: "Lifecycle", version_count: 2, definition: next })
    })

    it("pauses, resumes and archives; archiving exits everyone still in the flow", async () => {
      const flow = (await api.post(`/admin/marketing/flows/${(await create("Win-back")).id}/publish`, {}, admin)).data.flow
      expect((await failure(api.post(`/admin/marketing/flows/${flow.id}/resume`, {}, admin))).status).toBe(400)
      expect((await api.post(`/admin/marketing/flows/${flow.id}/pause`, {}, admin)).data.flow).toMatchObject({ status: "paused" })
      expect((await api.get(`/admin/marketing/flows/${flow.id}`, admin)).data.flow.paused_at).toBeTruthy()
      expect((await api.post(`/admin/marketing/flows/${flow.id}/resume`, {}, admin)).data.flow).toMatchObject({ status: "active", paused_at: null })

      await enroll(flow, "active", 0)
      await enroll(flow, "converted", 3)
      const archived = (await api.post(`/admin/marketing/flows/${flow.id}/archive`, {}, admin)).data.flow
      expect(archived).toMatchObject({ status: "archived", active_enrollment_count: 0 })
      const rows = await sql(getContainer(), `SELECT status, end_reason, ended_at, current_step_id, next_run_at FROM marketing_flow_enrollment WHERE flow_id = ? ORDER BY status`, [flow.id])
      expect(rows).toEqual([
        { status: "converted", end_reason: null, ended_at: null, current_step_id: null, next_run_at: null },
        { status: "exited", end_reason: "archived", ended_at: expect.any(Date), current_step_id: null, next_run_at: null },
      ])
      expect((await failure(api.post(`/admin/marketing/flows/${flow.id}/pause`, {}, admin))).status).toBe(400)
      expect((await failure(api.post(`/admin/marketing/flows/${flow.id}`, { name: "Again" }, admin))).status).toBe(400)
    })

    it("deletes drafts only, and duplicates any flow into a draft copy", async () => {
      const active = (await api.post(`/admin/marketing/flows/${(await create("Birthday")).id}/publish`, {}, admin)).data.flow
      const refused = await failure(api.delete(`/admin/marketing/flows/${active.id}`, admin))
      expect(refused).toMatchObject({ status: 400, message: expect.stringContaining("status: the flow is active and cannot be deleted (archive it instead); only draft flows can") })
      expect((await api.get(`/admin/marketing/flows/${active.id}`, admin)).data.flow.status).toBe("active")

      const copy = (await api.post(`/admin/marketing/flows/${active.id}/duplicate`, {}, admin)).data.flow
      expect(copy).toMatchObject({ name: "Birthday (copy)", status: "draft", version_count: 0, definition: active.definition })
      expect((await api.delete(`/admin/marketing/flows/${copy.id}`, admin)).data).toEqual({ id: copy.id, object: "flow", deleted: true })
      expect((await failure(api.get(`/admin/marketing/flows/${copy.id}`, admin))).status).toBe(404)
    })

    it("lists recipes and installs one with its starter templates and built-in segments as a draft", async () => {
      const { recipes } = (await api.get("/admin/marketing/flows/recipes", admin)).data
      expect(recipes.length).toBeGreaterThan(0)
      // The one that needs the most: templates and segments.
      const recipe = [...recipes].sort((a: any, b: any) => b.segments.length - a.segments.length)[0]
      expect(recipe).toMatchObject({ key: expect.any(String), group: expect.stringMatching(/acquisition|loyalty/), name: expect.any(String) })
      expect(recipe.steps[0]).toMatchObject({ id: expect.any(String), type: expect.any(String) })

      const installed = async () => {
        const flow = (await api.post(`/admin/marketing/flows/recipes/${recipe.key}/install`, {}, admin)).data.flow
        expect(flow).toMatchObject({ status: "draft", recipe_key: recipe.key, name: recipe.name })
        const json = JSON.stringify(flow.definition)
        expect(json).not.toMatch(/starter:|builtin:/)
        for (const starter of recipe.templates) {
          const rows = await sql(getContainer(), `SELECT id FROM marketing_email_template WHERE starter_key = ? AND deleted_at IS NULL`, [starter])
          expect({ starter, rows: rows.length }).toEqual({ starter, rows: 1 })
        }
        for (const key of recipe.segments) {
          const rows = await sql(getContainer(), `SELECT id FROM marketing_segment WHERE built_in_key = ? AND deleted_at IS NULL`, [key])
          expect({ key, rows: rows.length }).toEqual({ key, rows: 1 })
          expect(json).toContain(`"${rows[0].id}"`)
        }
        expect((await api.post(`/admin/marketing/flows/${flow.id}/validate`, {}, admin)).data).toEqual({ valid: true, errors: [] })
        return flow
      }
      const first = await installed()
      // A second install reuses the templates and segments.
      const second = await installed()
      expect(second.definition).toEqual(first.definition)
      expect((await failure(api.post("/admin/marketing/flows/recipes/nope/install", {}, admin))).message).toContain('unknown recipe "nope"')
    })

    it("takes back what an install added when the recipe's flow turns out invalid", async () => {
      // The app runs the built plugin in this process: add a recipe to the list it reads.
      const built = require(path.join(__dirname, "../../.medusa/server/src/modules/marketing/flows/recipes/index.js"))
      built.FLOW_RECIPES.push({
        key: "test_broken",
        group: "loyalty",
        name: "Broken",
        purpose: "Needs a group that does not exist.",
        templates: ["vip"],
        segments: ["sales-ready-leads"],
        definition: {
          trigger: { type: "segment_entered", segment_id: "builtin:sales-ready-leads" },
          reentry: { policy: "once" },
          start: "send",
          steps: {
            send: { type: "send_email", template_id: "starter:vip", next: "check" },
            check: { type: "condition", if: { customer_group: "cusgroup_missing" }, yes: "done", no: "done" },
            done: { type: "exit" },
          },
        },
      })
      try {
        const before = {
          templates: await count("marketing_email_template", "WHERE starter_key = 'vip' AND deleted_at IS NULL"),
          segments: await count("marketing_segment", "WHERE built_in_key = 'sales-ready-leads' AND deleted_at IS NULL"),
          flows: await count("marketing_flow"),
        }
        expect(before).toMatchObject({ templates: 0, segments: 0 })
        const error = await failure(api.post("/admin/marketing/flows/recipes/test_broken/install", {}, admin))
        expect(error).toMatchObject({ status: 400, message: expect.stringContaining('definition.steps.check.if.customer_group: unknown customer group "cusgroup_missing"') })
        expect({
          templates: await count("marketing_email_template", "WHERE starter_key = 'vip' AND deleted_at IS NULL"),
          segments: await count("marketing_segment", "WHERE built_in_key = 'sales-ready-leads' AND deleted_at IS NULL"),
          flows: await count("marketing_flow"),
        }).toEqual(before)
      } finally {
        built.FLOW_RECIPES.pop()
      }
    })

    it("lists a contact's enrollments in every flow with the flow and the current step, as the rows say", async () => {
      const marketing = getContainer().resolve("marketing") as any
      const contact = await marketing.createContacts({ email: "ines@example.com", first_name: "Inès", first_seen_at: new Date(), last_seen_at: new Date() })
      const manual = {
        trigger: { type: "manual" }, reentry: { policy: "every_time" }, start: "hold",
        steps: { hold: { type: "wait", seconds: 86400, name: "Give it a day", next: "done" }, done: { type: "exit" } },
      }
      const publish = async (name: string) =>
        (await api.post(`/admin/marketing/flows/${(await create(name, manual)).id}/publish`, {}, admin)).data.flow
      const [nurture, winBack] = [await publish("Nurture"), await publish("Win-back again")]
      // Rows as the runner leaves them; next_run_at a day away, so no runner moves them meanwhile.
      const insert = (flow: any, status: string, step: string | null, daysAgo: number, extra: string[] = [null as any, null as any]) =>
        sql(
          getContainer(),
          `INSERT INTO marketing_flow_enrollment (id, flow_id, flow_version_id, contact_id, status, enrollment_key, current_step_id,
             next_run_at, entered_at, conversion_order_id, conversion_currency_code)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [`mfen_${Math.random().toString(36).slice(2)}`, flow.id, flow.active_version_id, contact.id, status, `key-${Math.random()}`, step,
            step ? new Date(Date.now() + DAY).toISOString() : null, new Date(Date.now() - daysAgo * DAY).toISOString(), ...extra]
        )
      const order = await getContainer().resolve(Modules.ORDER).createOrders({ currency_code: "eur", email: "ines@example.com" })
      const [{ display_id }] = await sql(getContainer(), `SELECT display_id FROM "order" WHERE id = ?`, [order.id])
      await insert(nurture, "active", "hold", 1)
      await insert(winBack, "converted", null, 5, [order.id, "eur"])
      await insert(winBack, "converted", null, 8, ["order_gone", "eur"])

      const rows = await sql(
        getContainer(),
        `SELECT id, flow_id, status, current_step_id FROM marketing_flow_enrollment WHERE contact_id = ? ORDER BY entered_at DESC`,
        [contact.id]
      )
      const { data } = await api.get(`/admin/marketing/contacts/${contact.id}/enrollments`, admin)
      expect(data.count).toBe(3)
      expect(data.enrollments.map((e: any) => [e.id, e.flow_id, e.status, e.current_step_id])).toEqual(
        rows.map((r: any) => [r.id, r.flow_id, r.status, r.current_step_id])
      )
      expect(data.enrollments[0]).toMatchObject({
        flow: { id: nurture.id, name: "Nurture", status: "active" },
        flow_version: 1,
        current_step: { id: "hold", type: "wait", name: "Give it a day" },
      })
      expect(data.enrollments[1]).toMatchObject({ flow: { name: "Win-back again" }, current_step: null, conversion_order_display_id: display_id })
      expect(data.enrollments[2]).toMatchObject({ conversion_order_id: "order_gone", conversion_order_display_id: null })

      const active = (await api.get(`/admin/marketing/contacts/${contact.id}/enrollments?status=active`, admin)).data
      expect(active.enrollments.map((e: any) => e.id)).toEqual([rows[0].id])
      // A flow's list names the contact and the converting order's number (null once the order is gone).
      const list = (await api.get(`/admin/marketing/flows/${nurture.id}/enrollments`, admin)).data
      expect(list.enrollments[0].contact).toMatchObject({ id: contact.id, email: "ines@example.com", first_name: "Inès" })
      const won = (await api.get(`/admin/marketing/flows/${winBack.id}/enrollments`, admin)).data.enrollments
      expect(won.map((e: any) => e.conversion_order_display_id)).toEqual([display_id, null])
      const one = (await api.get(`/admin/marketing/flows/${winBack.id}/enrollments/${rows[1].id}`, admin)).data.enrollment
      expect(one).toMatchObject({ contact: { email: "ines@example.com" }, conversion_order_display_id: display_id, step_runs: [] })
      expect(typeof display_id).toBe("number")

      const bad = await failure(api.get(`/admin/marketing/contacts/${contact.id}/enrollments?status=sleeping`, admin))
      expect(bad).toMatchObject({ status: 400, message: expect.stringContaining("status") })
      expect((await failure(api.get(`/admin/marketing/contacts/mcon_missing/enrollments`, admin))).status).toBe(404)
    })

    it("refuses each kind of bad flow on publish with a 400 naming the step, and writes nothing", async () => {
      const steps = definition().steps
      const cases: [string, any, string][] = [
        ["unreachable", definition({ steps: { ...steps, lost: { type: "exit" } } }), "definition.steps.lost: cannot be reached from the start step"],
        ["missing branch", definition({ steps: { ...steps, check: { type: "condition", if: { customer_group: groupId }, yes: "done" } } }),
          "definition.steps.check.no: is missing"],
        ["cycle without a wait", definition({
          start: "send_1",
          steps: { ...steps, send_1: { ...steps.send_1, next: "check" }, check: { ...steps.check, no: "send_1" }, wait_1: undefined },
        }), "definition.steps.send_1: is in a loop with no wait"],
        ["unknown template", definition({ steps: { ...steps, send_1: { ...steps.send_1, template_id: "mtpl_missing" } } }),
          'definition.steps.send_1.template_id: unknown template "mtpl_missing" (step send_1)'],
        ["unknown segment", definition({ trigger: { type: "segment_entered", segment_id: "mseg_missing" } }),
          'definition.trigger.segment_id: unknown segment "mseg_missing"'],
        ["unknown segment in a step", definition({ steps: { ...steps, check: { ...steps.check, if: { segment: "mseg_missing" } } } }),
          'definition.steps.check.if.segment: unknown segment "mseg_missing" (step check)'],
        ["unknown customer group", definition({ steps: { ...steps, check: { ...steps.check, if: { customer_group: "cusgroup_missing" } } } }),
          'definition.steps.check.if.customer_group: unknown customer group "cusgroup_missing" (step check)'],
        ["bad field", definition({ steps: { ...steps, wait_1: { ...steps.wait_1, seconds: 0 } } }),
          "definition.steps.wait_1.seconds: must be a whole number from 1 to 31536000 seconds (a year) (step wait_1)"],
      ]
      for (const [kind, def, message] of cases) {
        const clean = JSON.parse(JSON.stringify(def)) // drops the undefined step
        const flow = await create(`Bad: ${kind}`, clean)
        const before = { versions: await count("marketing_flow_version"), flows: await count("marketing_flow") }
        const error = await failure(api.post(`/admin/marketing/flows/${flow.id}/publish`, {}, admin))
        expect({ kind, status: error.status, message: error.message }).toEqual({ kind, status: 400, message: expect.stringContaining(message) })
        expect({ versions: await count("marketing_flow_version"), flows: await count("marketing_flow") }).toEqual(before)
        expect((await api.get(`/admin/marketing/flows/${flow.id}`, admin)).data.flow).toMatchObject({ status: "draft", version_count: 0, active_version_id: null })
      }
    })
  },
})
