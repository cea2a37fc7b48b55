import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { refreshAfterContactImportWorkflow } from "../workflows/imports"
import { MarketingEvents } from "../workflows/tracking/events"

/** A completed import's contacts reach segments and predictions at once. */
export default async function refreshAfterContactImport({ event, container }: SubscriberArgs<{ id: string; status: string }>) {
  if (event.data?.status !== "completed") return
  await refreshAfterContactImportWorkflow(container).run({ input: {} })
}

export const config: SubscriberConfig = {
  event: MarketingEvents.CONTACT_IMPORT_FINISHED,
  context: { subscriberId: "marketing-refresh-after-contact-import" },
}
