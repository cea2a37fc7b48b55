import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MARKETING_MODULE } from "../../../../../modules/marketing"
import type MarketingModuleService from "../../../../../modules/marketing/service"
import { deleteEmailTemplateWorkflow, updateEmailTemplateWorkflow } from "../../../../../workflows/email"
import type { AdminUpdateEmailTemplateType } from "../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const marketing = req.scope.resolve<MarketingModuleService>(MARKETING_MODULE)
  res.json({ template: await marketing.retrieveEmailTemplate(req.params.id) })
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateEmailTemplateType>, res: MedusaResponse) => {
  const { result } = await updateEmailTemplateWorkflow(req.scope).run({ input: { id: req.params.id, update: req.validatedBody as any } })
  res.json({ template: result.template })
}

export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await deleteEmailTemplateWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ id: req.params.id, object: "template", deleted: true })
}
