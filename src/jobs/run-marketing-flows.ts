import type { MedusaContainer } from "@medusajs/framework/types"
import { marketingOf } from "../workflows/utils/marketing"
import { startDrain } from "../workflows/utils/drain"
import { runDueFlowsWorkflow } from "../workflows/flows"

/**
 * `flows.concurrency` lanes take batches of `flows.batchSize` (SKIP LOCKED,
 * so lanes and instances share the work) while full ones come back, for up
 * to `flows.runSeconds`.
 */
async function drainDueFlows(container: MedusaContainer) {
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

/**
 * The flow runner's tick: claims due enrollments of active flows and runs
 * each until it reaches a wait or ends; scheduled segment enrollments too.
 * It starts the drain and returns (see startDrain), so a campaign drains
 * without a pause at each minute.
 */
export default async function runMarketingFlowsJob(container: MedusaContainer) {
  startDrain(container, "Marketing flow runner", () => drainDueFlows(container))
}

export const config = {
  name: "marketing-run-flows",
  schedule: "* * * * *",
}
