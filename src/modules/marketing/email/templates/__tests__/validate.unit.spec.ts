import { renderTemplate, TemplateValidationError, validateTemplate } from ".."

const errorsOf = async (template: Parameters<typeof validateTemplate>[0]) => {
  const result = await validateTemplate(template)
  return result.ok ? [] : result.errors
}

describe("validateTemplate", () => {
  it("accepts a good template", async () => {
    expect(await validateTemplate({ subject: "Hi {{contact.first_name}}", html: "<p>{{> button url=store.url label=\"Go\"}}</p>", text: "Hi" })).toEqual({ ok: true })
  })

  it("reports a subject syntax error with line and column", async () => {
    const errors = await errorsOf({ subject: "Hi {{contact.first_name}", html: "<p>x</p>" })
    expect(errors).toEqual([{ field: "subject", line: 1, column: 24, message: expect.stringContaining("unexpected") }])
  })

  it("reports an unclosed block in the html at its line", async () => {
    const errors = await errorsOf({ subject: "s", html: "<p>\n  hello\n  {{#if contact.first_name}}\n  x\n</p>" })
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ field: "html", line: 5 })
    expect(errors[0].message).toMatch(/end of the template/)
  })

  it("reports mismatched blocks with the Handlebars position", async () => {
    const errors = await errorsOf({ subject: "s", html: "a\n\n  {{#each products}}{{/if}}" })
    expect(errors).toEqual([{ field: "html", line: 3, column: expect.any(Number), message: "each doesn't match if" }])
  })

  it("reports an unknown helper in the text with line and column", async () => {
    const errors = await errorsOf({ subject: "s", html: "<p>x</p>", text: "Hello\n  {{shout contact.first_name}}\n" })
    expect(errors).toEqual([{ field: "text", line: 2, column: 3, message: 'Unknown helper "shout"' }])
  })

  it("rejects unknown helpers in sub-expressions and block helpers, and method calls on data", async () => {
    const errors = await errorsOf({ subject: "{{default (nope 1) \"x\"}}", html: "{{#repeat 3}}x{{/repeat}}", text: "{{contact.email.split \"@\"}}" })
    expect(errors.map((e) => [e.field, e.message])).toEqual([
      ["subject", 'Unknown helper "nope"'],
      ["text", 'Unknown helper "contact.email.split"'],
      ["html", 'Unknown helper "repeat"'],
    ])
  })

  it("rejects missing and dynamic partials and decorators", async () => {
    const errors = await errorsOf({ subject: "s", html: "{{> nope}}\n{{> (lookup data \"p\")}}\n{{* inline}}" })
    expect(errors.map((e) => [e.line, e.message.split(" (")[0]])).toEqual([
      [1, 'Unknown partial "nope"'],
      [2, "Dynamic partials are not allowed"],
      [3, "Decorators are not allowed"],
    ])
  })

  it("treats an unknown name without arguments as a variable (renders empty)", async () => {
    expect(await validateTemplate({ subject: "{{nothing_here}}", html: "{{#section}}x{{/section}}" })).toEqual({ ok: true })
  })

  it("requires a subject and exactly one body", async () => {
    expect(await errorsOf({ subject: " ", html: "x" })).toEqual([{ field: "subject", line: null, column: null, message: "The subject is required" }])
    expect((await errorsOf({ subject: "s" }))[0].message).toMatch(/exactly one body/)
    expect((await errorsOf({ subject: "s", html: "x", mjml: "<mj-section></mj-section>" }))[0].message).toMatch(/exactly one body/)
  })

  it("requires the unsubscribe link in a marketing email without the layout", async () => {
    const errors = await errorsOf({ subject: "s", html: "<html><body>x</body></html>" })
    expect(errors[0].message).toMatch(/unsubscribe_url/)
    expect(await validateTemplate({ subject: "s", html: "<html><body>x</body></html>", layout: "internal" })).toEqual({ ok: true })
    expect(await validateTemplate({ subject: "s", html: '<a href="{{unsubscribe_url}}">u</a>', layout: "none" })).toEqual({ ok: true })
  })

  describe("MJML", () => {
    it("reports MJML errors at the body's own line numbers", async () => {
      const mjml = ["<mj-section>", "  <mj-column>", "    <mj-foo>x</mj-foo>", "  </mj-column>", "</mj-section>"].join("\n")
      const errors = await errorsOf({ subject: "s", mjml })
      expect(errors).toEqual([{ field: "mjml", line: 3, column: null, message: expect.stringContaining("mj-foo") }])
    })

    it("reports misplaced MJML elements in full documents too", async () => {
      const mjml = "<mjml>\n<mj-body>\n<mj-text>x {{unsubscribe_url}}</mj-text>\n</mj-body>\n</mjml>"
      const errors = await errorsOf({ subject: "s", mjml })
      expect(errors).toEqual([{ field: "mjml", line: 3, column: null, message: expect.stringContaining("mj-text cannot be used inside mj-body") }])
    })

    it("reports Handlebars errors in MJML with line and column", async () => {
      const mjml = "<mj-section>\n<mj-column>\n<mj-text>{{#if x}}</mj-text>\n</mj-column>\n</mj-section>\n"
      const errors = await errorsOf({ subject: "s", mjml })
      expect(errors).toEqual([{ field: "mjml", line: 6, column: 1, message: expect.stringContaining("end of the template") }])
    })

    it("rejects expressions MJML would drop", async () => {
      const mjml = "{{#if cart}}\n<mj-section><mj-column><mj-text>x</mj-text></mj-column></mj-section>\n{{/if}}"
      const errors = await errorsOf({ subject: "s", mjml })
      expect(errors.map((e) => [e.line, e.column])).toEqual([
        [1, 1],
        [3, 1],
      ])
      expect(errors[0].message).toMatch(/MJML drops \{\{#if cart\}\}/)
    })

    it("accepts Handlebars in attributes, mj-text and mj-raw", async () => {
      const mjml = '<mj-section background-color="{{store.primary_color}}"><mj-column><mj-text>{{#each products}}<b>{{title}}</b>{{/each}}</mj-text><mj-raw>{{> cart_items cart.items}}</mj-raw><mj-button href="{{cart.recovery_url}}">Go</mj-button></mj-column></mj-section>'
      expect(await validateTemplate({ subject: "s", mjml })).toEqual({ ok: true })
    })
  })

  it("renderTemplate refuses an invalid template with the same errors", async () => {
    const template = { subject: "s", html: "{{#if x}}" }
    await expect(renderTemplate(template, {})).rejects.toBeInstanceOf(TemplateValidationError)
    await expect(renderTemplate(template, {})).rejects.toMatchObject({ errors: [{ field: "html", line: 1 }] })
  })
})
