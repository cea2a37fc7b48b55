/**
 * Signup forms and pop-ups: the form's shape, shared by the models, the admin
 * and store routes, the tracker's config and the admin pages. No Medusa import.
 */

export const FORM_STATUSES = ["draft", "active", "paused"] as const
export type FormStatus = (typeof FORM_STATUSES)[number]

export const FORM_KINDS = ["popup", "flyout", "banner", "embedded"] as const
export type FormKind = (typeof FORM_KINDS)[number]

export const FORM_POSITIONS = ["center", "bottom_right", "bottom_left", "top", "bottom"] as const
export type FormPosition = (typeof FORM_POSITIONS)[number]

/** The positions each kind may take (an embedded form fills its placeholder: any position is ignored). */
export const POSITIONS_BY_KIND: Record<FormKind, readonly FormPosition[]> = {
  popup: ["center"],
  flyout: ["bottom_right", "bottom_left"],
  banner: ["top", "bottom"],
  embedded: FORM_POSITIONS,
}

/** Contact fields a form may ask for; `custom.<key>` lands in the contact's `metadata[<key>]`. */
export const FORM_CONTACT_FIELDS = ["email", "first_name", "phone", "birth_date", "country_code"] as const
export const CUSTOM_FIELD_PATTERN = /^custom\.[a-z][a-z0-9_]{0,39}$/

export const FORM_HIDDEN_FIELDS = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "page"] as const
export type FormHiddenField = (typeof FORM_HIDDEN_FIELDS)[number]

export const FORM_VARIANT_IDS = ["a", "b"] as const
export type FormVariantId = (typeof FORM_VARIANT_IDS)[number]

export const FORM_VISITORS = ["all", "new", "returning"] as const
export const FORM_DEVICES = ["desktop", "mobile", "tablet"] as const
export const INCENTIVE_DELIVERIES = ["show", "email"] as const

/** What the tracker reports about a shown form. */
export const FORM_VIEW_ACTIONS = ["viewed", "closed"] as const
export type FormViewAction = (typeof FORM_VIEW_ACTIONS)[number]

/** The event a submission stores on the contact, for flows, segments and scoring rules. */
export const FORM_SUBMITTED_EVENT = "form_submitted"

/** The consent source recorded for a form's submission. */
export const FORM_CONSENT_SOURCE = "form"

/** The window of the list's and the A/B test's figures. */
export const FORM_STATS_DAYS = 30

/** Views per variant before the A/B test may name a winner. */
export const FORM_AB_MIN_VIEWS = 100

export type FormField = { name: string; label: string; required: boolean; placeholder?: string | null }

export type FormVariant = {
  id: FormVariantId
  weight: number
  content: { title: string; text: string; button: string; success_message: string; redirect_url: string | null }
  branding: { background: string; text_color: string; accent_color: string; font_family: string; border_radius: number }
}

export type FormDiscount = {
  kind: "percentage" | "fixed"
  value: number
  currency_code?: string
  expires_in_days: number
  min_subtotal?: number
}

export type FormTargeting = {
  include_pages: string[]
  exclude_pages: string[]
  visitors: (typeof FORM_VISITORS)[number]
  devices: (typeof FORM_DEVICES)[number][]
  countries: string[]
  segment_ids: string[]
  exclude_segment_ids: string[]
}

export type FormDefinition = {
  name: string
  status: FormStatus
  kind: FormKind
  position: FormPosition
  fields: FormField[]
  consent: { required: boolean; text: string; topics: string[] }
  hidden_fields: FormHiddenField[]
  variants: FormVariant[]
  incentive: null | { discount: FormDiscount; delivery: (typeof INCENTIVE_DELIVERIES)[number] }
  targeting: FormTargeting
  triggers: { delay_seconds: number | null; scroll_percent: number | null; exit_intent: boolean; page_count: number | null }
  frequency: { days_after_close: number }
}

export type StoredForm = FormDefinition & { id: string; created_at: Date | string; updated_at: Date | string }

/** The form as the storefront gets it: no segment ids, no stats, topics with their labels. */
export type PublicForm = {
  id: string
  kind: FormKind
  position: FormPosition
  fields: FormField[]
  consent: { required: boolean; text: string; topics: { id: string; label: string }[] }
  hidden_fields: FormHiddenField[]
  variants: FormVariant[]
  incentive: null | { delivery: (typeof INCENTIVE_DELIVERIES)[number] }
  targeting: {
    include_pages: string[]
    exclude_pages: string[]
    visitors: FormTargeting["visitors"]
    devices: FormTargeting["devices"]
    countries: string[]
    segments: boolean
    /** Only segment members may see it: a visitor unknown to the server never does. */
    members_only: boolean
  }
  triggers: FormDefinition["triggers"]
  frequency: FormDefinition["frequency"]
}

/** The storefront's view of a form: what the tracker needs to decide and render, nothing private. */
export function toPublicForm(form: StoredForm, topicLabels: Map<string, string>): PublicForm {
  const t = form.targeting
  return {
    id: form.id,
    kind: form.kind,
    position: form.position,
    fields: form.fields,
    consent: {
      required: form.consent.required,
      text: form.consent.text,
      topics: form.consent.topics.map((id) => ({ id, label: topicLabels.get(id) ?? id })),
    },
    hidden_fields: form.hidden_fields,
    variants: form.variants,
    incentive: form.incentive ? { delivery: form.incentive.delivery } : null,
    targeting: {
      include_pages: t.include_pages,
      exclude_pages: t.exclude_pages,
      visitors: t.visitors,
      devices: t.devices,
      countries: t.countries,
      segments: t.segment_ids.length > 0 || t.exclude_segment_ids.length > 0,
      members_only: t.segment_ids.length > 0,
    },
    triggers: form.triggers,
    frequency: form.frequency,
  }
}
