import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MARKETING_MODULE } from "../../../../../modules/marketing"
import type { DeliveryFeedback } from "../../../../../modules/marketing/email/webhooks/sendgrid"
import {
  SENDGRID_SIGNATURE_HEADER,
  SENDGRID_TIMESTAMP_HEADER,
  parseSendgridEvents,
  verifySendgridSignature,
} from "../../../../../modules/marketing/email/webhooks/sendgrid"
import {
  SIGNED_JSON_SIGNATURE_HEADER,
  SIGNED_JSON_TIMESTAMP_HEADER,
  parseSignedJsonFeedback,
  verifyFeedbackSignature,
} from "../../../../../modules/marketing/email/webhooks/signed-json"
import type MarketingModuleService from "../../../../../modules/marketing/service"
import { applyDeliveryFeedbackWorkflow } from "../../../../../workflows/email"

/**
 * Bounces and complaints from email providers. `sendgrid`: SendGrid's Event
 * Webhook, verified with its ECDSA signature (configure
 * `email.webhooks.sendgridPublicKey`). `smtp`: the plugin's signed JSON
 * format, for a bounce-mailbox parser in front of an SMTP relay. A request
 * whose signature does not verify is a 401 and changes nothing.
 */
export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const settings = req.scope.resolve<MarketingModuleService>(MARKETING_MODULE).getEmailSettings()
  const raw = (req as MedusaRequest & { rawBody?: Buffer }).rawBody ?? Buffer.from("")
  let feedback: DeliveryFeedback[]
  switch (req.params.provider) {
    case "sendgrid": {
      if (!settings.webhooks.sendgridPublicKey) return res.status(404).json({ message: "SendGrid webhook not configured" })
      const ok = verifySendgridSignature({
        publicKey: settings.webhooks.sendgridPublicKey,
        rawBody: raw,
        signature: req.get(SENDGRID_SIGNATURE_HEADER),
        timestamp: req.get(SENDGRID_TIMESTAMP_HEADER),
      })
      if (!ok) return res.status(401).json({ message: "invalid signature" })
      feedback = parseSendgridEvents(req.body)
      break
    }
    case "smtp": {
      // Signed with the email secret: with the public development one, anyone could sign.
      if (settings.insecureSecret) return res.status(404).json({ message: "SMTP feedback webhook needs options.email.secret" })
      const ok = verifyFeedbackSignature({
        secret: settings.secret,
        rawBody: raw,
        signature: req.get(SIGNED_JSON_SIGNATURE_HEADER),
        timestamp: req.get(SIGNED_JSON_TIMESTAMP_HEADER),
      })
      if (!ok) return res.status(401).json({ message: "invalid signature" })
      feedback = parseSignedJsonFeedback(req.body)
      break
    }
    default:
      return res.status(404).json({ message: `provider: unknown email provider "${req.params.provider}" (sendgrid, smtp)` })
  }
  const { result } = await applyDeliveryFeedbackWorkflow(req.scope).run({
    input: { feedback, source: req.params.provider },
  })
  res.status(200).json({ received: feedback.length, applied: result.applied })
}
