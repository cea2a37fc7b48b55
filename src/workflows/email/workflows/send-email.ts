import { WorkflowResponse, createWorkflow, transform, when } from "@medusajs/framework/workflows-sdk"
import { DispatchMessagesInput, dispatchMessagesStep } from "../steps/dispatch-messages"
import { enqueueMessagesStep } from "../steps/enqueue-messages"
import { SendEmailInput, prepareMessagesStep } from "../steps/prepare-messages"
import { MESSAGE_FIELDS } from "../utils/message-fields"

export type SendEmailWorkflowInput = {
  messages: SendEmailInput[]
  /** Deliver right away (default), or leave them to the dispatcher job. */
  dispatch?: boolean
  now?: string
}

const pickFields = (row: Record<string, any>, fields: string[]) => Object.fromEntries(fields.map((f) => [f, row[f] ?? null]))

export const sendEmailWorkflowId = "send-marketing-email"

/**
 * Sends emails: validates them, queues one Message per email (idempotently:
 * the same key never makes a second message), then delivers the new ones
 * through the Notification Module. Marketing email to a contact who
 * unsubscribed, bounced, complained, paused or did not consent is recorded as
 * `suppressed` and not sent. Transient provider failures stay queued for the
 * dispatcher job, with backoff.
 *
 * @example
 * const { result } = await sendEmailWorkflow(container).run({
 *   input: {
 *     messages: [{
 *       template_id: "mtpl_123",
 *       contact_id: "mcon_123",
 *       topic: "offers",
 *       context: { cart_id: "cart_123", products: { strategy: "recently_viewed", limit: 4 } },
 *       idempotency_key: "cart-abandonment:cart_123",
 *     }],
 *   },
 * })
 */
export const sendEmailWorkflow = createWorkflow(sendEmailWorkflowId, (input: SendEmailWorkflowInput) => {
  const rows = prepareMessagesStep({ messages: input.messages })
  const queued = enqueueMessagesStep({ messages: rows, now: input.now })
  const dispatch = transform({ input, queued }, ({ input, queued }): DispatchMessagesInput | null =>
    input.dispatch === false ? null : { message_ids: queued.created_ids, now: input.now, answer_messages: true }
  )
  const delivered = when({ dispatch }, ({ dispatch }) => !!dispatch).then(() =>
    dispatchMessagesStep(dispatch as DispatchMessagesInput)
  )
  // In the order they were given: each as delivery wrote it, else as queued (or found by its key).
  const messages = transform({ queued, delivered }, ({ queued, delivered }) => {
    const written = new Map(((delivered as { messages?: { id: string }[] } | undefined)?.messages ?? []).map((m) => [m.id, m]))
    return queued.messages.map((m) => pickFields(written.get(m.id) ?? m, MESSAGE_FIELDS))
  })
  return new WorkflowResponse({ messages })
})
