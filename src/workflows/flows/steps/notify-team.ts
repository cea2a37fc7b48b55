import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import type { NotifyTeamStep, StepRunInput, StepRunResult } from "../../../modules/marketing/flows/types"
import { marketingOf } from "../../utils/marketing"
import { sendEmailWorkflow } from "../../email/workflows/send-email"

export const flowNotifyTeamStepId = "flow-notify-team"

/** The contact's owner's address (an admin user), when there is one. */
async function ownerEmail(container: any, ownerId: string | null): Promise<string | null> {
  if (!ownerId) return null
  const [user] = await container.resolve(Modules.USER).listUsers({ id: ownerId }, { select: ["id", "email"], take: 1 })
  return user?.email ?? null
}

/**
 * A flow's `notify_team` step, like the sales-ready alert: a notification in
 * the admin's feed and a transactional email (the plugin's built-in team
 * template) to the step's address, the contact's owner (`to_owner`) or the
 * team address of the scoring settings. Both are keyed by the step run's key,
 * so a retried run sends neither twice. Nothing to compensate: a sent
 * notification stays sent.
 */
export const flowNotifyTeamStep = createStep(
  flowNotifyTeamStepId,
  async (input: StepRunInput<NotifyTeamStep>, { container }) => {
    const marketing = marketingOf(container)
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    const contact = await marketing.retrieveContact(input.contact_id, {
      select: ["id", "email", "first_name", "last_name", "owner_user_id"],
    })
    const who = contact.email ?? `Contact ${contact.id}`
    const name = [contact.first_name, contact.last_name].filter(Boolean).join(" ")
    const stepName = input.step.name ?? input.step_id
    const data = {
      title: `${input.flow_name}: ${name || who}`,
      description: `${name ? `${name} (${who})` : who} reached "${stepName}" in the flow "${input.flow_name}".`,
      message: input.step.message ?? null,
      flow_name: input.flow_name,
      step_name: stepName,
      contact_id: contact.id,
      email: contact.email,
      url: `/app/marketing/contacts/${contact.id}`,
    }
    const owner = input.step.to_owner ? await ownerEmail(container, contact.owner_user_id ?? null) : null
    const to = owner ?? input.step.email ?? (await marketing.getScoringSettings()).sales_notification_email ?? null

    let feed = false
    try {
      await container.resolve(Modules.NOTIFICATION).createNotifications([
        { to: "", channel: "feed", template: "admin-ui", data, idempotency_key: `${input.idempotency_key}:feed` },
      ])
      feed = true
    } catch (e) {
      // A store without a feed provider still gets the email.
      logger.warn(`marketing: no admin notification for flow step ${input.step_id}: ${(e as Error).message}`)
    }
    if (!to) {
      return new StepResponse<StepRunResult>({
        outcome: feed ? "completed" : "skipped",
        reason: feed ? undefined : "no team address and no admin feed",
        data: { feed, to: null },
      })
    }
    const { result } = await sendEmailWorkflow(container).run({
      input: {
        messages: [
          {
            system: "team_notification",
            email: to,
            kind: "transactional",
            context: { data },
            idempotency_key: `${input.idempotency_key}:team-email`,
          },
        ],
      },
    })
    const message = result.messages[0] as { id: string; status?: string } | undefined
    return new StepResponse<StepRunResult>({
      outcome: "completed",
      message_id: message?.id,
      data: { feed, to, to_owner: !!owner, message_status: message?.status ?? null },
    })
  }
)
