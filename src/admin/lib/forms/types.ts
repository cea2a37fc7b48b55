/**
 * Signup forms and pop-ups as the admin API answers them
 * (`GET /admin/marketing/forms/:id` → `{ form }`).
 */
export type FormStatus = "draft" | "active" | "paused"
export type FormKind = "popup" | "flyout" | "banner" | "embedded"
export type FormPosition = "center" | "bottom_right" | "bottom_left" | "top" | "bottom"
export type FormDevice = "desktop" | "mobile" | "tablet"
export type FormHiddenField = "utm_source" | "utm_medium" | "utm_campaign" | "utm_term" | "utm_content" | "page"

export type FormField = {
  /** `email`, `first_name`, `phone`, `birth_date`, `country_code` or `custom.<key>`. */
  name: string
  label: string
  required: boolean
  placeholder?: string | null
}

export type FormVariantContent = {
  title: string
  text: string
  button: string
  success_message: string
  redirect_url: string | null
}

export type FormBranding = {
  background: string
  text_color: string
  accent_color: string
  font_family: string
  border_radius: number
}

export type FormVariant = {
  id: "a" | "b"
  weight: number
  content: FormVariantContent
  branding: FormBranding
}

export type FormTargeting = {
  include_pages: string[]
  exclude_pages: string[]
  visitors: "all" | "new" | "returning"
  devices: FormDevice[]
  countries: string[]
  segment_ids: string[]
  exclude_segment_ids: string[]
}

export type FormTriggers = {
  delay_seconds: number | null
  scroll_percent: number | null
  exit_intent: boolean
  page_count: number | null
}

export type FormVariantStats = { id: string; views: number; submissions: number; submit_rate: number | null }

export type FormStats = {
  days: number
  views: number
  submissions: number
  submit_rate: number | null
  variants: FormVariantStats[]
  winner: null | ({ id: string } & Record<string, unknown>)
}

export type MarketingForm = {
  id: string
  name: string
  status: FormStatus
  kind: FormKind
  position: FormPosition
  fields: FormField[]
  consent: { required: boolean; text: string; topics: string[] }
  hidden_fields: FormHiddenField[]
  variants: FormVariant[]
  incentive: null | { discount: Record<string, unknown>; delivery: "show" | "email" }
  targeting: FormTargeting
  triggers: FormTriggers
  frequency: { days_after_close: number }
  created_at: string
  updated_at: string
  stats?: FormStats
}

export type FormBody = Omit<MarketingForm, "id" | "created_at" | "updated_at" | "stats">

export type FormListParams = { limit?: number; offset?: number; q?: string }
export type FormListResponse = { forms: MarketingForm[]; count: number; limit: number; offset: number }
export type FormResponse = { form: MarketingForm }
export type FormDeleteResponse = { id: string; object: "marketing_form"; deleted: true }

export type FormSubmission = {
  id: string
  form_id: string
  variant: string
  contact_id: string | null
  email: string
  values: Record<string, unknown>
  consent_given: boolean
  consent_topics: string[]
  consent_text: string | null
  hidden: Record<string, string>
  page_url: string | null
  created_at: string
}

export type FormSubmissionListParams = { limit?: number; offset?: number }
export type FormSubmissionListResponse = {
  submissions: FormSubmission[]
  count: number
  limit: number
  offset: number
}
