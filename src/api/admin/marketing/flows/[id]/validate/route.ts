import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MARKETING_MODULE } from "../../../../../../modules/marketing"
import { validateFlowDefinition } from "../../../../../../modules/marketing/flows"
import type MarketingModuleService from "../../../../../../modules/marketing/service"
import { referenceErrors } from "../../../../../../workflows/flows"

/** Checks the flow's draft as publishing would, its templates, segments and customer groups included: `{ valid, errors }`. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const flow = await req.scope.resolve<MarketingModuleService>(MARKETING_MODULE).retrieveFlow(req.params.id)
  const result = validateFlowDefinition(flow.definition)
  const errors = result.ok ? await referenceErrors(req.scope, result.definition) : result.errors
  res.json({ valid: errors.length === 0, errors })
}
