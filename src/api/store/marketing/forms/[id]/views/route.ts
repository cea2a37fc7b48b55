import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { InvalidInputError } from "../../../../../../modules/marketing/invalid-input"
import { activeForm } from "../../helpers"
import { countFormActivityWorkflow } from "../../../../../../workflows/forms"
import type { StoreFormViewType } from "../../validators"

/** Counts a view or a close of an active form's variant, for its figures and the A/B test. */
export const POST = async (req: MedusaRequest<StoreFormViewType>, res: MedusaResponse) => {
  const form = await activeForm(req.scope, req.params.id)
  const { variant, action } = req.validatedBody
  if (!form.variants.some((v) => v.id === variant)) {
    throw new InvalidInputError(`Invalid request: variant: this form has no variant ${variant}`, "variant")
  }
  await countFormActivityWorkflow(req.scope).run({
    input: { form_id: form.id, variant, action, at: new Date().toISOString() },
  })
  res.status(204).end()
}
