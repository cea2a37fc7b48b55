import type { INotificationModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { type ContactRef, resolveContactRef } from "./contact-ref"

export const eraseEmailNotificationsStepId = "erase-marketing-email-notifications"

/**
 * Deletes the Notification Module's copies of the person's marketing emails
 * (each notification holds the address and the rendered email; its
 * `resource_id` is the message). Runs before the messages themselves are
 * erased, which is how they are found. Not compensated: erasure is final.
 */
export const eraseEmailNotificationsStep = createStep(
  eraseEmailNotificationsStepId,
  async (input: ContactRef, { container }) => {
    const { marketing, contactId } = await resolveContactRef(container, input)
    if (!contactId) return new StepResponse({ deleted: 0 })
    let notifications: INotificationModuleService & { deleteNotifications(ids: string[]): Promise<void> }
    try {
      notifications = container.resolve(Modules.NOTIFICATION) as typeof notifications
    } catch {
      return new StepResponse({ deleted: 0 })
    }
    const { messages } = await marketing.exportContactData(contactId)
    const messageIds = (messages as { id: string }[]).map((m) => m.id)
    let deleted = 0
    for (let i = 0; i < messageIds.length; i += 500) {
      const found = await notifications.listNotifications(
        { resource_type: "marketing_message", resource_id: messageIds.slice(i, i + 500) } as any,
        { select: ["id"], take: null as any }
      )
      if (found.length) {
        await notifications.deleteNotifications(found.map((n) => n.id))
        deleted += found.length
      }
    }
    return new StepResponse({ deleted })
  }
)
