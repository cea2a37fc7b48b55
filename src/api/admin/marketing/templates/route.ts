import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { createEmailTemplateWorkflow } from "../../../../workflows/email"
import { listPage, nameSearch } from "../../../utils/list"
import { TEMPLATE_LIST_FIELDS } from "./query-config"
import type { AdminCreateEmailTemplateType, AdminListEmailTemplatesType } from "./validators"

export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminListEmailTemplatesType>, res: MedusaResponse) => {
  const input = req.validatedQuery
  const { data, ...page } = await listPage(
    req.scope,
    { entity: "email_template", fields: TEMPLATE_LIST_FIELDS, filters: nameSearch(input.q), order: { name: "ASC", id: "ASC" } },
    input
  )
  res.json({ templates: data, ...page })
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateEmailTemplateType>, res: MedusaResponse) => {
  const { result } = await createEmailTemplateWorkflow(req.scope).run({ input: { template: req.validatedBody as any } })
  res.json({ template: result.template })
}
