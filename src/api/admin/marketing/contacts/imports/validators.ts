import { z } from "@medusajs/framework/zod"
import { IMPORT_FIELDS, IMPORT_LIMITS } from "../../../../../modules/marketing/imports/fields"
import { listParams } from "../../../../utils/validators"

const column = z.string().trim().min(1).max(256)

/** The column mapping, sent as the `mapping` form field (JSON) before the file. */
export const AdminContactImportMapping = z
  .object({
    columns: z
      .object(Object.fromEntries(IMPORT_FIELDS.map((f) => [f, column.optional()])) as Record<(typeof IMPORT_FIELDS)[number], z.ZodOptional<typeof column>>)
      .strict()
      .meta({ description: `Field → the header name of the column holding it. \`email\` is required. Fields: ${IMPORT_FIELDS.map((f) => `\`${f}\``).join(", ")}.` }),
    custom_fields: z
      .record(column, z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_.-]+$/, "Letters, digits and _ . - only"))
      .refine((r) => Object.keys(r).length <= IMPORT_LIMITS.customFields, { message: `At most ${IMPORT_LIMITS.customFields} custom fields` })
      .optional()
      .meta({ description: "Header name → key of the contact's `metadata` the column's values go to." }),
    consent_source: z
      .string()
      .trim()
      .min(1)
      .max(256)
      .nullish()
      .meta({ description: "Where the file's contacts gave (or withdrew) consent, in the store's words (\"Mailchimp signup form\"): required with an `email_consent` column unless an `email_consent_source` column gives it per row." }),
    consent_date: z.iso
      .date()
      .or(z.iso.datetime({ offset: true }))
      .nullish()
      .meta({ description: "When the file's contacts gave consent: required with an `email_consent` column unless an `email_consent_date` column gives it per row." }),
    tag_separator: z.string().min(1).max(3).optional().meta({ description: "Between tags in the `tags` column; `,` when not given." }),
  })
  .strict()
export type AdminContactImportMappingType = z.infer<typeof AdminContactImportMapping>

/** What the upload's multipart body holds (documented; the route streams it). */
export const AdminCreateContactImportForm = z.object({
  mapping: z.string().meta({ description: "The column mapping as JSON (see ContactImportMapping), sent before `file`." }),
  file: z.string().meta({ format: "binary", description: `The CSV (UTF-8; comma, semicolon or tab separated; the first line names the columns), at most ${IMPORT_LIMITS.rows.toLocaleString("en")} rows and ${IMPORT_LIMITS.fileBytes / 1024 / 1024} MB.` }),
})

export const AdminPreviewContactImportForm = z.object({
  file: z.string().meta({ format: "binary", description: `The CSV, or its first part: only the first ${IMPORT_LIMITS.previewBytes / 1024} KB are read.` }),
})

export const AdminListContactImports = z.object({ ...listParams({ max: 100, defaultLimit: 20 }) }).strict()
export type AdminListContactImportsType = z.infer<typeof AdminListContactImports>
