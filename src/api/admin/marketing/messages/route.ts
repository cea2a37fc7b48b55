import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { AdminListMessagesType } from "./validators"

export const MESSAGE_FIELDS = [
  "id",
  "contact_id",
  "template_id",
  "kind",
  "topic",
  "email",
  "subject",
  "status",
  "error",
  "attempts",
  "next_attempt_at",
  "provider_id",
  "provider_message_id",
  "queued_at",
  "sent_at",
  "failed_at",
  "bounced_at",
  "complained_at",
  "opened_at",
  "clicked_at",
  "open_count",
  "click_count",
  "machine_open_count",
  "machine_click_count",
]

/** The message log, newest first, filtered by contact, template or status. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { limit, offset, ...filters } = req.validatedQuery as unknown as AdminListMessagesType
  const { data, metadata } = await query.graph({
    entity: "message",
    fields: MESSAGE_FIELDS,
    filters,
    pagination: { skip: offset, take: limit, order: { queued_at: "DESC", id: "DESC" } },
  })
  res.json({ messages: data, count: metadata?.count ?? 0, offset, limit })
}
