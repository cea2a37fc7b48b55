import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { notifySalesTeamWorkflow } from "../workflows/scoring"
import { MarketingEvents } from "../workflows/tracking/events"

type StageChanged = { contact_id: string; to_stage: string; reason: string }

/** A lead that becomes sales-ready is handed to the sales team. */
export default async function notifySalesReady({ event, container }: SubscriberArgs<StageChanged>) {
  if (event.data.to_stage !== "sales_ready") return
  await notifySalesTeamWorkflow(container).run({
    input: { contact_id: event.data.contact_id, reason: event.data.reason },
  })
}

export const config: SubscriberConfig = {
  event: MarketingEvents.LIFECYCLE_STAGE_CHANGED,
  context: { subscriberId: "marketing-notify-sales-ready" },
}
