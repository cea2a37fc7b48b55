import { z } from "@medusajs/framework/zod"
import {
  FORM_DEVICES,
  FORM_HIDDEN_FIELDS,
  FORM_KINDS,
  FORM_POSITIONS,
  FORM_VISITORS,
  INCENTIVE_DELIVERIES,
} from "../../../../modules/marketing/forms/types"
import { FormFieldDoc, FormVariantDoc, FrequencyDoc, TriggersDoc } from "../../../admin/marketing/forms/responses"
import { component } from "../../../utils/openapi"

/** A form as the storefront gets it: no segment ids, no figures. */
export const PublicFormDoc = component(
  "PublicForm",
  z
    .object({
      id: z.string(),
      kind: z.enum(FORM_KINDS),
      position: z.enum(FORM_POSITIONS),
      fields: z.array(FormFieldDoc),
      consent: z
        .object({
          required: z.boolean(),
          text: z.string(),
          topics: z.array(z.object({ id: z.string(), label: z.string() }).strict()).meta({ description: "One checkbox per topic (the store's `email.topics`)." }),
        })
        .strict(),
      hidden_fields: z.array(z.enum(FORM_HIDDEN_FIELDS)),
      variants: z.array(FormVariantDoc),
      incentive: z.object({ delivery: z.enum(INCENTIVE_DELIVERIES) }).strict().nullable(),
      targeting: z
        .object({
          include_pages: z.array(z.string()).meta({ description: "URL path patterns (`*` matches anything); empty: every page." }),
          exclude_pages: z.array(z.string()),
          visitors: z.enum(FORM_VISITORS),
          devices: z.array(z.enum(FORM_DEVICES)).meta({ description: "Empty: every device." }),
          countries: z.array(z.string()).meta({ description: "ISO 3166-1 alpha-2, lower case; empty: every country." }),
          segments: z.boolean().meta({ description: "The form targets or excludes segments: ask `POST /store/marketing/forms/visibility`." }),
          members_only: z.boolean().meta({ description: "Only members of the targeted segments may see it: a visitor the store does not know yet never does." }),
        })
        .strict(),
      triggers: TriggersDoc,
      frequency: FrequencyDoc,
    })
    .strict()
)

export const StoreFormsResponse = z.object({ forms: z.array(PublicFormDoc) })

export const StoreFormVisibilityResponse = z.object({
  hidden: z.array(z.string()).meta({ description: "Ids of active forms this visitor must not see." }),
  country: z.string().nullable().meta({ description: "The visitor's country when known (ISO 3166-1 alpha-2, lower case)." }),
})

export const StoreFormSubmissionResponse = z.object({
  submission: z.object({ id: z.string() }).strict(),
  status: z
    .enum(["subscribed", "confirmation_sent", "recorded"])
    .meta({ description: "`subscribed`: email consent granted; `confirmation_sent`: pending until the link in the confirmation email is clicked (double opt-in); `recorded`: no consent given." }),
  success_message: z.string(),
  redirect_url: z.string().nullable(),
  incentive: z
    .union([z.object({ code: z.string() }).strict(), z.object({ delivery: z.literal("email") }).strict()])
    .nullable()
    .meta({ description: "The incentive's discount code to show, or that it goes by email (a flow started by `form_submitted` gets it as `{{discount.code}}`)." }),
})
