import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { runScoringRecomputeWorkflow } from "../workflows/scoring"
import { MarketingEvents } from "../workflows/tracking/events"

/** Runs a requested score recompute in the background. */
export default async function runScoringRecompute({ event, container }: SubscriberArgs<{ id: string }>) {
  await runScoringRecomputeWorkflow(container).run({ input: { id: event.data.id } })
}

export const config: SubscriberConfig = {
  event: MarketingEvents.SCORING_RECOMPUTE_REQUESTED,
  context: { subscriberId: "marketing-run-scoring-recompute" },
}
