import { z } from "@medusajs/framework/zod"
import {
  FORM_DEVICES,
  FORM_HIDDEN_FIELDS,
  FORM_KINDS,
  FORM_POSITIONS,
  FORM_STATUSES,
  FORM_VARIANT_IDS,
  FORM_VISITORS,
  INCENTIVE_DELIVERIES,
} from "../../../../modules/marketing/forms/types"
import { component, deleted, page, timestamp } from "../../../utils/openapi"

const count = () => z.number().int()
const rate = () => z.number().nullable().meta({ description: "Submissions per view, 0 to 1; null without views." })

export const FormFieldDoc = z
  .object({ name: z.string(), label: z.string(), required: z.boolean(), placeholder: z.string().nullable().optional() })
  .strict()

export const FormVariantDoc = component(
  "FormVariant",
  z
    .object({
      id: z.enum(FORM_VARIANT_IDS),
      weight: z.number().int().meta({ description: "Share of visitors shown this variant, 0 to 100; the variants add up to 100." }),
      content: z
        .object({ title: z.string(), text: z.string(), button: z.string(), success_message: z.string(), redirect_url: z.string().nullable() })
        .strict(),
      branding: z
        .object({ background: z.string(), text_color: z.string(), accent_color: z.string(), font_family: z.string(), border_radius: z.number().int() })
        .strict(),
    })
    .strict()
)

const DiscountDoc = z
  .object({
    kind: z.enum(["percentage", "fixed"]),
    value: z.number(),
    currency_code: z.string().optional(),
    expires_in_days: z.number().int(),
    min_subtotal: z.number().optional(),
  })
  .strict()

const TriggersDoc = z
  .object({
    delay_seconds: z.number().int().nullable(),
    scroll_percent: z.number().int().nullable(),
    exit_intent: z.boolean(),
    page_count: z.number().int().nullable(),
  })
  .strict()
  .meta({ description: "The form shows when every trigger set has fired; none set: at once. Exit intent only on desktop." })

const FrequencyDoc = z
  .object({ days_after_close: z.number().int().meta({ description: "Not shown again for this many days after a close; never again after a submission." }) })
  .strict()

export const FormStatsDoc = component(
  "FormStats",
  z
    .object({
      days: z.number().int(),
      views: count(),
      closes: count(),
      submissions: count(),
      submit_rate: rate(),
      variants: z.array(z.object({ id: z.string(), views: count(), closes: count(), submissions: count(), submit_rate: rate() }).strict()),
      winner: z
        .object({ id: z.string(), p_value: z.number(), submit_rate: z.number() })
        .strict()
        .nullable()
        .meta({ description: "The variant with the best submit rate once the difference is significant at 95 % (two-proportion z-test, as the flows' A/B winners)." }),
      ab_reason: z
        .enum(["single_variant", "below_min_sample", "not_significant", "tie"])
        .nullable()
        .meta({ description: "Why there is no winner; null when there is one." }),
      min_views: count().meta({ description: "Views each variant needs before a winner can be named." }),
    })
    .strict()
    .meta({ description: "Views, closes and submissions over the last `days` UTC days (today included), in all and per variant." })
)

export const FormDoc = component(
  "Form",
  z
    .object({
      id: z.string(),
      name: z.string(),
      status: z.enum(FORM_STATUSES),
      kind: z.enum(FORM_KINDS),
      position: z.enum(FORM_POSITIONS),
      fields: z.array(FormFieldDoc),
      consent: z.object({ required: z.boolean(), text: z.string(), topics: z.array(z.string()) }).strict(),
      hidden_fields: z.array(z.enum(FORM_HIDDEN_FIELDS)),
      variants: z.array(FormVariantDoc),
      incentive: z.object({ discount: DiscountDoc, delivery: z.enum(INCENTIVE_DELIVERIES) }).strict().nullable(),
      targeting: z
        .object({
          include_pages: z.array(z.string()),
          exclude_pages: z.array(z.string()),
          visitors: z.enum(FORM_VISITORS),
          devices: z.array(z.enum(FORM_DEVICES)),
          countries: z.array(z.string()),
          segment_ids: z.array(z.string()),
          exclude_segment_ids: z.array(z.string()),
        })
        .strict(),
      triggers: TriggersDoc,
      frequency: FrequencyDoc,
      created_at: timestamp(),
      updated_at: timestamp(),
      stats: FormStatsDoc,
    })
    .strict()
)

export const FormResponse = z.object({ form: FormDoc })
export const FormListResponse = z.object({ forms: z.array(FormDoc), ...page })
export const FormDeleted = deleted("marketing_form")

export const FormSubmissionDoc = component(
  "FormSubmission",
  z
    .object({
      id: z.string(),
      form_id: z.string(),
      variant: z.string(),
      contact_id: z.string().nullable(),
      email: z.string(),
      values: z.record(z.string(), z.string()).meta({ description: "What the visitor typed, by field name (`custom.<key>` for custom fields)." }),
      consent_given: z.boolean(),
      consent_topics: z.array(z.string()).meta({ description: "The topics ticked." }),
      consent_text: z.string().nullable().meta({ description: "The consent text shown with the form, kept as proof." }),
      hidden: z.record(z.string(), z.string()).meta({ description: "The hidden fields caught (UTM, page)." }),
      page_url: z.string().nullable(),
      discount_code: z.string().nullable().meta({ description: "The incentive's code, when the form has one." }),
      created_at: timestamp(),
    })
    .strict()
)

export const FormSubmissionListResponse = z.object({ submissions: z.array(FormSubmissionDoc), ...page })

export { TriggersDoc, FrequencyDoc }
