import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { marketingOf } from "../../utils/marketing"
export type NotifySalesTeamStepInput = { contact_id: string; reason: string }

export const notifySalesTeamStepId = "notify-sales-team"

/**
 * Tells the sales team a lead is sales-ready: a notification in the admin's
 * feed and an email to the configured address, both through Medusa's
 * Notification Module (so any provider the store configured delivers them).
 */
export const notifySalesTeamStep = createStep(
  notifySalesTeamStepId,
  async (input: NotifySalesTeamStepInput, { container }) => {
    const marketing = marketingOf(container)
    const settings = await marketing.getScoringSettings()
    const contact = await marketing.retrieveContact(input.contact_id)
    const who = contact.email ?? `Contact ${contact.id}`
    const name = [contact.first_name, contact.last_name].filter(Boolean).join(" ")
    const data = {
      title: "Sales-ready lead",
      description: `${name ? `${name} (${who})` : who} is sales-ready: ${input.reason}.`,
      contact_id: contact.id,
      email: contact.email,
      acquisition_score: contact.acquisition_score,
      url: `/app/marketing/contacts/${contact.id}`,
    }
    const notifications: any[] = []
    if (settings.sales_notification_feed) {
      notifications.push({ to: "", channel: "feed", template: "admin-ui", data })
    }
    if (settings.sales_notification_email) {
      notifications.push({
        to: settings.sales_notification_email,
        channel: "email",
        template: "marketing-sales-ready",
        data,
        idempotency_key: `sales-ready:${contact.id}:${contact.lifecycle_stage_at ?? ""}`,
      })
    }
    if (!notifications.length) return new StepResponse([])
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    try {
      const created = await container.resolve(Modules.NOTIFICATION).createNotifications(notifications)
      return new StepResponse(created)
    } catch (e) {
      // A store without a provider for a channel should not lose the stage change.
      logger.warn(`marketing: could not notify the sales team about ${contact.id}: ${(e as Error).message}`)
      return new StepResponse([])
    }
  }
)
