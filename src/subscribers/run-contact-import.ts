import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { runContactImportWorkflow } from "../workflows/imports"
import { MarketingEvents } from "../workflows/tracking/events"

/** Starts a run as soon as an import is queued (the run claims it, so only one instance applies it). */
export default async function runContactImport({ container }: SubscriberArgs<{ id: string }>) {
  await runContactImportWorkflow(container).run({ input: {} })
}

export const config: SubscriberConfig = {
  event: MarketingEvents.CONTACT_IMPORT_QUEUED,
  context: { subscriberId: "marketing-run-contact-import" },
}
