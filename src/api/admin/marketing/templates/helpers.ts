import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../../../modules/marketing"
import { predictionVariables, renderPreview, type EmailTemplate, type RenderContext } from "../../../../modules/marketing/email/templates"
import { invalidTemplate } from "../../../../modules/marketing/invalid-input"
import type MarketingModuleService from "../../../../modules/marketing/service"

/**
 * Renders a template for the admin: with the sample context, or with a real
 * contact (their profile and Medusa customer) over it. Template errors come
 * back as a 400 naming the field, line and column.
 */
export async function previewTemplate(
  scope: MedusaContainer,
  template: EmailTemplate,
  input: { contact_id?: string; data?: Record<string, unknown> }
) {
  const context: Partial<RenderContext> = {}
  if (input.contact_id) {
    const marketing = scope.resolve<MarketingModuleService>(MARKETING_MODULE)
    const contact = await marketing.retrieveContact(input.contact_id)
    const query = scope.resolve(ContainerRegistrationKeys.QUERY)
    const customer = contact.customer_id
      ? (await query.graph({ entity: "customer", fields: ["id", "email", "first_name", "last_name", "phone"], filters: { id: contact.customer_id } })).data[0]
      : null
    context.contact = {
      id: contact.id,
      email: contact.email ?? customer?.email ?? null,
      first_name: contact.first_name ?? customer?.first_name ?? null,
      last_name: contact.last_name ?? customer?.last_name ?? null,
      phone: contact.phone,
      locale: contact.locale,
      timezone: contact.timezone,
      country_code: contact.country_code,
      city: contact.city,
      company: contact.company,
      industry: contact.industry,
      job_title: contact.job_title,
      lifecycle_stage: contact.lifecycle_stage,
      ...predictionVariables((await marketing.contactPredictionValues([contact.id])).get(contact.id)),
    } as RenderContext["contact"]
    context.customer = (customer ?? null) as RenderContext["customer"]
  }
  if (input.data) context.data = input.data
  const { data: stores } = await scope.resolve(ContainerRegistrationKeys.QUERY).graph({ entity: "store", fields: ["name"] })
  if (stores[0]?.name) context.store = { name: stores[0].name } as RenderContext["store"]
  const result = await renderPreview(template, context)
  if (!result.ok) {
    throw invalidTemplate(result.errors)
  }
  const { ok, ...rendered } = result
  return rendered
}
