import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import { SmtpNotificationService } from "./service"

export { SmtpNotificationService } from "./service"
export { isTransientSmtpError, smtpErrorDetails, SmtpSendError } from "./errors"
export { parseSmtpOptions } from "./options"
export type { SmtpProviderOptions, SmtpProviderOptionsInput } from "./options"

export default ModuleProvider(Modules.NOTIFICATION, {
  services: [SmtpNotificationService],
})
