import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MARKETING_MODULE } from "../../../../../../modules/marketing"
import type MarketingModuleService from "../../../../../../modules/marketing/service"
import { deleteChannelSpendWorkflow, updateChannelSpendWorkflow } from "../../../../../../workflows/reports"
import { presentSpend } from "../helpers"
import type { AdminUpdateChannelSpendType } from "../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const marketing = req.scope.resolve<MarketingModuleService>(MARKETING_MODULE)
  res.json({ spend: presentSpend(await marketing.retrieveChannelSpend(req.params.id)) })
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateChannelSpendType>, res: MedusaResponse) => {
  const marketing = req.scope.resolve<MarketingModuleService>(MARKETING_MODULE)
  await marketing.retrieveChannelSpend(req.params.id) // 404 before any write
  await updateChannelSpendWorkflow(req.scope).run({ input: { id: req.params.id, update: req.validatedBody } })
  res.json({ spend: presentSpend(await marketing.retrieveChannelSpend(req.params.id)) })
}

export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await deleteChannelSpendWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ id: req.params.id, object: "channel_spend", deleted: true })
}
