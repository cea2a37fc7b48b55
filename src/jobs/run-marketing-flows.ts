import type { MedusaContainer } from "@medusajs/framework/types"
import { runDueFlowsWorkflow } from "../workflows/flows"

/**
 * The flow runner: claims due enrollments of active flows in bounded
 * batches (SKIP LOCKED, so several instances share the work) and runs each
 * until it reaches a wait or ends; scheduled segment enrollments too.
 */
export default async function runMarketingFlowsJob(container: MedusaContainer) {
  for (let batch = 0; batch < 20; batch++) {
    const { result } = await runDueFlowsWorkflow(container).run({ input: { limit: 100 } })
    if (result.claimed < 100) break
  }
}

export const config = {
  name: "marketing-run-flows",
  schedule: "* * * * *",
}
