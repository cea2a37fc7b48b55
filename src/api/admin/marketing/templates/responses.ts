import { z } from "@medusajs/framework/zod"
import { Message } from "../messages/responses"
import { KNOWN_HELPERS, KNOWN_PARTIALS } from "../../../../modules/marketing/email/templates"
import { TEMPLATE_LAYOUTS } from "../../../../modules/marketing/models/email-template"
import { component, deleted, nullableTimestamp, page, timestamp } from "../../../utils/openapi"

/** A saved email template, every column. */
export const EmailTemplate = component(
  "EmailTemplate",
  z
    .object({
      id: z.string(),
      name: z.string(),
      description: z.string().nullable(),
      subject: z.string().meta({ description: "Handlebars, one line." }),
      html: z.string().nullable().meta({ description: "The HTML body (Handlebars), or null when the body is MJML." }),
      mjml: z.string().nullable().meta({ description: "The MJML body (Handlebars), or null when the body is HTML." }),
      text: z.string().nullable().meta({ description: "The plain-text body (Handlebars); when null it is derived from the rendered HTML." }),
      layout: z.enum(TEMPLATE_LAYOUTS).meta({
        description:
          "`marketing` wraps a body fragment in the store's layout with the unsubscribe and preferences footer; `internal` in the layout " +
          "without them (emails to the store's team); `none` sends the body as it is. A whole document (`<html…`, `<mjml…`) is never wrapped.",
      }),
      starter_key: z.string().nullable().meta({ description: "The starter template this one was installed from, or null." }),
      metadata: z.record(z.string(), z.unknown()).nullable(),
      created_at: timestamp(),
      updated_at: timestamp(),
      deleted_at: nullableTimestamp(),
    })
    .meta({ description: "An email template: subject, body (HTML or MJML) and plain text, all Handlebars, checked (syntax, helpers, partials, MJML) when saved." })
)

export const EmailTemplateResponse = z.object({ template: EmailTemplate })

export const EmailTemplateListResponse = z.object({ templates: z.array(EmailTemplate), ...page })

export const EmailTemplateDeleteResponse = deleted("template")

export const EmailTemplatePreview = component(
  "EmailTemplatePreview",
  z
    .object({
      subject: z.string().meta({ description: "On one line." }),
      html: z.string().meta({ description: "The whole HTML, layout included, as it would be sent (links not yet tracked)." }),
      text: z.string().meta({ description: "The plain-text part." }),
    })
    .meta({ description: "A template rendered." })
)

export const StarterTemplateListResponse = z.object({
  starters: z.array(
    component(
      "StarterEmailTemplate",
      z
        .object({
          key: z.string().meta({ description: "Pass it in `keys` to POST /admin/marketing/templates/starters." }),
          name: z.string(),
          description: z.string(),
        })
        .meta({ description: "A template that ships with the plugin." })
    )
  ),
})

export const InstalledStarterTemplatesResponse = z.object({
  templates: z.array(EmailTemplate).meta({ description: "The templates installed now; starters installed before are left out." }),
})

export const TemplateVariablesResponse = component(
  "TemplateVariableCatalog",
  z
    .object({
      variables: z.array(
        component(
          "TemplateVariable",
          z.object({
            path: z.string().meta({ description: "As a template writes it: `contact.first_name`, `cart.items`…" }),
            description: z.string(),
            example: z.unknown().meta({ description: "Its value in the sample context previews use (any JSON)." }),
          })
        )
      ),
      helpers: z.array(z.enum([...KNOWN_HELPERS] as [string, ...string[]])).meta({ description: "Handlebars helpers a template may call." }),
      partials: z.array(z.enum([...KNOWN_PARTIALS] as [string, ...string[]])).meta({ description: "Partials a template may include (`{{> name}}`)." }),
    })
    .meta({ description: "What a template can use: the editor's variable picker." })
)

/** The message a test send wrote, as the message log lists it: `transactional`, to an address, with no contact. */
export const TestSendResponse = z.object({ message: Message })
