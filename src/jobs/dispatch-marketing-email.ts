import type { MedusaContainer } from "@medusajs/framework/types"
import { dispatchEmailsWorkflow } from "../workflows/email"
import { startDrain } from "../workflows/utils/drain"

/** Up to 20 batches of 500 due messages, until the queue has nothing due. */
async function drainDueEmail(container: MedusaContainer) {
  for (let batch = 0; batch < 20; batch++) {
    const { result } = await dispatchEmailsWorkflow(container).run({ input: { limit: 500, settle_seconds: 30 } })
    if (result.claimed < 500) break
  }
}

/**
 * Sends queued email: retries after transient failures, and anything queued
 * without immediate dispatch. Starts the drain and returns (see startDrain).
 */
export default async function dispatchMarketingEmailJob(container: MedusaContainer) {
  startDrain(container, "Marketing email dispatcher", () => drainDueEmail(container))
}

export const config = {
  name: "marketing-dispatch-email",
  schedule: "* * * * *",
}
