import { z } from "@medusajs/framework/zod"
import {
  CUSTOM_FIELD_PATTERN,
  FORM_CONTACT_FIELDS,
  FORM_DEVICES,
  FORM_HIDDEN_FIELDS,
  FORM_KINDS,
  FORM_POSITIONS,
  FORM_STATUSES,
  FORM_VARIANT_IDS,
  FORM_VISITORS,
  INCENTIVE_DELIVERIES,
  POSITIONS_BY_KIND,
} from "../../../../modules/marketing/forms/types"
import { listParams, nameField } from "../../../utils/validators"

const text = (max: number) => z.string().trim().max(max)
/** A CSS color: #rgb, #rrggbb, #rrggbbaa, or rgb()/rgba()/hsl() with plain numbers. */
const color = () =>
  z
    .string()
    .trim()
    .regex(/^(#[0-9a-fA-F]{3,8}|(rgb|rgba|hsl|hsla)\(\s*[0-9.,%\s]+\))$/, { message: "must be a CSS color (#rrggbb, rgb(…), hsl(…))" })
/** An http(s) URL or a path on the store's site. */
const redirectUrl = () =>
  z
    .string()
    .trim()
    .max(2048)
    .refine((v) => v.startsWith("/") ? !v.startsWith("//") : /^https?:\/\/[^\s]+$/i.test(v), { message: "must be an http(s) URL or a path starting with /" })
/** A URL path pattern: starts with /, `*` matches anything. */
const pagePattern = () =>
  z
    .string()
    .trim()
    .max(512)
    .regex(/^\/[^\s]*$/, { message: "must be a URL path starting with / (`*` matches any characters)" })

export const FormFieldSchema = z
  .object({
    name: z
      .string()
      .refine((n) => (FORM_CONTACT_FIELDS as readonly string[]).includes(n) || CUSTOM_FIELD_PATTERN.test(n), {
        message: `must be one of ${FORM_CONTACT_FIELDS.join(", ")}, or custom.<key> (lower-case letters, digits and _)`,
      }),
    label: text(200).min(1),
    required: z.boolean().default(false),
    placeholder: text(200).nullish(),
  })
  .strict()

export const FormVariantSchema = z
  .object({
    id: z.enum(FORM_VARIANT_IDS),
    weight: z.number().int().min(0).max(100),
    content: z
      .object({
        title: text(200).min(1),
        text: text(2000).default(""),
        button: text(80).min(1),
        success_message: text(1000).min(1),
        redirect_url: redirectUrl().nullish().transform((v) => v ?? null),
      })
      .strict(),
    branding: z
      .object({
        background: color().default("#ffffff"),
        text_color: color().default("#111111"),
        accent_color: color().default("#111111"),
        font_family: z
          .string()
          .trim()
          .max(200)
          .regex(/^[A-Za-z0-9 ,'"_-]*$/, { message: "must be a font-family list (letters, digits, spaces, commas, quotes)" })
          .default("inherit"),
        border_radius: z.number().int().min(0).max(48).default(8),
      })
      .strict()
      .default({ background: "#ffffff", text_color: "#111111", accent_color: "#111111", font_family: "inherit", border_radius: 8 }),
  })
  .strict()

/** The flow engine's `create_discount` options (flows/actions/discount.ts). */
export const FormDiscountSchema = z
  .object({
    kind: z.enum(["percentage", "fixed"]),
    value: z.number().positive().max(1e9),
    currency_code: z.string().regex(/^[a-z]{3}$/, { message: "must be a lowercase ISO 4217 code such as eur" }).optional(),
    expires_in_days: z.number().int().min(1).max(365),
    min_subtotal: z.number().min(0).optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.kind === "percentage" && (d.value > 100 || !Number.isInteger(d.value))) {
      ctx.addIssue({ code: "custom", path: ["value"], message: "a percentage is a whole number from 1 to 100" })
    }
    if (d.kind === "fixed" && !d.currency_code) {
      ctx.addIssue({ code: "custom", path: ["currency_code"], message: "required for a fixed amount" })
    }
  })

const TargetingSchema = z
  .object({
    include_pages: z.array(pagePattern()).max(50).default([]),
    exclude_pages: z.array(pagePattern()).max(50).default([]),
    visitors: z.enum(FORM_VISITORS).default("all"),
    devices: z.array(z.enum(FORM_DEVICES)).max(3).default([]),
    countries: z
      .array(z.string().regex(/^[a-z]{2}$/, { message: "must be an ISO 3166-1 alpha-2 code in lower case (fr)" }))
      .max(250)
      .default([]),
    segment_ids: z.array(z.string().min(1).max(64)).max(20).default([]),
    exclude_segment_ids: z.array(z.string().min(1).max(64)).max(20).default([]),
  })
  .strict()

const TriggersSchema = z
  .object({
    delay_seconds: z.number().int().min(0).max(3600).nullable().default(null),
    scroll_percent: z.number().int().min(1).max(100).nullable().default(null),
    exit_intent: z.boolean().default(false),
    page_count: z.number().int().min(1).max(100).nullable().default(null),
  })
  .strict()

/** Every part of a form, each with its default; cross-field checks in `checkForm`. */
const formShape = {
  name: nameField(),
  status: z.enum(FORM_STATUSES).default("draft"),
  kind: z.enum(FORM_KINDS),
  position: z.enum(FORM_POSITIONS).optional(),
  fields: z.array(FormFieldSchema).min(1).max(20),
  consent: z
    .object({
      required: z.boolean().default(false),
      text: text(2000).default(""),
      topics: z.array(z.string().min(1).max(64)).max(20).default([]),
    })
    .strict()
    .default({ required: false, text: "", topics: [] }),
  hidden_fields: z.array(z.enum(FORM_HIDDEN_FIELDS)).max(FORM_HIDDEN_FIELDS.length).default([]),
  variants: z.array(FormVariantSchema).min(1).max(2),
  incentive: z
    .object({ discount: FormDiscountSchema, delivery: z.enum(INCENTIVE_DELIVERIES).default("show") })
    .strict()
    .nullable()
    .default(null),
  targeting: TargetingSchema.default({
    include_pages: [],
    exclude_pages: [],
    visitors: "all",
    devices: [],
    countries: [],
    segment_ids: [],
    exclude_segment_ids: [],
  }),
  triggers: TriggersSchema.default({ delay_seconds: null, scroll_percent: null, exit_intent: false, page_count: null }),
  frequency: z
    .object({ days_after_close: z.number().int().min(0).max(365).default(7) })
    .strict()
    .default({ days_after_close: 7 }),
}

type FormInput = z.output<z.ZodObject<typeof formShape>>

/** The checks that span fields: email present and required, unique names, positions per kind, variants and weights. */
function checkForm(form: FormInput, ctx: z.RefinementCtx) {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message })
  const email = form.fields.findIndex((f) => f.name === "email")
  if (email < 0) issue(["fields"], "must include the email field")
  else if (!form.fields[email].required) issue(["fields", email, "required"], "the email field is always required")
  const seen = new Set<string>()
  form.fields.forEach((f, i) => {
    if (seen.has(f.name)) issue(["fields", i, "name"], `${f.name} appears twice`)
    seen.add(f.name)
  })
  const position = form.position ?? POSITIONS_BY_KIND[form.kind][0]
  if (!POSITIONS_BY_KIND[form.kind].includes(position)) {
    issue(["position"], `a ${form.kind} takes ${POSITIONS_BY_KIND[form.kind].join(" or ")}`)
  }
  if (form.consent.required && !form.consent.text.trim()) issue(["consent", "text"], "required when consent is required")
  form.consent.topics.forEach((t, i) => {
    if (form.consent.topics.indexOf(t) !== i) issue(["consent", "topics", i], `${t} appears twice`)
  })
  form.variants.forEach((v, i) => {
    if (form.variants.findIndex((o) => o.id === v.id) !== i) issue(["variants", i, "id"], `variant ${v.id} appears twice`)
  })
  const total = form.variants.reduce((s, v) => s + v.weight, 0)
  if (total !== 100) issue(["variants", form.variants.length - 1, "weight"], `the variants' weights must add up to 100 (they add up to ${total})`)
  if (form.triggers.exit_intent && form.kind === "embedded") issue(["triggers", "exit_intent"], "an embedded form shows in its placeholder, not on exit intent")
  form.targeting.segment_ids.forEach((id, i) => {
    if (form.targeting.exclude_segment_ids.includes(id)) issue(["targeting", "segment_ids", i], "a segment cannot be both targeted and excluded")
  })
}

/** Fills what the kind implies (a pop-up is centred). */
const withPosition = (form: FormInput) => ({ ...form, position: form.position ?? POSITIONS_BY_KIND[form.kind][0] })

export const AdminCreateForm = z.object(formShape).strict().superRefine(checkForm).transform(withPosition)
export type AdminCreateFormType = z.output<typeof AdminCreateForm>

/** A partial update: each part given replaces that part whole; the result is checked as a whole form. */
export const AdminUpdateForm = z
  .object(Object.fromEntries(Object.entries(formShape).map(([k, v]) => [k, (v as z.ZodType).optional()])) as {
    [K in keyof typeof formShape]: z.ZodOptional<(typeof formShape)[K]>
  })
  .strict()
export type AdminUpdateFormType = z.output<typeof AdminUpdateForm>

export const AdminListForms = z
  .object({
    ...listParams({ max: 100, defaultLimit: 20 }),
    q: z.string().trim().max(200).optional().meta({ description: "Name contains (case-insensitive)." }),
    status: z.enum(FORM_STATUSES).optional(),
  })
  .strict()
export type AdminListFormsType = z.output<typeof AdminListForms>

export const AdminListFormSubmissions = z.object({ ...listParams({ max: 100, defaultLimit: 20 }) }).strict()
export type AdminListFormSubmissionsType = z.output<typeof AdminListFormSubmissions>
