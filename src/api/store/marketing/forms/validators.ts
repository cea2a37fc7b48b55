import { z } from "@medusajs/framework/zod"
import { FORM_HIDDEN_FIELDS, FORM_VARIANT_IDS, FORM_VIEW_ACTIONS } from "../../../../modules/marketing/forms/types"
import { MAX_PROPERTIES_BYTES } from "../events/validators"

/** The forms routes' bodies are small: one submission is at most a few KB. */
export const FORMS_BODY_LIMIT = "64kb"
/** A value typed into one field. */
export const MAX_FORM_VALUE_LENGTH = 1000

/** The visitor's id, as on every storefront event. */
const anonymousId = () =>
  z
    .string()
    .min(8)
    .max(128)
    .regex(/^[A-Za-z0-9._:-]+$/, "Only letters, digits and . _ : - are allowed")
    .meta({ description: "The visitor's id, the tracker's `_mma_aid`: the same as on its events." })

export const StoreFormVisibility = z.object({ anonymous_id: anonymousId() }).strict()
export type StoreFormVisibilityType = z.output<typeof StoreFormVisibility>

export const StoreFormView = z
  .object({
    anonymous_id: anonymousId(),
    variant: z.enum(FORM_VARIANT_IDS),
    action: z.enum(FORM_VIEW_ACTIONS).meta({ description: "`viewed` when the form shows, `closed` when the visitor closes it (Escape too)." }),
  })
  .strict()
export type StoreFormViewType = z.output<typeof StoreFormView>

const hiddenShape = Object.fromEntries(
  FORM_HIDDEN_FIELDS.map((k) => [k, z.string().max(k === "page" ? 2048 : 256).optional()])
) as Record<(typeof FORM_HIDDEN_FIELDS)[number], z.ZodOptional<z.ZodString>>

export const StoreFormSubmission = z
  .object({
    anonymous_id: anonymousId(),
    variant: z.enum(FORM_VARIANT_IDS),
    values: z
      .object({ email: z.string().trim().pipe(z.email({ message: "must be a valid email address" }).max(320)) })
      .catchall(z.string().max(MAX_FORM_VALUE_LENGTH, { message: `must be at most ${MAX_FORM_VALUE_LENGTH} characters` }))
      .refine((v) => Buffer.byteLength(JSON.stringify(v)) <= MAX_PROPERTIES_BYTES, {
        message: `the values must be at most ${MAX_PROPERTIES_BYTES} bytes of JSON`,
      })
      .meta({ description: "By field name: `email` (always), `first_name`, `phone`, `birth_date` (YYYY-MM-DD), `country_code`, `custom.<key>`. Only the form's own fields." }),
    consent: z
      .object({
        given: z.boolean().default(false),
        topics: z.array(z.string().min(1).max(64)).max(20).default([]).meta({ description: "The topic boxes ticked (ids from the form's `consent.topics`)." }),
      })
      .strict()
      .default({ given: false, topics: [] }),
    hidden: z.object(hiddenShape).strict().default({}).meta({ description: "The form's hidden fields, as the tracker caught them." }),
    page_url: z.string().max(2048).nullish(),
  })
  .strict()
export type StoreFormSubmissionType = z.output<typeof StoreFormSubmission>
