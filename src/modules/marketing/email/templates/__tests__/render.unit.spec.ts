import Handlebars from "handlebars"
import {
  clearTemplateCache,
  compileMjml,
  compileTemplate,
  LAYOUTS,
  renderPreview,
  renderTemplate,
  RUNTIME_OPTIONS,
  SAMPLE_CONTEXT,
  STARTER_TEMPLATES,
  TEMPLATE_VARIABLES,
  templateCacheStats,
  validateTemplate,
} from ".."

const ctx = (data: Record<string, unknown>) => ({ ...SAMPLE_CONTEXT, data })

describe("escaping", () => {
  it("escapes {{x}} in HTML, not in the subject and text; {{{x}}} is raw", async () => {
    const out = await renderTemplate(
      { subject: "{{data.x}}", html: "<p>{{data.x}}</p><p>{{{data.raw}}}</p><a title=\"{{data.q}}\">q</a>", text: "{{data.x}}", layout: "internal" },
      ctx({ x: "Tom & <b>Jerry</b>", raw: "<i>ok</i>", q: '" onmouseover="alert(1)' })
    )
    expect(out.html).toContain("<p>Tom &amp; &lt;b&gt;Jerry&lt;/b&gt;</p><p><i>ok</i></p>")
    expect(out.html).toContain('title="&quot; onmouseover&#x3D;&quot;alert(1)"')
    expect(out.subject).toBe("Tom & <b>Jerry</b>")
    expect(out.text.startsWith("Tom & <b>Jerry</b>\n")).toBe(true)
  })

  it("keeps the subject on one line", async () => {
    const out = await renderTemplate({ subject: "{{data.s}}", html: "x" }, ctx({ s: "a\r\nBcc: evil@example.com" }))
    expect(out.subject).toBe("a Bcc: evil@example.com")
  })

  it("renders missing variables as empty strings", async () => {
    const out = await renderTemplate({ subject: "[{{contact.nickname}}][{{data.a.b.c}}]", html: "x" }, { store: SAMPLE_CONTEXT.store })
    expect(out.subject).toBe("[][]")
  })
})

describe("no prototype access", () => {
  const attacks = [
    "{{constructor}}",
    "{{constructor.constructor}}",
    "{{__proto__}}",
    "{{__proto__.constructor.name}}",
    "{{lookup this \"constructor\"}}",
    "{{lookup (lookup this \"constructor\") \"constructor\"}}",
    "{{#with \"x\"}}{{constructor.name}}{{/with}}",
    "{{store.name.constructor}}",
    "{{data.toString}}",
    "{{@root.constructor.name}}",
    "{{#with products}}{{this.pop}}{{/with}}",
    "{{#each products}}{{this.constructor.name}}{{/each}}",
    "{{#with (lookup store \"__proto__\")}}{{hasOwnProperty}}{{/with}}",
  ]
  it.each(attacks)("%s passes validation, renders nothing, runs nothing", async (attack) => {
    for (const field of ["subject", "html", "text"] as const) {
      const template = { subject: "s", html: "x", text: "t", layout: "internal" as const, [field]: `[${attack}]` }
      const context = { ...SAMPLE_CONTEXT, products: [...(SAMPLE_CONTEXT.products ?? [])] }
      const out = await renderTemplate(template, context)
      expect(/\[([\s\S]*?)\]/.exec(out[field])![1].trim()).toBe("")
      expect(context.products).toHaveLength(3)
    }
  })

  it("does not follow an own __proto__ key or call functions in the context", async () => {
    let called = false
    const data = JSON.parse('{"__proto__": {"polluted": "yes"}}')
    data.fn = () => {
      called = true
      return "ran"
    }
    const out = await renderTemplate({ subject: "[{{data.polluted}}][{{data.fn}}][{{data.__proto__.polluted}}]", html: "x" }, ctx(data))
    expect(out.subject).toBe("[][][]")
    expect(called).toBe(false)
    expect(({} as any).polluted).toBeUndefined()
  })

  it("rejects the classic Handlebars RCE payload at validation, and the runtime options defeat it anyway", async () => {
    const payload = `{{#with "s" as |string|}}{{#with "e"}}{{#with split as |conslist|}}{{this.pop}}{{this.push (lookup string.sub "constructor")}}{{this.pop}}{{#with string.split as |codelist|}}{{this.pop}}{{this.push "return globalThis.__pwned = 1;"}}{{this.pop}}{{#each conslist}}{{#with (string.sub.apply 0 codelist)}}{{this}}{{/with}}{{/each}}{{/with}}{{/with}}{{/with}}{{/with}}`
    const result = await validateTemplate({ subject: "s", html: payload })
    expect(result.ok).toBe(false)
    // Even unvalidated, in an isolated environment with our runtime options, it cannot run code
    const env = Handlebars.create()
    let output = ""
    try {
      output = env.compile(payload)({}, RUNTIME_OPTIONS)
    } catch {
      // a throw is as good as nothing
    }
    expect(output.trim()).toBe("")
    expect((globalThis as any).__pwned).toBeUndefined()
  })
})

describe("layouts", () => {
  it("wraps an HTML fragment in the HTML layout with branding and the footer links", async () => {
    const out = await renderTemplate({ subject: "s", html: "<p>Body {{contact.first_name}}</p>" }, SAMPLE_CONTEXT)
    expect(out.html).toMatch(/^<!doctype html>/)
    expect(out.html).toContain("<p>Body Ada</p>")
    expect(out.html).toContain('src="https://shop.example.com/logo.png"')
    expect(out.html).toContain('href="https://shop.example.com/marketing/unsubscribe?t&#x3D;sample" data-link="unsubscribe"')
    expect(out.html).toContain('data-link="preferences"')
    expect(out.html).toContain("1 Market Street")
    expect(out.html).toContain("border-bottom:3px solid #4f46e5")
    // no text body: derived from the HTML, footer links included
    expect(out.text).toContain("Body Ada")
    expect(out.text).toContain("Unsubscribe (https://shop.example.com/marketing/unsubscribe?t=sample)")
    expect(out.text).not.toMatch(/<|&amp;/)
  })

  it("wraps an MJML fragment in the MJML layout; the internal layout has no unsubscribe link", async () => {
    const mjml = "<mj-section><mj-column><mj-text>Hi {{contact.first_name}}</mj-text></mj-column></mj-section>"
    const marketing = await renderTemplate({ subject: "s", mjml }, SAMPLE_CONTEXT)
    expect(marketing.html).toContain("Hi Ada")
    expect(marketing.html).toContain('data-link="unsubscribe"')
    const internal = await renderTemplate({ subject: "s", mjml, layout: "internal" }, SAMPLE_CONTEXT)
    expect(internal.html).toContain("Hi Ada")
    expect(internal.html).not.toContain("unsubscribe")
    expect(LAYOUTS.marketing.mjml).toContain("{{{body}}}")
  })

  it("falls back to a safe brand colour and the store name when there is no logo", async () => {
    const store = { ...SAMPLE_CONTEXT.store, logo_url: null, primary_color: "red;background:url(x)" }
    const out = await renderTemplate({ subject: "s", html: "x" }, { ...SAMPLE_CONTEXT, store })
    expect(out.html).not.toContain("url(x)")
    expect(out.html).toContain(">Acme Outfitters</a>")
  })
})

describe("caching", () => {
  it("compiles MJML and Handlebars once per source; a second render compiles nothing", async () => {
    clearTemplateCache()
    const template = { ...STARTER_TEMPLATES.find((t) => t.key === "cart_abandonment")! }
    let t = performance.now()
    await renderTemplate(template, SAMPLE_CONTEXT)
    const first = performance.now() - t
    const afterFirst = templateCacheStats()
    expect(afterFirst).toMatchObject({ mjmlCompiles: 1, handlebarsCompiles: 3, templateCompiles: 1 })

    t = performance.now()
    const again = await renderTemplate({ ...template }, { ...SAMPLE_CONTEXT, contact: { first_name: "Grace" } })
    const second = performance.now() - t
    expect(again.subject).toContain("Grace")
    expect(templateCacheStats()).toMatchObject({ mjmlCompiles: 1, handlebarsCompiles: 3, templateCompiles: 1, templateCacheHits: 1 })

    // A new subject recompiles the subject only: the MJML body stays cached
    await renderTemplate({ ...template, subject: "Other {{store.name}}" }, SAMPLE_CONTEXT)
    expect(templateCacheStats()).toMatchObject({ mjmlCompiles: 1, handlebarsCompiles: 4, templateCompiles: 2 })

    // Evaluating the mjml package: cost of one compile vs a cached lookup
    const source = LAYOUTS.marketing.mjml.replace("{{{body}}}", template.mjml! + "<!-- fresh -->")
    t = performance.now()
    await compileMjml(source)
    const mjmlFirst = performance.now() - t
    t = performance.now()
    await compileMjml(source)
    const mjmlCached = performance.now() - t
    t = performance.now()
    for (let i = 0; i < 1000; i++) (await compileTemplate(template)).render(SAMPLE_CONTEXT)
    const perRender = (performance.now() - t) / 1000
    // eslint-disable-next-line no-console
    console.log(
      `MJML: first render ${first.toFixed(1)} ms (validate + MJML + Handlebars), cached render ${second.toFixed(2)} ms; ` +
        `mjml2html of a starter ${mjmlFirst.toFixed(1)} ms, cached ${mjmlCached.toFixed(3)} ms; steady-state render ${perRender.toFixed(3)} ms`
    )
    expect(mjmlCached).toBeLessThan(mjmlFirst)
  })
})

describe("starter templates", () => {
  it("has the core starters, then the flow recipes' ones, with unique keys", () => {
    expect(STARTER_TEMPLATES.map((t) => t.key)).toEqual([
      "welcome",
      "browse_abandonment",
      "cart_abandonment",
      "post_purchase",
      "win_back",
      "vip",
      "birthday",
      "sales_ready",
      "welcome_2",
      "welcome_3",
      "cart_abandonment_2",
      "cart_abandonment_3",
      "lead_education_1",
      "lead_education_2",
      "lead_education_3",
      "cross_sell",
      "replenishment",
    ])
  })

  it.each(STARTER_TEMPLATES.map((t) => [t.key, t] as const))("%s validates and renders cleanly with SAMPLE_CONTEXT", async (_key, template) => {
    expect(await validateTemplate(template)).toEqual({ ok: true })
    const out = await renderTemplate(template, SAMPLE_CONTEXT)
    for (const part of [out.subject, out.html, out.text]) {
      expect(part).not.toMatch(/\{\{|\}\}/)
      expect(part).not.toMatch(/undefined|null|NaN|\[object Object\]/)
    }
    expect(out.subject.length).toBeGreaterThan(5)
    expect(out.html).toContain("</html>")
    // No markup between a column's table rows (where clients would move it out of order).
    expect(out.html).not.toMatch(/<\/tr>\s*<div/)
    if (template.layout === "internal") {
      expect(out.html).not.toContain(SAMPLE_CONTEXT.unsubscribe_url)
      expect(out.text).not.toContain(SAMPLE_CONTEXT.unsubscribe_url)
    } else {
      expect(out.html).toContain('href="https://shop.example.com/marketing/unsubscribe?t&#x3D;sample" data-link="unsubscribe"')
      expect(out.html).toContain('data-link="preferences"')
      expect(out.text).toContain(`Unsubscribe: ${SAMPLE_CONTEXT.unsubscribe_url}`)
      expect(out.text).toContain(`Email preferences: ${SAMPLE_CONTEXT.preferences_url}`)
    }
  })

  it("shows the cart's items, total and recovery link; the order's date in the contact's zone; the coupon; the admin link", async () => {
    const render = async (key: string) => renderTemplate(STARTER_TEMPLATES.find((t) => t.key === key)!, SAMPLE_CONTEXT)
    const cart = await render("cart_abandonment")
    expect(cart.html).toContain("Trail Running Shoe")
    expect(cart.html).toContain("Merino Socks")
    expect(cart.html).toContain("€158.90")
    expect(cart.html).toContain('href="https://shop.example.com/cart/recover/cart_01SAMPLE?token&#x3D;sample"')
    const order = await render("post_purchase")
    expect(order.text).toContain("#1042 of 14 March 2025") // 23:30 UTC is still the 14th in London (GMT)
    expect(order.html).toContain("Packable Daypack")
    expect((await render("win_back")).html).toContain("COMEBACK15")
    const sales = await render("sales_ready")
    expect(sales.subject).toBe("Sales-ready lead: Ada Lovelace (score 87)")
    expect(sales.html).toContain('href="https://admin.example.com/app/marketing/contacts/mcon_01SAMPLE"')
    expect(sales.text).toContain("Stage: sales_ready")
  })

  it("shows the flow's discount code and its expiry in the contact's zone, else the code passed in data", async () => {
    const find = (key: string) => STARTER_TEMPLATES.find((t) => t.key === key)!
    const context = { ...SAMPLE_CONTEXT, discount: { code: "CART-7Q2K", expires_at: "2025-06-30T22:30:00.000Z" } }
    for (const key of ["cart_abandonment_3", "win_back", "vip", "birthday"]) {
      const out = await renderTemplate(find(key), context)
      expect([key, out.html.includes("CART-7Q2K"), out.text.includes("CART-7Q2K")]).toEqual([key, true, true])
      expect(out.html).not.toContain("COMEBACK15")
    }
    // 22:30 UTC on 30 June is 1 July in Paris.
    const paris = { ...context, contact: { ...context.contact, timezone: "Europe/Paris" } }
    const cart = await renderTemplate(find("cart_abandonment_3"), paris)
    expect(cart.text).toContain("Valid until 1 July 2025.")
    expect(cart.html).toContain("Trail Running Shoe")
    expect((await renderTemplate(find("birthday"), paris)).text).toContain("use CART-7Q2K at checkout. Valid until 1 July 2025.")

    const passed = { ...SAMPLE_CONTEXT, discount: null }
    expect((await renderTemplate(find("birthday"), passed)).text).toContain("use COMEBACK15 at checkout.")
    const none = await renderTemplate(find("cart_abandonment_3"), { ...SAMPLE_CONTEXT, discount: null, data: {} })
    expect(none.text).not.toContain("Your code")
    expect(none.text).not.toContain("Valid until")
  })

  it("degrades gracefully with an empty context", async () => {
    for (const template of STARTER_TEMPLATES) {
      const out = await renderTemplate(template, { store: SAMPLE_CONTEXT.store })
      expect(out.subject).not.toMatch(/undefined|null/)
      expect(out.html).not.toMatch(/undefined|NaN/)
    }
  })
})

describe("variables and preview", () => {
  it("every documented variable has an example in SAMPLE_CONTEXT", () => {
    for (const variable of TEMPLATE_VARIABLES) expect(variable.example).not.toBeUndefined()
  })

  it("renderPreview merges the sample context and returns errors instead of throwing", async () => {
    const ok = await renderPreview({ subject: "{{contact.first_name}} {{store.name}}", html: "x" }, { contact: { first_name: "Grace" } })
    expect(ok).toMatchObject({ ok: true, subject: "Grace Acme Outfitters" })
    const bad = await renderPreview({ subject: "{{#if}}", html: "x" })
    expect(bad).toMatchObject({ ok: false, errors: [{ field: "subject", line: 1 }] })
  })
})
