import type { MedusaContainer } from "@medusajs/framework/types"
import { marketingOf } from "../workflows/utils/marketing"
import { runDueFlowsWorkflow } from "../workflows/flows"

/**
 * The flow runner: claims due enrollments of active flows in batches of
 * `flows.batchSize` (SKIP LOCKED, so several instances share the work) and
 * runs each until it reaches a wait or ends; scheduled segment enrollments
 * too. It keeps taking batches while a full one came back, for up to
 * `flows.runSeconds`, so a large campaign drains within the tick.
 */
export default async function runMarketingFlowsJob(container: MedusaContainer) {
  const { batchSize, runSeconds } = marketingOf(container).getOptions().flows
  const until = Date.now() + runSeconds * 1000
  do {
    const { result } = await runDueFlowsWorkflow(container).run({ input: { limit: batchSize } })
    if (result.claimed < batchSize) break
  } while (Date.now() < until)
}

export const config = {
  name: "marketing-run-flows",
  schedule: "* * * * *",
}
