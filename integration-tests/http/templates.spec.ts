import { marketingTestRunner } from "../runner"
import { TEST_APP_DIR, createAdminHeaders, sql } from "../helpers"

jest.setTimeout(180000)

marketingTestRunner({
  cwd: TEST_APP_DIR,
  testSuite: ({ api, getContainer }) => {
    let admin: { headers: Record<string, string> }
    beforeAll(async () => {
      admin = await createAdminHeaders(getContainer())
    })
    const fail = async (p: Promise<any>) => {
      const res = await p.catch((e: any) => e.response)
      expect(res.status).toBe(400)
      return res.data.message as string
    }
    const count = async () => (await sql(getContainer(), `SELECT count(*)::int AS n FROM marketing_email_template WHERE deleted_at IS NULL`))[0].n

    it("creates, edits, previews and deletes a template", async () => {
      const { template } = (
        await api.post(
          "/admin/marketing/templates",
          { name: "Hello", subject: "Hi {{default contact.first_name \"there\"}}", html: "<p>Total {{money order.total order.currency_code}}</p>" },
          admin
        )
      ).data
      expect(template).toMatchObject({ id: expect.stringMatching(/^mtpl_/), layout: "marketing" })

      const sample = (await api.post(`/admin/marketing/templates/${template.id}/preview`, {}, admin)).data
      expect(sample.subject).toMatch(/^Hi /)
      expect(sample.html).toContain("Total")
      expect(sample.html).toContain("unsubscribe")
      expect(sample.text).toContain("Total")

      const contactId = `mcon_tpl${Date.now()}`
      await sql(getContainer(), `INSERT INTO marketing_contact (id, first_name, first_seen_at, last_seen_at) VALUES (?, 'Grace', now(), now())`, [contactId])
      const forContact = (await api.post(`/admin/marketing/templates/${template.id}/preview`, { contact_id: contactId }, admin)).data
      expect(forContact.subject).toBe("Hi Grace")
      await sql(getContainer(), `UPDATE marketing_contact SET company = 'Acme', industry = 'Retail', job_title = 'Buyer' WHERE id = ?`, [contactId])
      const company = (
        await api.post(
          `/admin/marketing/templates/preview`,
          { template: { subject: "{{contact.first_name}}, {{contact.job_title}} at {{contact.company}}", html: "<p>{{contact.industry}}</p>" }, contact_id: contactId },
          admin
        )
      ).data
      expect(company.subject).toBe("Grace, Buyer at Acme")
      expect(company.html).toContain("<p>Retail</p>")

      const edited = (await api.post(`/admin/marketing/templates/${template.id}`, { subject: "Hello {{contact.first_name}}" }, admin)).data.template
      expect(edited.subject).toBe("Hello {{contact.first_name}}")
      expect((await api.get(`/admin/marketing/templates/${template.id}`, admin)).data.template).toMatchObject({ id: template.id, subject: edited.subject })
      const listed = (await api.get(`/admin/marketing/templates?q=hell&limit=10`, admin)).data
      expect(listed).toMatchObject({ offset: 0, limit: 10 })
      expect(listed.templates.map((t: any) => t.id)).toContain(template.id)

      const unsaved = (await api.post(`/admin/marketing/templates/preview`, { template: { subject: "S", html: "<p>{{data.coupon}}</p>" }, data: { coupon: "WELCOME10" } }, admin)).data
      expect(unsaved.html).toContain("WELCOME10")

      await api.delete(`/admin/marketing/templates/${template.id}`, admin)
      const gone = await api.get(`/admin/marketing/templates/${template.id}`, admin).catch((e: any) => e.response)
      expect(gone.status).toBe(404)
    })

    it("rejects bad templates with the field, line and column, and writes nothing", async () => {
      const before = await count()
      expect(await fail(api.post("/admin/marketing/templates", { name: "Bad", subject: "ok", html: "<p>\n  {{#if contact}}\n</p>" }, admin))).toMatch(/html: line \d+, column \d+/)
      expect(await fail(api.post("/admin/marketing/templates", { name: "Bad", subject: "{{nope_helper x}}", html: "<p>x</p>" }, admin))).toContain("subject: line 1")
      expect(await fail(api.post("/admin/marketing/templates", { name: "Bad", subject: "two\nlines", html: "<p>x</p>" }, admin))).toContain("subject: must be one line")
      expect(await fail(api.post("/admin/marketing/templates", { name: "Bad", subject: "ok" }, admin))).toContain("html: a template needs an HTML or an MJML body")
      expect(await fail(api.post("/admin/marketing/templates", { name: "", subject: "ok", html: "x" }, admin))).toContain("name")
      expect(await count()).toBe(before)

      // Valid syntax, but prototype access renders nothing and runs nothing.
      const probe = (
        await api.post("/admin/marketing/templates/preview", { template: { subject: "x{{constructor.constructor}}y", html: "<p>{{__proto__}}{{lookup this \"constructor\"}}</p>" } }, admin)
      ).data
      expect(probe.subject).toBe("xy")
      expect(probe.html).not.toMatch(/function|native code/)
    })

    it("installs the starter templates once, and they render", async () => {
      const { starters } = (await api.get("/admin/marketing/templates/starters", admin)).data
      expect(starters.map((s: any) => s.key)).toEqual(
        expect.arrayContaining(["welcome", "browse_abandonment", "cart_abandonment", "win_back", "vip", "birthday"])
      )
      const first = (await api.post("/admin/marketing/templates/starters", {}, admin)).data.templates
      expect(first).toHaveLength(starters.length)
      expect((await api.post("/admin/marketing/templates/starters", {}, admin)).data.templates).toHaveLength(0)
      for (const t of first) {
        const r = (await api.post(`/admin/marketing/templates/${t.id}/preview`, {}, admin)).data
        expect([t.starter_key, r.html.includes("{{")]).toEqual([t.starter_key, false])
      }
      const vars = (await api.get("/admin/marketing/templates/variables", admin)).data
      expect(vars.variables.map((v: any) => v.path)).toEqual(expect.arrayContaining(["contact.first_name", "unsubscribe_url"]))
    })
  },
})
