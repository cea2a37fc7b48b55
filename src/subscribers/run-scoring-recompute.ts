import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { runScoringRecomputeWorkflow } from "../workflows/scoring"

/** Runs a requested score recompute in the background. */
export default async function runScoringRecompute({ event, container }: SubscriberArgs<{ id: string }>) {
  await runScoringRecomputeWorkflow(container).run({ input: { id: event.data.id } })
}

export const config: SubscriberConfig = {
  event: "marketing.scoring_recompute_requested",
  context: { subscriberId: "marketing-run-scoring-recompute" },
}
