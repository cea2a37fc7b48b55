import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { marketingOf } from "../workflows/utils/marketing"
import { runDueFlowsWorkflow } from "../workflows/flows"

/** The drain each app (container) has running, so a tick that finds one going leaves it be. */
const draining = new WeakMap<MedusaContainer, Promise<void>>()

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
 *
 * The tick starts the drain and returns. Medusa's in-memory engine arms the
 * next tick a full minute after a run has *finished*, so a tick that worked
 * for 50 s left the runner idle for the next 60; detached, a campaign drains
 * with only the gap between `runSeconds` and the minute. A tick that finds
 * this app's drain still going leaves it be. An instance that dies mid-drain
 * loses nothing: its claims' leases run out and another runner takes them.
 */
export default async function runMarketingFlowsJob(container: MedusaContainer) {
  if (draining.has(container)) return
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const drain = drainDueFlows(container)
    .catch((e) => logger.error(`Marketing flow runner: ${e instanceof Error ? e.message : String(e)}`))
    .finally(() => draining.delete(container))
  draining.set(container, drain)
}

export const config = {
  name: "marketing-run-flows",
  schedule: "* * * * *",
}
