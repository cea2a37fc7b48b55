import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { dispatchEmailsWorkflow } from "../../../../../workflows/email"
import type { AdminDispatchMessagesType } from "../validators"

/** Sends due queued messages now, instead of waiting for the minutely job. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminDispatchMessagesType>, res: MedusaResponse) => {
  const { result } = await dispatchEmailsWorkflow(req.scope).run({ input: { limit: req.validatedBody.limit } })
  res.json(result)
}
