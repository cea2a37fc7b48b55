import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { claimDueMessages } from "../utils/claim"
import { deliverMessages } from "../utils/deliver"
import { marketingOf } from "../../utils/marketing"

export type DispatchMessagesInput = {
  /** Only these messages (still due and unclaimed); otherwise the oldest due ones. */
  message_ids?: string[]
  limit?: number
  /** The dispatcher's clock (ISO); tests pass their own. */
  now?: string
  /**
   * Leave messages that became due less than this many seconds ago: the
   * workflow that queued them is sending them right now. The minutely job
   * passes 30, so it picks up retries and leftovers, not fresh sends.
   */
  settle_seconds?: number
  /** Answer the delivered messages as written (the send workflow answers them without reading them again). */
  answer_messages?: boolean
}

export const dispatchMessagesStepId = "dispatch-marketing-messages"

/**
 * Claims due messages and delivers them. Nothing to compensate: a sent email
 * cannot be unsent, and every outcome is recorded on its message.
 */
export const dispatchMessagesStep = createStep(
  dispatchMessagesStepId,
  async (input: DispatchMessagesInput, { container }) => {
    const marketing = marketingOf(container)
    const now = input.now ? new Date(input.now) : new Date()
    if (input.message_ids && !input.message_ids.length) {
      return new StepResponse({ claimed: 0, sent: 0, failed: 0, retrying: 0, suppressed: 0, ...(input.answer_messages ? { messages: [] } : {}) })
    }
    const claimed = await claimDueMessages(marketing, {
      now,
      limit: Math.min(input.limit ?? 500, 5000),
      ids: input.message_ids ?? null,
      settleSeconds: input.settle_seconds ?? 0,
    })
    const { outcomes, messages, ...counts } = await deliverMessages(container, claimed, now)
    return new StepResponse({ claimed: claimed.length, ...counts, ...(input.answer_messages ? { messages } : {}) })
  }
)
