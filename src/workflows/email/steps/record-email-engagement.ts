import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { classifyClick, classifyOpen } from "../../../modules/marketing/email/engagement"
import type { PreparedEvent } from "../../../modules/marketing/tracking/types"
import { marketingOf } from "../../utils/marketing"

export type RecordEmailEngagementInput = {
  kind: "open" | "click"
  message_id: string
  user_agent?: string | null
  /** The click's target (already verified by the token). */
  url?: string | null
  at: string
}

export const recordEmailEngagementStepId = "record-email-engagement"

/**
 * Counts an open or a click on its message and, when a person (not a proxy
 * or a link scanner) did it, returns the `email_opened` / `email_clicked`
 * event for the contact. Machine hits are only counted on the message.
 * Counters are not compensated: the hit happened.
 */
export const recordEmailEngagementStep = createStep(
  recordEmailEngagementStepId,
  async (input: RecordEmailEngagementInput, { container }) => {
    const marketing = marketingOf(container)
    const message = await marketing.messageSentAt(input.message_id)
    if (!message) return new StepResponse({ found: false, machine: false, reason: null, events: [] as PreparedEvent[] })
    const hit = { userAgent: input.user_agent, sentAt: message.sent_at, at: input.at }
    const { machine, reason } = input.kind === "open" ? classifyOpen(hit) : classifyClick(hit)
    const counted = await marketing.recordEmailEngagement({ message_id: input.message_id, kind: input.kind, machine, at: input.at })
    const events: PreparedEvent[] =
      !machine && counted?.contact_id
        ? [
            {
              type: input.kind === "open" ? "email_opened" : "email_clicked",
              contact_id: counted.contact_id,
              properties: {
                message_id: input.message_id,
                template: counted.template_id,
                ...(input.kind === "click" && input.url ? { url: input.url } : {}),
              },
              occurred_at: input.at,
              received_at: input.at,
              source: "email",
              profile: {},
            },
          ]
        : []
    return new StepResponse({ found: true, machine, reason, events })
  }
)
