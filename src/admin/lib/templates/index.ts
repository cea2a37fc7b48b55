import type {
  EmailTemplate,
  TemplateBodyFormat,
  TemplateFields,
  TemplateLayout,
} from "./types"

export const TEMPLATE_LAYOUTS: {
  value: TemplateLayout
  label: string
  description: string
}[] = [
  {
    value: "marketing",
    label: "Marketing",
    description:
      "The store's header and a footer with the unsubscribe and preferences links.",
  },
  {
    value: "internal",
    label: "Internal",
    description: "The store's header, no unsubscribe footer: for emails to your team.",
  },
  {
    value: "none",
    label: "None",
    description: "The body as it is, without a frame.",
  },
]

export const getLayoutLabel = (layout: string | null | undefined) =>
  TEMPLATE_LAYOUTS.find((item) => item.value === layout)?.label ?? layout ?? "-"

export const BODY_FORMATS: { value: TemplateBodyFormat; label: string }[] = [
  { value: "html", label: "HTML" },
  { value: "mjml", label: "MJML" },
]

/** The preview widths: desktop fills the panel (at least 600 px), mobile is a phone's. */
export const PREVIEW_WIDTHS = {
  desktop: 600,
  mobile: 375,
} as const

export type PreviewDevice = keyof typeof PREVIEW_WIDTHS

/** The editor's state: every field a string, one body in the chosen format. */
export interface TemplateDraft {
  name: string
  description: string
  subject: string
  layout: TemplateLayout
  format: TemplateBodyFormat
  body: string
  text: string
}

export const EMPTY_TEMPLATE_BODY = `<h1>Hello {{default contact.first_name "there"}},</h1>
<p>Write your message here.</p>
<p><a href="{{store.url}}">Visit {{store.name}}</a></p>
`

export const templateToDraft = (template?: EmailTemplate | null): TemplateDraft => {
  if (!template) {
    return {
      name: "",
      description: "",
      subject: "",
      layout: "marketing",
      format: "html",
      body: EMPTY_TEMPLATE_BODY,
      text: "",
    }
  }
  const isMjml = !template.html && !!template.mjml
  return {
    name: template.name ?? "",
    description: template.description ?? "",
    subject: template.subject ?? "",
    layout: template.layout ?? "marketing",
    format: isMjml ? "mjml" : "html",
    body: (isMjml ? template.mjml : template.html) ?? "",
    text: template.text ?? "",
  }
}

/** What create, update and preview receive: the body in its field, the other one cleared. */
export const draftToFields = (draft: TemplateDraft): TemplateFields => ({
  name: draft.name.trim(),
  description: draft.description.trim() || null,
  subject: draft.subject,
  layout: draft.layout,
  html: draft.format === "html" ? draft.body : null,
  mjml: draft.format === "mjml" ? draft.body : null,
  text: draft.text.trim() ? draft.text : null,
})

export const isDraftDirty = (draft: TemplateDraft, saved: TemplateDraft) =>
  (Object.keys(draft) as (keyof TemplateDraft)[]).some(
    (key) => draft[key] !== saved[key]
  )

/** The editor fields an error can point at. */
export type TemplateErrorTarget = "name" | "subject" | "body" | "text" | "layout"

export interface TemplateFieldError {
  target: TemplateErrorTarget | null
  /** 1-based; null when the error has no position. */
  line: number | null
  column: number | null
  message: string
}

const FIELD_TARGETS: Record<string, TemplateErrorTarget> = {
  name: "name",
  subject: "subject",
  html: "body",
  mjml: "body",
  text: "text",
  layout: "layout",
}

const REQUEST_PREFIX = /^Invalid request:\s*/
// "html: line 3, column 5: message" (line and column may be null)
const POSITIONED = /^(?:template\.)?(\w+): line (\d+|null), column (\d+|null): ([\s\S]*)$/
// "template.subject: must be one line" (a validation error without position)
const PLAIN = /^(?:template\.)?(\w+): ([\s\S]*)$/
// Messages are joined with "; " ahead of the next field name.
const SEPARATOR = /; (?=(?:template\.)?(?:name|description|subject|html|mjml|text|layout)\b)/

const toNumber = (value: string) => (value === "null" ? null : Number(value))

/**
 * Splits a 400's message ("Invalid request: html: line 3, column 5: ...;
 * subject: ...") into one error per field, each with its line and column.
 * Parts naming no known field keep `target: null`.
 */
export const parseTemplateErrors = (
  message: string | null | undefined
): TemplateFieldError[] => {
  if (!message) {
    return []
  }
  const body = message.replace(REQUEST_PREFIX, "").trim()
  return body.split(SEPARATOR).map((part) => {
    const positioned = part.match(POSITIONED)
    if (positioned && FIELD_TARGETS[positioned[1]]) {
      return {
        target: FIELD_TARGETS[positioned[1]],
        line: toNumber(positioned[2]),
        column: toNumber(positioned[3]),
        message: positioned[4].trim(),
      }
    }
    const plain = part.match(PLAIN)
    if (plain && FIELD_TARGETS[plain[1]]) {
      return {
        target: FIELD_TARGETS[plain[1]],
        line: null,
        column: null,
        message: plain[2].trim(),
      }
    }
    return { target: null, line: null, column: null, message: part.trim() }
  })
}

/** "Line 3, column 5: Expecting ..." */
export const formatTemplateError = (error: TemplateFieldError) => {
  const position =
    error.line !== null
      ? `Line ${error.line}${error.column !== null ? `, column ${error.column}` : ""}: `
      : ""
  return `${position}${error.message}`
}

/**
 * Inserts `snippet` in place of `value`'s selection and returns the new value
 * with the caret after the snippet.
 */
export const insertAt = (
  value: string,
  snippet: string,
  start: number | null | undefined,
  end: number | null | undefined
) => {
  const from = Math.max(0, Math.min(start ?? value.length, value.length))
  const to = Math.max(from, Math.min(end ?? from, value.length))
  return {
    value: value.slice(0, from) + snippet + value.slice(to),
    caret: from + snippet.length,
  }
}

/** `{{contact.first_name}}` */
export const variableSnippet = (path: string) => `{{${path}}}`

/** A variable's sample value, short enough for a list. */
export const formatExample = (value: unknown): string | null => {
  if (value === undefined || value === null || value === "") {
    return null
  }
  if (Array.isArray(value)) {
    return `${value.length} item${value.length === 1 ? "" : "s"}`
  }
  if (typeof value === "object") {
    return "{…}"
  }
  const text = String(value)
  return text.length > 48 ? `${text.slice(0, 47)}…` : text
}

/** A loose check, so an obviously wrong address is caught before the request. */
export const looksLikeEmail = (value: string) =>
  /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim())

export const EMPTY_MJML_BODY = `<mj-section>
  <mj-column>
    <mj-text>
      <h1>Hello {{default contact.first_name "there"}},</h1>
      <p>Write your message here.</p>
    </mj-text>
    <mj-button href="{{store.url}}">Visit {{store.name}}</mj-button>
  </mj-column>
</mj-section>
`
