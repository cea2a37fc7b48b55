import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import type { EnqueueMessageInput } from "../../../modules/marketing/email/queue"
import { marketingOf } from "../../utils/marketing"

export const enqueueMessagesStepId = "enqueue-marketing-messages"

/**
 * Queues messages (a known idempotency key returns the existing message);
 * compensation removes the ones this step created, if still unsent.
 */
export const enqueueMessagesStep = createStep(
  enqueueMessagesStepId,
  async (input: { messages: EnqueueMessageInput[]; now?: string }, { container }) => {
    const marketing = marketingOf(container)
    const result = await marketing.enqueueMessages(input.messages, input.now ? new Date(input.now) : new Date())
    return new StepResponse(result, result.created_ids)
  },
  async (createdIds, { container }) => {
    if (!createdIds?.length) return
    const marketing = marketingOf(container)
    // Only messages no dispatcher touched: one with an attempt may already be in someone's inbox.
    const unsent = await marketing.listMessages({ id: createdIds, status: "queued", attempts: 0 }, { select: ["id"] })
    if (unsent.length) await marketing.deleteMessages(unsent.map((m) => m.id))
  }
)
