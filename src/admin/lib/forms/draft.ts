import { CUSTOM_FIELD_PATTERN, FORM_HIDDEN_FIELDS } from "../../../modules/marketing/forms/types"
import type { FormBody, FormBranding, FormKind, FormPosition, FormVariant, MarketingForm } from "./types"

/** Where each kind of form may sit; the first is its default. */
export const POSITIONS: Record<FormKind, FormPosition[]> = {
  popup: ["center"],
  flyout: ["bottom_right", "bottom_left"],
  banner: ["top", "bottom"],
  embedded: ["center"],
}

export const KIND_LABELS: Record<FormKind, string> = {
  popup: "Pop-up",
  flyout: "Flyout",
  banner: "Banner",
  embedded: "Embedded",
}

export const POSITION_LABELS: Record<FormPosition, string> = {
  center: "Center",
  bottom_right: "Bottom right",
  bottom_left: "Bottom left",
  top: "Top",
  bottom: "Bottom",
}

/** The fields a form may ask for (custom fields come as `custom.<key>`). */
export const STANDARD_FIELDS: { name: string; label: string }[] = [
  { name: "email", label: "Email" },
  { name: "first_name", label: "First name" },
  { name: "phone", label: "Phone" },
  { name: "birth_date", label: "Birth date" },
  { name: "country_code", label: "Country" },
]

export const HIDDEN_FIELDS = FORM_HIDDEN_FIELDS

export const DEFAULT_BRANDING: FormBranding = {
  background: "#ffffff",
  text_color: "#111111",
  accent_color: "#111111",
  font_family: "",
  border_radius: 8,
}

export const newVariant = (id: "a" | "b", weight: number, from?: FormVariant): FormVariant => ({
  id,
  weight,
  content: from
    ? { ...from.content }
    : {
        title: "Get 10% off your first order",
        text: "Join our newsletter for new arrivals and offers.",
        button: "Subscribe",
        success_message: "Thanks! Check your inbox.",
        redirect_url: null,
      },
  branding: from ? { ...from.branding } : { ...DEFAULT_BRANDING },
})

/** A new form: a centered pop-up asking for an email after five seconds. */
export const newForm = (): FormBody => ({
  name: "",
  status: "draft",
  kind: "popup",
  position: "center",
  fields: [{ name: "email", label: "Email", required: true, placeholder: "you@example.com" }],
  consent: { required: true, text: "I want to receive emails about news and offers.", topics: [] },
  hidden_fields: ["utm_source", "utm_medium", "utm_campaign", "page"],
  variants: [newVariant("a", 100)],
  incentive: null,
  targeting: {
    include_pages: [],
    exclude_pages: ["/checkout*", "/cart"],
    visitors: "all",
    devices: [],
    countries: [],
    segment_ids: [],
    exclude_segment_ids: [],
  },
  triggers: { delay_seconds: 5, scroll_percent: null, exit_intent: false, page_count: null },
  frequency: { days_after_close: 7 },
})

/** What the editor edits: the form without its id, dates and stats. */
export const formToDraft = (form?: MarketingForm): FormBody => {
  if (!form) return newForm()
  const { id: _id, created_at: _c, updated_at: _u, stats: _s, ...body } = form
  return JSON.parse(JSON.stringify(body)) as FormBody
}

export const isDraftDirty = (a: FormBody, b: FormBody) => JSON.stringify(a) !== JSON.stringify(b)

/** A kind change keeps the position when it still fits, else takes the kind's default. */
export const withKind = (draft: FormBody, kind: FormKind): FormBody => ({
  ...draft,
  kind,
  position: POSITIONS[kind].includes(draft.position) ? draft.position : POSITIONS[kind][0],
})

/** Adds variant B (a copy of A, half the visitors each) or removes it (A gets everyone). */
export const withAbTest = (draft: FormBody, on: boolean): FormBody => {
  const a = draft.variants[0]
  return {
    ...draft,
    variants: on ? [{ ...a, weight: 50 }, newVariant("b", 50, a)] : [{ ...a, weight: 100 }],
  }
}

/** Sets variant A's share of visitors; B gets the rest. */
export const withSplit = (draft: FormBody, weightA: number): FormBody => {
  const a = Math.max(0, Math.min(100, Math.round(weightA)))
  return {
    ...draft,
    variants: draft.variants.map((v, i) => ({ ...v, weight: i === 0 ? a : 100 - a })),
  }
}

/** One pattern per line, blank lines dropped. */
export const linesToList = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)

/** Problems the editor can see before saving, by the API's field path. */
export const draftProblems = (draft: FormBody): { field: string; message: string }[] => {
  const out: { field: string; message: string }[] = []
  if (!draft.name.trim()) out.push({ field: "name", message: "Give the form a name." })
  if (!draft.fields.some((f) => f.name === "email")) out.push({ field: "fields", message: "A form always asks for the email." })
  const keys = new Set<string>()
  draft.fields.forEach((f, i) => {
    if (keys.has(f.name)) out.push({ field: `fields[${i}].name`, message: `"${f.name}" is asked twice.` })
    keys.add(f.name)
    if (f.name.startsWith("custom.") && !CUSTOM_FIELD_PATTERN.test(f.name)) {
      out.push({ field: `fields[${i}].name`, message: "A custom field's key starts with a letter: lower-case letters, digits and _." })
    }
  })
  const total = draft.variants.reduce((sum, v) => sum + v.weight, 0)
  if (total !== 100) out.push({ field: "variants", message: "The variants' shares add up to 100%." })
  draft.variants.forEach((v, i) => {
    if (!v.content.title.trim()) out.push({ field: `variants[${i}].content.title`, message: "Write a title." })
    if (!v.content.button.trim()) out.push({ field: `variants[${i}].content.button`, message: "Write the button's text." })
  })
  return out
}

/** The submit rate as the list shows it: "12.5%", or "–" before any view. */
export const formatRate = (rate: number | null | undefined) =>
  rate == null || !Number.isFinite(rate) ? "–" : `${(Math.round(rate * 1000) / 10).toLocaleString("en-US")}%`
