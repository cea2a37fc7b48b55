import type { MedusaContainer } from "@medusajs/framework/types"
import { marketingOf } from "../workflows/utils/marketing"
import { drainLoop, startDrain, type Sleep } from "../workflows/utils/drain"
import { runDueFlowsWorkflow } from "../workflows/flows"

/**
 * `flows.concurrency` lanes take batches of `flows.batchSize` (SKIP LOCKED,
 * so lanes and instances share the work) while full ones come back; then
 * the drain waits for whatever is due next within `flows.runSeconds`.
 */
async function drainDueFlows(container: MedusaContainer, sleep: Sleep) {
  const marketing = marketingOf(container)
  const { batchSize, runSeconds, concurrency } = marketing.getOptions().flows
  const until = Date.now() + runSeconds * 1000
  const lane = async () => {
    do {
      const { result } = await runDueFlowsWorkflow(container).run({ input: { limit: batchSize } })
      if (result.claimed < batchSize) break
    } while (Date.now() < until)
  }
  await drainLoop({
    round: async () => void (await Promise.all(Array.from({ length: concurrency }, lane))),
    nextDueAt: (before) => marketing.nextEnrollmentDueAt({ now: new Date(), before }),
    until,
    sleep,
  })
}

/**
 * The flow runner's tick: claims due enrollments of active flows and runs
 * each until it reaches a wait or ends; scheduled segment enrollments too.
 * It starts the drain and returns (see startDrain), so a campaign drains
 * without a pause at each minute.
 */
export default async function runMarketingFlowsJob(container: MedusaContainer) {
  startDrain(container, "Marketing flow runner", (sleep) => drainDueFlows(container, sleep))
}

export const config = {
  name: "marketing-run-flows",
  schedule: "* * * * *",
}
