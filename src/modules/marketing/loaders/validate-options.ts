import type { LoaderOptions, Logger } from "@medusajs/framework/types"
import { resolveEmailSettings } from "../email/settings"
import { parseMarketingOptions } from "../options"

/**
 * Fails the app's start with a message naming any bad plugin option, and
 * warns when email links would be signed with the public development secret.
 */
export default async function validateOptionsLoader({ options, container }: LoaderOptions): Promise<void> {
  const parsed = parseMarketingOptions(options)
  if (resolveEmailSettings(parsed.email, process.env).insecureSecret) {
    let logger: Logger | undefined
    try {
      logger = container?.resolve?.("logger") as Logger
    } catch {
      logger = undefined
    }
    logger?.warn(
      "medusa-marketing-automation: no email secret is set (options.email.secret, MARKETING_EMAIL_SECRET or a COOKIE_SECRET of 16+ characters). " +
        "Email links are signed with a public development key, anyone can forge them, and the SMTP feedback webhook is off. Set one before sending real email."
    )
  }
}
