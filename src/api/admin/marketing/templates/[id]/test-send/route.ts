import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { randomUUID } from "crypto"
import { sendEmailWorkflow } from "../../../../../../workflows/email"
import type { AdminTestSendEmailTemplateType } from "../../validators"

/**
 * Sends a template to the address the admin typed, through the same path as
 * every marketing email (message log, Notification Module, tracked links),
 * as a transactional message so consent does not apply. It renders with the
 * chosen contact's data, or the sample context.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminTestSendEmailTemplateType>, res: MedusaResponse) => {
  const { to, contact_id, data } = req.validatedBody
  const { result } = await sendEmailWorkflow(req.scope).run({
    input: {
      messages: [
        {
          template_id: req.params.id,
          email: to,
          kind: "transactional",
          context: contact_id ? { as_contact_id: contact_id, data } : { sample: true, data },
          idempotency_key: `test-send:${req.params.id}:${randomUUID()}`,
        },
      ],
    },
  })
  res.json({ message: result.messages[0] })
}
