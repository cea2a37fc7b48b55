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
type EmailSettings = ReturnType<MarketingModuleService["getEmailSettings"]>

type FeedbackProvider = {
  /** Why this webhook is off (a 404), or null when it can verify requests. */
  unavailable(settings: EmailSettings): string | null
  verify(settings: EmailSettings, rawBody: Buffer, header: (name: string) => string | undefined): boolean
  parse(body: unknown): DeliveryFeedback[]
}

const PROVIDERS = new Map<string, FeedbackProvider>([
  [
    "sendgrid",
    {
      unavailable: (s) => (s.webhooks.sendgridPublicKey ? null : "SendGrid webhook not configured"),
      verify: (s, rawBody, header) =>
        verifySendgridSignature({
          publicKey: s.webhooks.sendgridPublicKey!,
          rawBody,
          signature: header(SENDGRID_SIGNATURE_HEADER),
          timestamp: header(SENDGRID_TIMESTAMP_HEADER),
        }),
      parse: parseSendgridEvents,
    },
  ],
  [
    "smtp",
    {
      // Signed with the email secret: with the public development one, anyone could sign.
      unavailable: (s) => (s.insecureSecret ? "SMTP feedback webhook needs options.email.secret" : null),
      verify: (s, rawBody, header) =>
        verifyFeedbackSignature({
          secret: s.secret,
          rawBody,
          signature: header(SIGNED_JSON_SIGNATURE_HEADER),
          timestamp: header(SIGNED_JSON_TIMESTAMP_HEADER),
        }),
      parse: parseSignedJsonFeedback,
    },
  ],
])

export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const settings = req.scope.resolve<MarketingModuleService>(MARKETING_MODULE).getEmailSettings()
  const raw = (req as MedusaRequest & { rawBody?: Buffer }).rawBody ?? Buffer.from("")
  const provider = PROVIDERS.get(req.params.provider)
  if (!provider) {
    return res.status(404).json({ type: "not_found", field: "provider", message: `provider: unknown email provider "${req.params.provider}" (sendgrid, smtp)` })
  }
  const unavailable = provider.unavailable(settings)
  if (unavailable) return res.status(404).json({ type: "not_found", message: unavailable })
  if (!provider.verify(settings, raw, (name) => req.get(name))) return res.status(401).json({ type: "unauthorized", message: "invalid signature" })
  const feedback = provider.parse(req.body)
  const { result } = await applyDeliveryFeedbackWorkflow(req.scope).run({
    input: { feedback, source: req.params.provider },
  })
  res.status(200).json({ received: feedback.length, applied: result.applied })
}
