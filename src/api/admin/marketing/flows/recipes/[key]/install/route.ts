import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { installFlowRecipeWorkflow } from "../../../../../../../workflows/flows"
import { refetchFlow } from "../../../helpers"

/** Installs a recipe as a draft flow, with the starter templates and built-in segments it needs. */
export const POST = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const { result } = await installFlowRecipeWorkflow(req.scope).run({ input: { key: req.params.key } })
  res.json({ flow: await refetchFlow(req.scope, result.flow.id) })
}
