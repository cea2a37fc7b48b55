/** Email templates, starters and previews. */
import type { PageInfo } from "../common/types"
import type { Message } from "../messages/types"

export type TemplateLayout = "marketing" | "internal" | "none"

/** The body is HTML or MJML; exactly one of `html` and `mjml` is set. */
export type TemplateBodyFormat = "html" | "mjml"

export interface EmailTemplate {
  id: string
  name: string
  description: string | null
  /** One line, Handlebars. */
  subject: string
  html: string | null
  mjml: string | null
  /** Plain-text body; derived from the HTML when empty. */
  text: string | null
  layout: TemplateLayout
  /** The starter this template was installed from. */
  starter_key: string | null
  metadata: Record<string, unknown> | null
  created_at: string
  updated_at: string
}

/** A documented render variable, for the editor's picker. */
export interface TemplateVariable {
  /** e.g. `contact.first_name`. */
  path: string
  description: string
  /** Its value in the sample context. */
  example: unknown
}

export interface StarterTemplate {
  key: string
  name: string
  description: string
  /** Set when the server says whether it is installed already. */
  installed?: boolean
}

/** The editable fields, as sent to create, update and preview. */
export interface TemplateFields {
  name: string
  description?: string | null
  subject: string
  html?: string | null
  mjml?: string | null
  text?: string | null
  layout?: TemplateLayout
}

export interface TemplateListParams {
  limit?: number
  offset?: number
  /** Name contains, case-insensitive. */
  q?: string
}

export type CreateTemplateBody = TemplateFields

export type UpdateTemplateBody = Partial<TemplateFields>

export interface TemplatePreviewInput {
  /** Render for this contact instead of the sample one. */
  contact_id?: string
  data?: Record<string, unknown>
}

export interface TemplatePreviewBody extends TemplatePreviewInput {
  /** The unsaved fields (the name is optional). */
  template: Partial<TemplateFields> & { subject: string }
}

export interface TestSendBody {
  to: string
  contact_id?: string
  data?: Record<string, unknown>
}

export interface TemplateListResponse extends PageInfo {
  templates: EmailTemplate[]
}

export interface TemplateResponse {
  template: EmailTemplate
}

export interface TemplateDeleteResponse {
  id: string
  object: "template"
  deleted: true
}

export interface TemplatePreviewResponse {
  subject: string
  html: string
  text: string
}

export interface TemplateVariablesResponse {
  variables: TemplateVariable[]
  helpers: string[]
  partials: string[]
}

export interface StarterTemplateListResponse {
  starters: StarterTemplate[]
}

export interface InstallStartersResponse {
  /** The templates installed now (starters already installed are skipped). */
  templates: EmailTemplate[]
}

/** The outcome of a test send: the message row it created. */
export interface TestSendResponse {
  message: Pick<Message, "id" | "status" | "email" | "subject" | "error" | "sent_at">
}
