import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createEmailTemplateWorkflow } from "../../../../workflows/email"
import { escapeLike } from "../../../../modules/marketing/conditions"
import { TEMPLATE_LIST_FIELDS } from "./query-config"
import type { AdminCreateEmailTemplateType, AdminListEmailTemplatesType } from "./validators"

export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminListEmailTemplatesType>, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const input = req.validatedQuery
  const { data, metadata } = await query.graph({
    entity: "email_template",
    fields: TEMPLATE_LIST_FIELDS,
    filters: input.q ? { name: { $ilike: `%${escapeLike(input.q)}%` } } : {},
    pagination: { skip: input.offset, take: input.limit, order: { name: "ASC", id: "ASC" } },
  })
  res.json({ templates: data, count: metadata?.count ?? 0, offset: input.offset, limit: input.limit })
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateEmailTemplateType>, res: MedusaResponse) => {
  const { result } = await createEmailTemplateWorkflow(req.scope).run({ input: { template: req.validatedBody as any } })
  res.json({ template: result.template })
}
