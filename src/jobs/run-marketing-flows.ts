import type { MedusaContainer } from "@medusajs/framework/types"
import { marketingOf } from "../workflows/utils/marketing"
import { runDueFlowsWorkflow } from "../workflows/flows"

/**
 * The flow runner: claims due enrollments of active flows in batches of
 * `flows.batchSize` (SKIP LOCKED, so several instances and lanes share the
 * work) and runs each until it reaches a wait or ends; scheduled segment
 * enrollments too. `flows.concurrency` lanes keep taking batches while full
 * ones come back, for up to `flows.runSeconds`, so a campaign drains within
 * the tick.
 */
export default async function runMarketingFlowsJob(container: MedusaContainer) {
  const { batchSize, runSeconds, concurrency } = marketingOf(container).getOptions().flows
  const until = Date.now() + runSeconds * 1000
  const lane = async () => {
    do {
      const { result } = await runDueFlowsWorkflow(container).run({ input: { limit: batchSize } })
      if (result.claimed < batchSize) break
    } while (Date.now() < until)
  }
  await Promise.all(Array.from({ length: concurrency }, lane))
}

export const config = {
  name: "marketing-run-flows",
  schedule: "* * * * *",
}
