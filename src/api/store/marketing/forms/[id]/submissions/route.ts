import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { submitFormWorkflow } from "../../../../../../workflows/forms"
import { activeForm } from "../../helpers"
import type { StoreFormSubmissionType } from "../../validators"

/**
 * A visitor's submission of an active form: the contact (stitched to the
 * visitor), consent with its proof, `form_submitted` for flows. A 400 names
 * the field (`values.email`, `consent.given`) and nothing is written.
 */
export const POST = async (req: AuthenticatedMedusaRequest<StoreFormSubmissionType>, res: MedusaResponse) => {
  const form = await activeForm(req.scope, req.params.id)
  const customerId = req.auth_context?.actor_type === "customer" ? req.auth_context.actor_id : null
  const { result } = await submitFormWorkflow(req.scope).run({
    input: {
      form,
      body: req.validatedBody,
      customer_id: customerId || null,
      ip: req.ip ?? null,
      user_agent: req.get("user-agent") ?? null,
      received_at: new Date().toISOString(),
    },
  })
  res.status(201).json(result)
}
