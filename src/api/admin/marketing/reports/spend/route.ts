import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MARKETING_MODULE } from "../../../../../modules/marketing"
import type MarketingModuleService from "../../../../../modules/marketing/service"
import { createChannelSpendWorkflow } from "../../../../../workflows/reports"
import { presentSpend } from "./helpers"
import type { AdminCreateChannelSpendType, AdminListChannelSpendType } from "./validators"

/** Spend rows, newest month first, filtered by month range (inclusive) and channel. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminListChannelSpendType>, res: MedusaResponse) => {
  const { limit, offset, from_month, to_month, channel } = req.validatedQuery
  const marketing = req.scope.resolve<MarketingModuleService>(MARKETING_MODULE)
  const month = { ...(from_month ? { $gte: from_month } : {}), ...(to_month ? { $lte: to_month } : {}) }
  const [rows, count] = await marketing.listAndCountChannelSpends(
    { ...(from_month || to_month ? { month } : {}), ...(channel ? { channel } : {}) },
    { skip: offset, take: limit, order: { month: "DESC", channel: "ASC", created_at: "ASC" } }
  )
  res.json({ spend: rows.map(presentSpend), count, offset, limit })
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateChannelSpendType>, res: MedusaResponse) => {
  const { result } = await createChannelSpendWorkflow(req.scope).run({ input: req.validatedBody })
  res.status(201).json({ spend: presentSpend(result) })
}
