/**
 * Signup forms and pop-ups as the admin API answers them
 * (`GET /admin/marketing/forms/:id` → `{ form }`). The form's own shape comes
 * from the module's Medusa-free types, as the routes validate it.
 */
import type {
  FormDefinition,
  FormDiscount,
  FormField,
  FormHiddenField,
  FormKind,
  FormPosition,
  FormStatus,
  FormTargeting,
  FormVariant,
} from "../../../modules/marketing/forms/types"

export type { FormDiscount, FormField, FormHiddenField, FormKind, FormPosition, FormStatus, FormTargeting, FormVariant }
export type FormDevice = FormTargeting["devices"][number]
export type FormTriggers = FormDefinition["triggers"]
export type FormBranding = FormVariant["branding"]

export type FormVariantStats = { id: string; views: number; submissions: number; submit_rate: number | null }

export type FormStats = {
  days: number
  views: number
  submissions: number
  submit_rate: number | null
  variants: FormVariantStats[]
  winner: null | ({ id: string } & Record<string, unknown>)
}

export type MarketingForm = FormDefinition & {
  id: string
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
