import { z } from "@medusajs/framework/zod"
import { TEMPLATE_LAYOUTS } from "../../../../modules/marketing/models/email-template"
import { descriptionField, listParams, nameField } from "../../../utils/validators"

const BODY_LIMIT = 500_000
const body = z.string().max(BODY_LIMIT)

/** What the body parser takes on the routes carrying a template: its html, mjml and text at their longest, in UTF-8. */
export const TEMPLATE_REQUEST_LIMIT = "5mb"

const fields = {
  name: nameField(),
  description: descriptionField(),
  /** One line: a subject never carries a line break into the headers. */
  subject: z
    .string()
    .min(1)
    .max(998)
    .refine((s) => !/[\r\n]/.test(s), { message: "must be one line" })
    .meta({ description: "Handlebars, on one line: `Welcome, {{default contact.first_name \"there\"}}`." }),
  html: body.nullish().meta({ description: "The HTML body (Handlebars). A template has exactly one of `html` and `mjml`." }),
  mjml: body.nullish().meta({ description: "The MJML body (Handlebars), compiled to responsive HTML. A template has exactly one of `html` and `mjml`." }),
  text: body.nullish().meta({ description: "The plain-text body (Handlebars); derived from the rendered HTML when empty." }),
  layout: z
    .enum(TEMPLATE_LAYOUTS)
    .optional()
    .meta({
      description:
        "`marketing` (default) wraps a body fragment in the store's layout with the unsubscribe footer; `internal` without it (emails to the team); `none` not at all.",
    }),
}

export const AdminCreateEmailTemplate = z.object(fields).strict()
export type AdminCreateEmailTemplateType = z.output<typeof AdminCreateEmailTemplate>

export const AdminUpdateEmailTemplate = z.object(fields).partial().strict()
export type AdminUpdateEmailTemplateType = z.output<typeof AdminUpdateEmailTemplate>

const previewInput = {
  /** Render for this contact instead of the sample context. */
  contact_id: z
    .string()
    .max(100)
    .optional()
    .meta({ description: "Render for this contact (their profile and Medusa customer over the sample context); a 404 when unknown." }),
  data: z.record(z.string(), z.unknown()).optional().meta({ description: "Merged into the context's `data` (`{{data.coupon_code}}`)." }),
}
export const AdminPreviewEmailTemplate = z.object(previewInput).strict()
export type AdminPreviewEmailTemplateType = z.output<typeof AdminPreviewEmailTemplate>

/** An unsaved template, for the editor's live preview. */
export const AdminPreviewUnsavedEmailTemplate = z
  .object({ template: AdminCreateEmailTemplate.partial({ name: true }), ...previewInput })
  .strict()
export type AdminPreviewUnsavedEmailTemplateType = z.output<typeof AdminPreviewUnsavedEmailTemplate>

export const AdminInstallStarterTemplates = z
  .object({
    keys: z
      .array(z.string().max(100))
      .max(50)
      .optional()
      .meta({ description: "The starters to install (keys from GET /admin/marketing/templates/starters); every one when left out." }),
  })
  .strict()
export type AdminInstallStarterTemplatesType = z.output<typeof AdminInstallStarterTemplates>

export const AdminListEmailTemplates = z
  .object({
    ...listParams({ max: 200, defaultLimit: 50 }),
    q: z.string().max(200).optional(),
  })
  .strict()
export type AdminListEmailTemplatesType = z.output<typeof AdminListEmailTemplates>

export const AdminTestSendEmailTemplate = z
  .object({
    /** The address the admin typed. */
    to: z.string().trim().toLowerCase().email().max(320).meta({ description: "The address to send the test to." }),
    /** Render with this contact's data (not sent to them); otherwise the sample context. */
    contact_id: z
      .string()
      .max(100)
      .optional()
      .meta({ description: "Render with this contact's data (the email still goes to `to`); otherwise with the sample context." }),
    data: z.record(z.string(), z.unknown()).optional().meta({ description: "Merged into the context's `data`." }),
  })
  .strict()
export type AdminTestSendEmailTemplateType = z.output<typeof AdminTestSendEmailTemplate>
