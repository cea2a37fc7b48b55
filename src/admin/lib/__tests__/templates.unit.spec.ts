import {
  draftToFields,
  formatTemplateError,
  insertAt,
  isDraftDirty,
  parseTemplateErrors,
  templateToDraft,
} from "../templates"
import type { EmailTemplate } from "../types"

const template = (over: Partial<EmailTemplate> = {}): EmailTemplate => ({
  id: "mtpl_1",
  name: "Welcome",
  description: null,
  subject: "Hi {{contact.first_name}}",
  html: "<p>Hello</p>",
  mjml: null,
  text: null,
  layout: "marketing",
  starter_key: null,
  metadata: null,
  created_at: "2026-01-01T00:00:00.000Z",
  updated_at: "2026-01-01T00:00:00.000Z",
  ...over,
})

describe("parseTemplateErrors", () => {
  it("reads the field, line and column of each error", () => {
    const errors = parseTemplateErrors(
      "Invalid request: html: line 3, column 5: Parse error: Expecting 'EOF'; subject: line 1, column 2: Unknown helper \"nope\""
    )
    expect(errors).toEqual([
      { target: "body", line: 3, column: 5, message: "Parse error: Expecting 'EOF'" },
      { target: "subject", line: 1, column: 2, message: 'Unknown helper "nope"' },
    ])
    expect(formatTemplateError(errors[0])).toBe("Line 3, column 5: Parse error: Expecting 'EOF'")
  })

  it("keeps multi-line messages and errors without a position", () => {
    const errors = parseTemplateErrors(
      "Invalid request: mjml: line null, column null: Give exactly one body: html or mjml; text: line 2, column null: a\nb"
    )
    expect(errors).toEqual([
      { target: "body", line: null, column: null, message: "Give exactly one body: html or mjml" },
      { target: "text", line: 2, column: null, message: "a\nb" },
    ])
    expect(formatTemplateError(errors[1])).toBe("Line 2: a\nb")
  })

  it("maps validation errors of the preview body and leaves others general", () => {
    expect(parseTemplateErrors("Invalid request: template.subject: must be one line")).toEqual([
      { target: "subject", line: null, column: null, message: "must be one line" },
    ])
    expect(parseTemplateErrors("Something broke")).toEqual([
      { target: null, line: null, column: null, message: "Something broke" },
    ])
    expect(parseTemplateErrors(undefined)).toEqual([])
  })
})

describe("drafts", () => {
  it("round-trips an HTML and an MJML template", () => {
    const html = templateToDraft(template({ text: "Hello" }))
    expect(html).toMatchObject({ format: "html", body: "<p>Hello</p>", text: "Hello" })
    expect(draftToFields(html)).toMatchObject({ html: "<p>Hello</p>", mjml: null, text: "Hello", description: null })

    const mjml = templateToDraft(template({ html: null, mjml: "<mj-section></mj-section>" }))
    expect(mjml.format).toBe("mjml")
    expect(draftToFields({ ...mjml, text: "  " })).toMatchObject({ html: null, mjml: "<mj-section></mj-section>", text: null })
  })

  it("tells when a draft differs from the saved template", () => {
    const saved = templateToDraft(template())
    expect(isDraftDirty({ ...saved }, saved)).toBe(false)
    expect(isDraftDirty({ ...saved, subject: "Other" }, saved)).toBe(true)
  })
})

describe("insertAt", () => {
  it("replaces the selection and puts the caret after the snippet", () => {
    expect(insertAt("Hi !", "{{name}}", 3, 3)).toEqual({ value: "Hi {{name}}!", caret: 11 })
    expect(insertAt("Hi XX!", "{{a}}", 3, 5)).toEqual({ value: "Hi {{a}}!", caret: 8 })
    expect(insertAt("Hi", "{{a}}", null, null)).toEqual({ value: "Hi{{a}}", caret: 7 })
  })
})
