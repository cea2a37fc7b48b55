import { MedusaError } from "@medusajs/framework/utils"
import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import type { EmailConsentChange } from "../../../modules/marketing/tracking/types"
import { marketingOf } from "../../utils/marketing"

export type ChangeEmailConsentInput = {
  contact_id?: string | null
  /** The message whose link was used: for a send without a contact, its address is suppressed. */
  message_id?: string | null
  status: "pending" | "granted" | "denied"
  source: string
  ip_address?: string | null
  user_agent?: string | null
  at: string
}

export const changeEmailConsentStepId = "change-email-consent"

/**
 * Sets a contact's email consent with its proof (a consent record) and keeps
 * the suppression list in step (an unsubscribe suppresses the address, a new
 * grant lifts that). The record is history: a compensation would add
 * another record, not remove this one, so there is none.
 */
export const changeEmailConsentStep = createStep(
  changeEmailConsentStepId,
  async (input: ChangeEmailConsentInput, { container }) => {
    const marketing = marketingOf(container)
    const before = input.contact_id ? await marketing.changeEmailConsent({ ...input, contact_id: input.contact_id }) : null
    if (input.contact_id && !before && !input.message_id) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Contact with id: ${input.contact_id} was not found`)
    }
    if (input.contact_id && before) {
      const changes: EmailConsentChange[] =
        before.previous === input.status
          ? []
          : [{ contact_id: before.contact_id, status: input.status, previous: before.previous, source: input.source }]
      return new StepResponse({ changes })
    }
    // No contact (a test send, or one erased since): an unsubscribe still suppresses the address.
    if (input.message_id && input.status === "denied") {
      const [message] = await marketing.listMessages({ id: input.message_id }, { select: ["id", "email"] })
      if (message) {
        await marketing.markMessageUnsubscribed(message.id, input.at)
        await marketing.suppressEmails([
          { email: message.email, reason: "unsubscribed", source: input.source, message_id: message.id },
        ])
      }
    }
    return new StepResponse({ changes: [] as EmailConsentChange[] })
  }
)
