import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { validateTemplate, type EmailTemplate } from "../../../modules/marketing/email/templates"
import { InvalidInputError, invalidTemplate } from "../../../modules/marketing/invalid-input"
import { marketingOf } from "../../utils/marketing"

export type EmailTemplateInput = Partial<EmailTemplate> & { name?: string; description?: string | null; starter_key?: string | null }

export const validateEmailTemplateStepId = "validate-email-template"

/**
 * Checks the template as it will be saved (an update merged over the stored
 * one): Handlebars syntax, known helpers and partials, MJML. Each problem
 * becomes part of a 400 naming the field, line and column.
 */
export const validateEmailTemplateStep = createStep(
  validateEmailTemplateStepId,
  async (input: { id?: string; template: EmailTemplateInput }, { container }) => {
    const marketing = marketingOf(container)
    const stored = input.id ? await marketing.retrieveEmailTemplate(input.id) : null
    const merged = { ...(stored ?? {}), ...input.template } as EmailTemplate
    if (!merged.html && !merged.mjml) {
      throw new InvalidInputError("Invalid request: html: a template needs an HTML or an MJML body", "html")
    }
    if (merged.html && merged.mjml) {
      throw new InvalidInputError("Invalid request: mjml: give either an HTML or an MJML body, not both", "mjml")
    }
    const result = await validateTemplate(merged)
    if (!result.ok) {
      throw invalidTemplate(result.errors)
    }
    return new StepResponse(input.template)
  }
)
