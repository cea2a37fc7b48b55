import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { runContactExportWorkflow } from "../workflows/exports"
import { MarketingEvents } from "../workflows/tracking/events"

/** Runs a requested contact export in the background (the minutely job takes over any this misses). */
export default async function runContactExport({ event, container }: SubscriberArgs<{ id: string }>) {
  await runContactExportWorkflow(container).run({ input: { id: event.data.id } })
}

export const config: SubscriberConfig = {
  event: MarketingEvents.CONTACT_EXPORT_REQUESTED,
  context: { subscriberId: "marketing-run-contact-export" },
}
